#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the tests and prints the URL of a test
# database on stdout (the caller exports it as STORYLINE_TEST_POSTGRES). Installs PostgreSQL from
# Debian when it is missing and this runs as root. Idempotent: a server already answering on the
# port is reused.
#   STORYLINE_PGDATA  data directory (default /tmp/storyline-pg)
#   STORYLINE_PGPORT  port (default 54329)
set -euo pipefail
data=${STORYLINE_PGDATA:-/tmp/storyline-pg}
port=${STORYLINE_PGPORT:-54329}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed (run as root to install it)" >&2
    exit 1
  fi
  echo "postgres.sh: installing PostgreSQL from Debian" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
  as_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2
fi

psql() { as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'storyline'")" != 1 ]; then
  psql -d postgres -c "CREATE ROLE storyline LOGIN PASSWORD 'storyline'" >&2
fi
if [ "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'storyline_test'")" != 1 ]; then
  psql -d postgres -c "CREATE DATABASE storyline_test OWNER storyline" >&2
fi
echo "postgres://storyline:storyline@127.0.0.1:$port/storyline_test?sslmode=disable"
