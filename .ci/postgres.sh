#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the SQL equivalence tests
# and print its DSN. Works as root on a fresh Debian machine (installs Debian's
# postgresql package when no server is there) and as an ordinary user.
# Usage: export ICPSPEC_TEST_POSTGRES_DSN=$(.ci/postgres.sh)
set -euo pipefail
# The first free port of these (a server left running by an earlier run keeps its own).
ports=${ICPSPEC_PG_PORT:-$(seq 54329 54348)}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  else
    echo "no PostgreSQL server installed and not root to install one" >&2
    exit 1
  fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
data=$(mktemp -d /tmp/icpspec-pg.XXXXXX)
run() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$data"
  run() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
run "$bindir/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
for port in $ports; do
  if run "$bindir/pg_ctl" -D "$data/db" -l "$data/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null 2>&1; then
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres"
    exit 0
  fi
done
echo "PostgreSQL did not start on any of the ports $(echo $ports); see $data/log" >&2
exit 1
