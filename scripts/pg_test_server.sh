#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests (Debian's postgresql package), listening on
# a Unix socket only, and print the URL the tests read from ACTORGRAPH_TEST_PG.
# Usage: eval "$(bash scripts/pg_test_server.sh)"
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
      >/dev/null 2>&1 || { echo "echo 'PostgreSQL could not be installed; its tests will skip' >&2"; exit 0; }
  else
    echo "echo 'PostgreSQL is not installed; its tests will skip' >&2"; exit 0
  fi
fi
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
base=${ACTORGRAPH_PG_DIR:-/tmp/actorgraph-pg}
port=${ACTORGRAPH_PG_PORT:-54329}
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [ ! -f "$base/data/PG_VERSION" ]; then
  mkdir -p "$base"
  [ "$(id -u)" = 0 ] && chown postgres "$base"
  run "$bin/initdb -D $base/data -U postgres --auth=trust -E UTF8" >/dev/null
fi
if ! run "$bin/pg_ctl -D $base/data status" >/dev/null 2>&1; then
  run "$bin/pg_ctl -D $base/data -l $base/log -w -o \"-k $base -p $port -c listen_addresses=''\" start" >/dev/null
fi
echo "export ACTORGRAPH_TEST_PG='postgresql+psycopg://postgres@/postgres?host=$base&port=$port'"
