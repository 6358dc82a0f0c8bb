#!/usr/bin/env bash
# All of Pizhu's tests: unit, integration (CLI, project file, exports checked
# by ../shared/schemas/validate.py), egui_kittest UI tests, and a smoke run of
# the real window under Xvfb. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test

echo "== GUI smoke test: the real window under Xvfb"
cargo build --quiet
data=$(mktemp -d)
status=0
PIZHU_DATA_DIR="$data" xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout 15 target/debug/pizhu >"$data/log" 2>&1 || status=$?
# timeout's 124 means the window was still up after 15 s: what we want.
if [ "$status" -eq 124 ]; then
  echo "gui-smoke: 1 passed, 0 failed"
else
  echo "gui-smoke: the app exited with status $status:" >&2
  cat "$data/log" >&2
  echo "gui-smoke: 0 passed, 1 failed"
  exit 1
fi
