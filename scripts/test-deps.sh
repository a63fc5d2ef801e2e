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
