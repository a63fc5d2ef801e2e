#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the database tests.
# Prints the SQLAlchemy URL on stdout; exits 3 (printing nothing) when PostgreSQL is not
# installed (scripts/test-deps.sh installs it as root). With FAIRSHORE_PG_STOP_FILE set,
# writes there, before anything is created, the commands that stop the server and remove
# its data: run them even when starting failed half-way.
# initdb refuses to run as root, so as root the server runs as the `postgres` user
# (created when missing); as anyone else, as that user.
set -euo pipefail
BIN=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && BIN="$d"; done
if [ -z "$BIN" ]; then
  exit 3
fi
PORT="${FAIRSHORE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/fairshore-pg.XXXXXX")
AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$DATA"
  AS=(runuser -u postgres --)
fi
if [ -n "${FAIRSHORE_PG_STOP_FILE:-}" ]; then
  {
    printf '[ -f %q ] && ' "$DATA/postmaster.pid"
    printf '%q ' "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast stop
    printf '>/dev/null 2>&1\nrm -rf %q\n' "$DATA"
  } > "$FAIRSHORE_PG_STOP_FILE"
fi
"${AS[@]}" "$BIN/initdb" -D "$DATA" -A trust -U fairshore >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$DATA/log" >&2; exit 1; }
"${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U fairshore fairshore_test
echo "postgresql+psycopg://fairshore@127.0.0.1:$PORT/fairshore_test"
