#!/usr/bin/env bash
# What the test suite needs from Debian, installed when missing if we are root and
# apt-get exists; otherwise one line saying what is missing (the tests that need it
# are then skipped, each naming the package).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)                  # browser tests
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)      # Spark conformance
# WeasyPrint (PDF reports) loads Pango and HarfBuzz-subset.
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)  # both databases
# Azurite (Microsoft's Azure storage emulator, from npm) for the lake on an Azure store
# (tests/integration/lake): Node.js from Debian, Azurite into the user's cache.
AZURITE_VERSION=3.35.0
AZURITE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/fairshore/azurite-$AZURITE_VERSION"
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
azurite() {
  [ -x "$AZURITE_DIR/node_modules/.bin/azurite-blob" ] && return 0
  command -v npm >/dev/null 2>&1 || return 0
  mkdir -p "$AZURITE_DIR" && echo '{"private": true}' >"$AZURITE_DIR/package.json"
  echo "Installing Azurite $AZURITE_VERSION from npm for the Azure lake tests"
  npm install --prefix "$AZURITE_DIR" --no-audit --no-fund --silent "azurite@$AZURITE_VERSION" ||
    echo "npm could not install Azurite: the Azure lake tests are skipped." >&2
}
trap azurite EXIT
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing from Debian for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "apt-get could not install them: the tests that need them are skipped." >&2
else
  echo "Not installed (the tests that need them are skipped; as root make test installs them):" \
    "${missing[*]}"
fi
