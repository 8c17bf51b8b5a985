#!/usr/bin/env bash
# Starts the desktop app under Xvfb (with trayer as the tray host) on a demo database and
# captures the main window, a key's history view, the Alerts window, the settings (General and
# REST API), the main window at 800×600 and in the dark theme, the main window in Chinese and the
# first start on an empty database, into docs/screenshots/. Needs Xvfb, trayer, xdotool and ImageMagick (installer/install-deps.sh).
#   tests/ui/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail

build=${1:-build}
out=${2:-docs/screenshots}
quotawatch=$build/app/quotawatch
seed=$build/tests/bench/qw_seed
mkdir -p "$out"

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  tail -n 5 "$tmp"/app-*.log 2>/dev/null >&2 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/QuotaWatch"
db="sqlite://$tmp/demo.db"
"$seed" --db "$db" --demo --days 7 --every-min 10 >/dev/null
# A display currency with the user's own rate, so the header shows one converted total.
cat >"$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf" <<'CONF'
[display]
currency=USD
rates="{\"CNY\":0.138}"
[ui]
trayHintShown=true
[rest]
enabled=true
port=0
CONF

display=:$((120 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display QT_QPA_PLATFORM=xcb
unset DBUS_SESSION_BUS_ADDRESS
sleep 1
trayer --edge bottom --align right --widthtype request --height 24 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5

# Waits for a window whose name matches $1; prints its id.
window_named() {
  for _ in $(seq 100); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
    [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 0.1
  done
  echo "no window named $1" >&2
  return 1
}

shoot() { # language, file suffix
  "$quotawatch" --db "$db" -geometry 1240x740+20+10 >"$tmp/app-$1.log" 2>&1 &
  local app=$!
  pids+=("$app")
  local main
  main=$(window_named '^QuotaWatch$')
  sleep 1.5
  import -window "$main" "$out/main-window$2.png"
  if [ "$1" = en ]; then
    # Double-click the second key (DeepSeek, sorted by name) to open its history.
    xdotool mousemove --window "$main" 300 180 click --repeat 2 --delay 100 1
    local detail
    detail=$(window_named 'DeepSeek')
    sleep 1.5
    import -window "$detail" "$out/history.png"
    # The settings, from the main window's Ctrl+,.
    xdotool windowfocus --sync "$main" key ctrl+comma
    local settings
    settings=$(window_named '^Settings$')
    sleep 1
    import -window "$settings" "$out/settings.png"
    # The REST API page, the last in the list: the desktop serves the API on a free port.
    xdotool mousemove --window "$settings" 60 30 click 1 key End
    sleep 1
    import -window "$settings" "$out/settings-rest.png"
    xdotool key Escape
    # The Alerts window, from View → Alerts (its mnemonics).
    xdotool windowfocus --sync "$main" key alt+v
    sleep 0.5
    xdotool key a
    local alerts
    alerts=$(window_named '^Alerts')
    sleep 1
    import -window "$alerts" "$out/alerts.png"
  fi
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}

shoot en ""
# A small screen: the main window at 800×600 keeps name, remaining and status.
small() { # file, extra settings line for [ui], width, height
  sed -i '/^mainWindowGeometry=/d;/^keyTableState=/d' "$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf"
  [ -n "$2" ] && sed -i "s/^\[ui\]$/[ui]\n$2/" "$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf"
  "$quotawatch" --db "$db" >"$tmp/app-$1.log" 2>&1 &
  local app=$!
  pids+=("$app")
  local main
  main=$(window_named '^QuotaWatch$')
  # The window opens at a size it chooses for the screen; this is the size a user would drag it to.
  xdotool windowsize --sync "$main" "$3" "$4" || true
  sleep 1.5
  import -window "$main" "$out/$1.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  [ -n "$2" ] && sed -i "/^$2$/d" "$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf"
  # The window remembers its size: forget it, so the next shot opens as asked.
  sed -i '/^mainWindowGeometry=/d;/^keyTableState=/d' "$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf"
}
small main-window-800x600 "" 800 600
small main-window-dark "theme=dark" 1180 720
# The first minute: an empty database says what QuotaWatch does and offers the first key.
"$quotawatch" --db "sqlite://$tmp/empty.db" -geometry 1240x740+20+10 >"$tmp/app-empty.log" 2>&1 &
empty=$!
pids+=("$empty")
sleep 1.5
import -window "$(window_named '^QuotaWatch$')" "$out/first-start.png"
kill "$empty" 2>/dev/null || true
wait "$empty" 2>/dev/null || true
sed -i 's/^\[ui\]$/[ui]\nlanguage=zh_CN/' "$XDG_CONFIG_HOME/QuotaWatch/QuotaWatch.conf"
shoot zh_CN "-zh_CN"
ls -l "$out"
