#!/usr/bin/env bash
# Runs a widget test where a system tray exists: a private Xvfb display with trayer as the tray
# host (the offscreen platform has no tray), so the main window makes its tray icon for real.
# QW_EXPECT_TRAY tells the test to wait for the tray and fail without it, never to skip.
# Everything started here is stopped on exit.
#   tests/ui/withtray.sh TEST_EXECUTABLE [ARGS...]
set -euo pipefail
pids=()
work=$(mktemp -d)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for tool in Xvfb trayer; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (installer/install-deps.sh)"; exit 1; }
done
# Xvfb takes a free display and writes its number to descriptor 4.
mkfifo "$work/display"
Xvfb -displayfd 4 -screen 0 1280x800x24 -nolisten tcp 4>"$work/display" >/dev/null 2>&1 &
pids+=($!)
read -r -t 10 number <"$work/display" || { echo "Xvfb did not start"; exit 1; }
export DISPLAY=:$number QT_QPA_PLATFORM=xcb QW_EXPECT_TRAY=1
unset DBUS_SESSION_BUS_ADDRESS
trayer --edge bottom --align right --widthtype request --height 24 >/dev/null 2>&1 &
pids+=($!)
"$@"
