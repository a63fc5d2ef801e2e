#!/usr/bin/env bash
# Run a command (make test: pytest) with FAIRSHORE_TEST_POSTGRES_URL pointing at a
# throwaway PostgreSQL server, started here when PostgreSQL is installed and no URL is
# set already; the server is stopped and its data removed on exit, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FAIRSHORE_TEST_POSTGRES_URL:-}" ]; then
  stop=$(mktemp)
  trap 'bash "$stop" || true; rm -f "$stop"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  status=0
  url=$(FAIRSHORE_PG_STOP_FILE="$stop" bash scripts/postgres.sh) || status=$?
  if [ "$status" = 0 ]; then
    export FAIRSHORE_TEST_POSTGRES_URL="$url"
    echo "PostgreSQL tests on a throwaway server: $url"
  elif [ "$status" = 3 ]; then
    echo "PostgreSQL is not installed: the PostgreSQL tests are skipped."
  else
    echo "The throwaway PostgreSQL server did not start: the PostgreSQL tests are skipped." >&2
  fi
fi
"$@"
