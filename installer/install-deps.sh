#!/usr/bin/env bash
# Installs every Debian/Ubuntu package that building, running and testing QuotaWatch needs.
# Idempotent: packages already present are skipped, and apt is only touched when something is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format git
  # fuzzing (clang with libFuzzer) and benchmarks (/usr/bin/time -v)
  clang libclang-rt-14-dev time
  # Qt 6 (Charts needs OpenGL and xkbcommon headers; HttpServer needs WebSockets)
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql libqt6opengl6-dev libgl-dev libxkbcommon-dev
  qt6-qpa-plugins
  # libraries
  qtkeychain-qt6-dev libssl-dev libexpected-dev libcurl4-openssl-dev libjwt-dev zlib1g-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client
  gnome-keyring dbus-x11 libsecret-tools
  python3 python3-cryptography python3-aiosmtpd python3-prometheus-client openssl wrk
  xvfb xauth imagemagick fonts-noto-cjk trayer xdotool x11-utils
  # packaging and its test (tests/installer/package_test.sh): the validators of the desktop entry,
  # the AppStream metainfo and the systemd units; rpmbuild for CPack's RPM; dpkg-shlibdeps (dpkg-dev)
  # for the .deb's library dependencies; png2icns (icnsutils) for the macOS icon
  desktop-file-utils appstream rpm systemd dpkg-dev file icnsutils
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# npm installs the OpenAPI validator below; Debian's node is enough for it.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The OpenAPI validator the test suite lints GET /api/openapi.json with (tests/rest): Redocly's
# CLI from npm, pinned, in a cache folder outside the repository (the CMake build looks for it
# there, the same path). Skipped when that version is already there. The 2.x line needs node
# 20.19 or newer; with an older node (Debian 12's own is 18) the last 1.x release, which lints
# with the same configuration and report format.
if node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
            process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
  REDOCLY_VERSION=2.77.0
else
  REDOCLY_VERSION=1.34.20
fi
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/quotawatch/npm"
installed=$(node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch (e) {}' \
  "$TOOLS/node_modules/@redocly/cli/package.json" 2>/dev/null || true)
if [ "$installed" = "$REDOCLY_VERSION" ] && [ -x "$TOOLS/node_modules/.bin/redocly" ]; then
  echo "install-deps: @redocly/cli $REDOCLY_VERSION present in $TOOLS"
else
  echo "install-deps: installing @redocly/cli $REDOCLY_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --save-exact "@redocly/cli@$REDOCLY_VERSION"
fi
