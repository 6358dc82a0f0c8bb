#!/usr/bin/env bash
# Installs Pizhu as a desktop application: the `pizhu` binary (built with cargo install),
# its applications-menu entry, its icons in the hicolor theme, and the MIME type that makes
# NAME.pizhu.ron files open in Pizhu. Idempotent: running it again updates the install.
#
# Per user by default, no sudo needed:
#   binary  ~/.local/bin/pizhu
#   data    ${XDG_DATA_HOME:-~/.local/share}/{applications,icons/hicolor,mime/packages}
# With PREFIX=/usr/local (for instance; run as root then), the binary goes to
# $PREFIX/bin and the data to $PREFIX/share.
#
# Usage: scripts/install-desktop.sh [--debug] [--bin FILE]
#   --debug     build without optimisations (faster to build, slower to run)
#   --bin FILE  install this already-built pizhu binary instead of building one
# Environment: PREFIX, BINDIR (default $PREFIX/bin), DATADIR (default $PREFIX/share, or
# $XDG_DATA_HOME when PREFIX is unset). scripts/uninstall-desktop.sh takes the same ones.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debug=0
prebuilt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) debug=1 ;;
    --bin)
      if [ $# -lt 2 ]; then
        echo "install-desktop: --bin needs a file" >&2
        exit 2
      fi
      prebuilt="$2"
      shift
      ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "install-desktop: unknown argument '$1' (try --help)" >&2
      exit 2
      ;;
  esac
  shift
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
      echo "install-desktop: '$dir' is not an absolute path" >&2
      exit 2
      ;;
  esac
done
bin="$bindir/pizhu"

# The menu entry runs the binary by its absolute path, so it works whether or not
# $bindir is on the PATH of the desktop session. Exec= needs quoting for spaces and
# escapes for a few characters; refuse those rather than get the escaping wrong.
case "$bin" in
  *[\"\`\$\\%]*)
    echo "install-desktop: the binary path '$bin' contains one of \" \` \$ \\ %; choose another BINDIR" >&2
    exit 2
    ;;
  *[[:space:]]*) exec_bin="\"$bin\"" ;;
  *) exec_bin="$bin" ;;
esac

sizes=(16 32 48 64 128 256 512)

echo "install-desktop: binary into $bindir, menu entry, icons and MIME type into $datadir"

# 1. The binary. cargo install builds in the crate's target/ (so it reuses earlier builds)
# and stages into a temporary root, so that uninstall removes exactly one file.
if [ -z "$prebuilt" ]; then
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  cargo_flags=(--path "$repo" --root "$stage" --locked)
  if [ "$debug" -eq 1 ]; then cargo_flags+=(--debug); fi
  cargo install "${cargo_flags[@]}"
  built="$stage/bin/pizhu"
else
  built="$prebuilt"
  if [ ! -f "$built" ] || [ ! -x "$built" ]; then
    echo "install-desktop: --bin $built is not an executable file" >&2
    exit 1
  fi
fi
install -D -m 755 "$built" "$bin"

# 2. The applications-menu entry, with Exec and TryExec pointing at the installed binary.
mkdir -p "$datadir/applications"
sed -e "s|^Exec=pizhu |Exec=$exec_bin |" -e "s|^TryExec=pizhu\$|TryExec=$bin|" \
  "$repo/packaging/pizhu.desktop" >"$datadir/applications/pizhu.desktop.tmp"
chmod 644 "$datadir/applications/pizhu.desktop.tmp"
mv -f "$datadir/applications/pizhu.desktop.tmp" "$datadir/applications/pizhu.desktop"

# 3. Icons: every PNG size and the SVG, in the hicolor theme.
icons="$datadir/icons/hicolor"
for size in "${sizes[@]}"; do
  install -D -m 644 "$repo/assets/icon/pizhu-$size.png" "$icons/${size}x${size}/apps/pizhu.png"
done
install -D -m 644 "$repo/assets/icon/pizhu.svg" "$icons/scalable/apps/pizhu.svg"

# 4. The MIME type application/x-pizhu-project for *.pizhu.ron.
install -D -m 644 "$repo/packaging/pizhu-mime.xml" "$datadir/mime/packages/pizhu.xml"

# 5. Refresh the caches the desktop reads, with whichever tools this system has.
if command -v update-mime-database >/dev/null; then
  update-mime-database "$datadir/mime"
fi
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$datadir/applications"
fi
# Only refresh an icon cache that exists: without one, GTK reads the directories,
# whereas a cache we created would go stale when something else adds icons.
if command -v gtk-update-icon-cache >/dev/null && [ -f "$icons/icon-theme.cache" ]; then
  gtk-update-icon-cache -q -t -f "$icons"
fi

echo "install-desktop: installed $bin ($("$bin" --version 2>/dev/null || echo pizhu))"
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "install-desktop: note: $bindir is not on your PATH; the menu entry works anyway, add it to run 'pizhu' from a terminal" ;;
esac
echo "install-desktop: remove with: scripts/uninstall-desktop.sh (same PREFIX/BINDIR/DATADIR)"
