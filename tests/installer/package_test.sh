#!/usr/bin/env bash
# The Linux packages end to end, on this machine: cpack makes the .deb, apt installs it, the
# installed program runs (`--version`, `serve --no-rest` for a few seconds on a throw-away
# database, its journal form, the master key from a systemd credential), the desktop entry, the
# AppStream metainfo and the systemd units pass their validators, and apt removes it again. The
# TGZ and RPM packages are made and their file lists checked. Needs root (apt) and the tools
# installer/install-deps.sh installs (desktop-file-validate, appstreamcli, rpmbuild,
# systemd-analyze). Whatever it changes on the machine is undone on exit, pass or fail.
#
#   tests/installer/package_test.sh [BUILD_DIR]     (default: a new build-package tree)
set -euo pipefail
SECONDS=0
cd "$(dirname "$0")/../.."
SOURCE_DIR=$PWD

fail() { echo "package_test: FAIL: $*" >&2; exit 1; }
step() { echo "package_test: $*"; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs the package with apt)"
for tool in cpack dpkg-deb apt-get desktop-file-validate appstreamcli systemd-analyze rpmbuild rpm; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run installer/install-deps.sh"
done
if dpkg-query -W -f='${Status}' quotawatch 2>/dev/null | grep -q 'install ok installed'; then
  fail "a quotawatch package is installed already; this test would replace and then remove it"
fi

BUILD_DIR=${1:-build-package}
WORK=$(mktemp -d /tmp/quotawatch-package-test.XXXXXX)
chmod 755 "$WORK" # apt's sandbox user must read the .deb
PACKAGES_BEFORE="$WORK/packages-before.txt"
dpkg-query -W -f='${Package}\n' | sort >"$PACKAGES_BEFORE"
HAD_USER=0; getent passwd quotawatch >/dev/null && HAD_USER=1
HAD_GROUP=0; getent group quotawatch >/dev/null && HAD_GROUP=1
SERVE_PID=""

# Leaves the machine as it was: the package and whatever apt pulled in for it, the service
# account the package made, the temporary folder.
cleanup() {
  local status=$?
  set +e
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null
  if dpkg-query -W -f='${Status}' quotawatch 2>/dev/null | grep -q 'install ok'; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq quotawatch >/dev/null 2>&1
  fi
  local added
  added=$(comm -13 "$PACKAGES_BEFORE" <(dpkg-query -W -f='${Package}\n' | sort) | tr '\n' ' ')
  if [ -n "${added// /}" ]; then
    echo "package_test: removing what apt added for the package: $added"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null 2>&1
  fi
  [ "$HAD_USER" = 0 ] && getent passwd quotawatch >/dev/null && userdel quotawatch
  [ "$HAD_GROUP" = 0 ] && getent group quotawatch >/dev/null && groupdel quotawatch
  rm -rf "$WORK"
  echo "package_test: $([ $status -eq 0 ] && echo PASS || echo FAIL) after ${SECONDS} s"
  exit $status
}
trap cleanup EXIT

if [ ! -f "$BUILD_DIR/CPackConfig.cmake" ]; then
  step "configuring $BUILD_DIR"
  cmake -S "$SOURCE_DIR" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_TESTS=OFF >/dev/null
fi
step "building quotawatch in $BUILD_DIR"
cmake --build "$BUILD_DIR" -j2 --target quotawatch >/dev/null

VERSION=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD_DIR/CPackConfig.cmake")
[ -n "$VERSION" ] || fail "no CPACK_PACKAGE_VERSION in $BUILD_DIR/CPackConfig.cmake"

# --- the three Linux packages -------------------------------------------------------------------
for generator in DEB RPM TGZ; do
  step "cpack -G $generator"
  (cd "$BUILD_DIR" && cpack -G "$generator" -B "$WORK/packages" >"$WORK/cpack-$generator.log" 2>&1) ||
    { cat "$WORK/cpack-$generator.log"; fail "cpack -G $generator"; }
done
DEB=$(ls "$WORK"/packages/quotawatch_*.deb)
RPM=$(ls "$WORK"/packages/quotawatch-*.rpm)
TGZ=$(ls "$WORK"/packages/quotawatch-*.tar.gz)

# Every package carries the program, its desktop files, its icons and its units.
EXPECTED=(
  bin/quotawatch
  share/applications/io.github.quotawatch.QuotaWatch.desktop
  share/metainfo/io.github.quotawatch.QuotaWatch.metainfo.xml
  share/icons/hicolor/scalable/apps/quotawatch.svg
  share/icons/hicolor/48x48/apps/quotawatch.png
  share/icons/hicolor/256x256/apps/quotawatch.png
  lib/systemd/system/quotawatch-server.service
  lib/systemd/user/quotawatch.service
  lib/sysusers.d/quotawatch.conf
)
check_list() { # name, file list
  local name=$1 list=$2 path
  for path in "${EXPECTED[@]}"; do
    grep -q "/$path\$" "$list" || fail "$name lacks $path"
  done
  step "$name holds the ${#EXPECTED[@]} expected files"
}
dpkg-deb --contents "$DEB" | awk '{print $NF}' >"$WORK/deb.txt"
rpm -qlp "$RPM" 2>/dev/null >"$WORK/rpm.txt"
tar -tzf "$TGZ" >"$WORK/tgz.txt"
check_list "$(basename "$DEB")" "$WORK/deb.txt"
check_list "$(basename "$RPM")" "$WORK/rpm.txt"
check_list "$(basename "$TGZ")" "$WORK/tgz.txt"

# The declared dependencies: Qt's SQL and platform plugins and the libraries, as apt must bring them.
DEPENDS=$(dpkg-deb --field "$DEB" Depends)
for dependency in libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libqt6keychain1 libssl3 libcurl4 libjwt0 \
  libqt6core6; do
  grep -q "$dependency" <<<"$DEPENDS" || fail "the .deb does not depend on $dependency: $DEPENDS"
done
REQUIRES=$(rpm -qp --requires "$RPM" 2>/dev/null)
for dependency in qt6-qtbase qtkeychain-qt6 libcurl libjwt openssl-libs; do
  grep -q "^$dependency" <<<"$REQUIRES" || fail "the .rpm does not require $dependency"
done
[ "$(rpm -qp --queryformat '%{VERSION}' "$RPM" 2>/dev/null)" = "$VERSION" ] || fail "the .rpm's version is not $VERSION"
[ "$(dpkg-deb --field "$DEB" Version)" = "$VERSION" ] || fail "the .deb's version is not $VERSION"
# One description, not a CMake list joined with ";".
if dpkg-deb --field "$DEB" Description | grep -q ';'; then fail "the .deb's description has a ';'"; fi

# --- install the .deb with apt ------------------------------------------------------------------
step "apt-get install $(basename "$DEB")"
cp "$DEB" "$WORK/"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$WORK/$(basename "$DEB")" >"$WORK/apt.log" 2>&1 ||
  { cat "$WORK/apt.log"; fail "apt-get install"; }
[ -x /usr/bin/quotawatch ] || fail "/usr/bin/quotawatch is not there after the install"
getent passwd quotawatch >/dev/null || fail "the install did not create the quotawatch service account"

step "quotawatch --version"
/usr/bin/quotawatch --version | tee "$WORK/version.txt"
grep -q "$VERSION" "$WORK/version.txt" || fail "--version does not say $VERSION"

# serve --no-rest on a temporary SQLite database for ~3 s, stopped with SIGTERM: exit 0. Runs in a
# private HOME, with no display and no session bus, as on a server.
KEY=$(openssl rand -base64 32 | tr '+/' '-_')
run_serve() { # name, extra env assignments...; stderr goes to $WORK/<name>.err
  local name=$1; shift
  local err="$WORK/$name.err"
  : >"$err"
  local stream
  stream=$(stat -c '%d:%i' "$err")
  env -i PATH=/usr/bin:/bin HOME="$WORK/home-$name" LANG=C.UTF-8 "$@" \
    JOURNAL_STREAM="${JOURNAL_FORM:+$stream}" \
    /usr/bin/quotawatch serve --no-rest --db "sqlite://$WORK/$name.db" 2>>"$err" &
  SERVE_PID=$!
  local waited=0
  until grep -q "quotawatch: watching" "$err"; do
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$err"; fail "serve ($name) exited before it started"; }
    [ $waited -lt 100 ] || { cat "$err"; fail "serve ($name) did not start within 10 s"; }
    sleep 0.1; waited=$((waited + 1))
  done
  sleep 3
  kill -TERM "$SERVE_PID"
  local code=0
  wait "$SERVE_PID" || code=$?
  SERVE_PID=""
  [ $code -eq 0 ] || { cat "$err"; fail "serve ($name) exited with $code after SIGTERM"; }
  grep -q "quotawatch: stopped" "$err" || { cat "$err"; fail "serve ($name) did not say it stopped"; }
  step "serve ($name) started, ran 3 s and stopped on SIGTERM with exit 0"
}
JOURNAL_FORM="" run_serve plain QUOTAWATCH_MASTER_KEY="$KEY"
grep -q '^quotawatch: watching 0 keys in ' "$WORK/plain.err" || { cat "$WORK/plain.err"; fail "plain stderr form"; }
# As under systemd: stderr is the journal (JOURNAL_STREAM names it), the key is the credential.
mkdir -m 700 "$WORK/credentials"
printf '%s\n' "$KEY" >"$WORK/credentials/master-key"
chmod 400 "$WORK/credentials/master-key"
JOURNAL_FORM=1 run_serve journal CREDENTIALS_DIRECTORY="$WORK/credentials"
grep -q '^<6>quotawatch: watching 0 keys in ' "$WORK/journal.err" || { cat "$WORK/journal.err"; fail "journal form"; }
if grep -v '^<[0-7]>' "$WORK/journal.err" | grep -q .; then
  cat "$WORK/journal.err"; fail "a journal line without its priority"
fi

# --- validators ---------------------------------------------------------------------------------
step "desktop-file-validate"
desktop-file-validate /usr/share/applications/io.github.quotawatch.QuotaWatch.desktop
step "appstreamcli validate --no-net"
appstreamcli validate --no-net /usr/share/metainfo/io.github.quotawatch.QuotaWatch.metainfo.xml
step "systemd-analyze verify"
for unit in /usr/lib/systemd/system/quotawatch-server.service /usr/lib/systemd/user/quotawatch.service; do
  # Our unit's problems only: verify also loads the units it names (network-online.target …).
  if ! systemd-analyze verify "$unit" >"$WORK/verify.log" 2>&1 || grep -q "quotawatch" "$WORK/verify.log"; then
    cat "$WORK/verify.log"; fail "systemd-analyze verify $unit"
  fi
done
grep -q '^ExecStart=/usr/bin/quotawatch serve$' /usr/lib/systemd/system/quotawatch-server.service ||
  fail "the system unit does not start /usr/bin/quotawatch serve"
SECURITY=$(systemd-analyze security --offline=true /usr/lib/systemd/system/quotawatch-server.service 2>/dev/null |
  tail -1 || true)
step "systemd-analyze security: ${SECURITY:-not available}"

# --- remove ---------------------------------------------------------------------------------------
step "apt-get remove quotawatch"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq quotawatch >"$WORK/apt-remove.log" 2>&1 ||
  { cat "$WORK/apt-remove.log"; fail "apt-get remove"; }
[ ! -e /usr/bin/quotawatch ] || fail "/usr/bin/quotawatch is still there after the removal"
[ ! -e /usr/lib/systemd/system/quotawatch-server.service ] || fail "the system unit is still there"
step "all checks passed"
