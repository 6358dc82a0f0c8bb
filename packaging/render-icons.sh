#!/usr/bin/env bash
# Renders assets/icon/pizhu-SIZE.png from the SVG sources with rsvg-convert
# (Debian: librsvg2-bin). 16 px comes from pizhu-small.svg, drawn on the pixel grid
# so it stays crisp; every other size from pizhu.svg. The PNGs are committed: run
# this only after editing an SVG, then commit the SVG and the PNGs together.
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"

if ! command -v rsvg-convert >/dev/null; then
  echo "render-icons: rsvg-convert not found (sudo apt-get install librsvg2-bin)" >&2
  exit 1
fi

rsvg-convert --width 16 --height 16 --format png pizhu-small.svg --output pizhu-16.png
for size in 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png pizhu.svg --output "pizhu-$size.png"
done
echo "render-icons: wrote" pizhu-*.png
