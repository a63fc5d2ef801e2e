#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the database tests.
# Prints the SQLAlchemy URL on stdout; installs the server from Debian if missing.
# With FAIRSHORE_PG_STOP_FILE set, writes there the commands that stop it and remove it.
set -euo pipefail
PORT="${FAIRSHORE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  return 1
}
if ! BIN=$(find_bin); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(find_bin)
fi
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
DATA=$(mktemp -d /tmp/fairshore-pg.XXXXXX)
chown postgres "$DATA"
runuser -u postgres -- "$BIN/initdb" -D "$DATA" -A trust -U fairshore >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
runuser -u postgres -- "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U fairshore fairshore_test
if [ -n "${FAIRSHORE_PG_STOP_FILE:-}" ]; then
  printf 'runuser -u postgres -- %q -D %q -m fast stop >/dev/null\nrm -rf %q\n' \
    "$BIN/pg_ctl" "$DATA" "$DATA" > "$FAIRSHORE_PG_STOP_FILE"
fi
echo "postgresql+psycopg://fairshore@127.0.0.1:$PORT/fairshore_test"
