#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests and print its URL.
# Needs Debian's postgresql package (initdb, pg_ctl). Usage: eval "$(bash scripts/pg-server.sh)"
set -euo pipefail
port=${DATELINE_PG_PORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "echo 'postgresql is not installed; PostgreSQL tests will be skipped' >&2"; exit 0; }
data=${DATELINE_PG_DATA:-/tmp/dateline-pg-$port}
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  run "$bindir/initdb" -D "$data" -U postgres -A trust >/dev/null
fi
if ! run "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  run "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
run "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tc \
  "SELECT 1 FROM pg_database WHERE datname = 'dateline_test'" | grep -q 1 ||
  run "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres dateline_test
echo "export DATELINE_TEST_POSTGRES=postgresql://postgres@127.0.0.1:$port/dateline_test"
