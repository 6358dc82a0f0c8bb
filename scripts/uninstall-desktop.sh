#!/usr/bin/env bash
# Removes what scripts/install-desktop.sh installed: the binary, the menu entry, the icons
# and the MIME type, then refreshes the desktop's caches so they forget Pizhu. Caches and
# directories the install created are removed too when nothing else uses them; nothing
# else is touched (your projects and Pizhu's settings stay). Idempotent.
#
# Usage: scripts/uninstall-desktop.sh
# Environment: the same PREFIX, BINDIR and DATADIR as given to install-desktop.sh.
set -euo pipefail

for arg in "$@"; do
  case "$arg" in
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "uninstall-desktop: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

if [ -n "${PREFIX:-}" ]; then
  datadir="${DATADIR:-$PREFIX/share}"
else
  PREFIX="$HOME/.local"
  datadir="${DATADIR:-${XDG_DATA_HOME:-$HOME/.local/share}}"
fi
bindir="${BINDIR:-$PREFIX/bin}"
for dir in "$PREFIX" "$bindir" "$datadir"; do
  case "$dir" in
    /*) ;;
    *)
      echo "uninstall-desktop: '$dir' is not an absolute path" >&2
      exit 2
      ;;
  esac
done
icons="$datadir/icons/hicolor"
mime="$datadir/mime"
sizes=(16 32 48 64 128 256 512)

files=(
  "$bindir/pizhu"
  "$datadir/applications/pizhu.desktop"
  "$icons/scalable/apps/pizhu.svg"
  "$mime/packages/pizhu.xml"
)
for size in "${sizes[@]}"; do
  files+=("$icons/${size}x${size}/apps/pizhu.png")
done

removed=0
for f in "${files[@]}"; do
  if [ -e "$f" ] || [ -L "$f" ]; then
    rm -f "$f"
    removed=$((removed + 1))
  fi
done
echo "uninstall-desktop: removed $removed of ${#files[@]} files from $bindir and $datadir"

# Remove a directory if it is empty (or already gone), then its empty parents, staying
# strictly inside $2.
prune() {
  local dir="$1" stop="$2"
  while true; do
    case "$dir" in
      "$stop"/*) ;;
      *) return 0 ;;
    esac
    if [ -d "$dir" ]; then rmdir "$dir" 2>/dev/null || return 0; fi
    dir="$(dirname "$dir")"
  done
}

# The MIME database: rebuild it without Pizhu's type. When no package is left, the
# database is only what update-mime-database generated for Pizhu: remove it.
if [ -d "$mime" ]; then
  if compgen -G "$mime/packages/*.xml" >/dev/null; then
    if command -v update-mime-database >/dev/null; then update-mime-database "$mime"; fi
    # It leaves the media-type directory it wrote Pizhu's type into, empty.
    for d in "$mime"/*/; do
      if [ "$d" != "$mime/packages/" ]; then rmdir "$d" 2>/dev/null || true; fi
    done
  else
    for f in XMLnamespaces aliases generic-icons globs globs2 icons magic mime.cache \
      subclasses treemagic types version; do
      rm -f "$mime/$f"
    done
    for d in "$mime"/*/; do
      if [ -d "$d" ]; then
        rm -f "$d"*.xml
        prune "${d%/}" "$mime"
      fi
    done
    prune "$mime/packages" "$datadir"
  fi
fi

# The applications' MIME cache: same idea.
apps="$datadir/applications"
if [ -d "$apps" ]; then
  if compgen -G "$apps/*.desktop" >/dev/null || compgen -G "$apps/*/*.desktop" >/dev/null; then
    if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$apps"; fi
  else
    rm -f "$apps/mimeinfo.cache"
    prune "$apps" "$datadir"
  fi
fi

# The icon cache is refreshed only if one exists (install-desktop.sh never creates one).
if command -v gtk-update-icon-cache >/dev/null && [ -f "$icons/icon-theme.cache" ]; then
  gtk-update-icon-cache -q -t -f "$icons"
fi

# Directories left empty go too, up to PREFIX (never PREFIX itself) or, for data outside
# PREFIX (XDG_DATA_HOME, DATADIR), up to the data directory.
data_stop="$datadir"
case "$datadir" in "$PREFIX"/*) data_stop="$PREFIX" ;; esac
for f in "${files[@]}"; do
  case "$f" in
    "$bindir"/*) prune "$(dirname "$f")" "$PREFIX" ;;
    *) prune "$(dirname "$f")" "$data_stop" ;;
  esac
done
echo "uninstall-desktop: done"
