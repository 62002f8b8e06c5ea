#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the sync benchmark, from Debian's packages.
#
#   tests/postgres.sh start   install the server if missing, start it on 127.0.0.1, print its URL
#   tests/postgres.sh stop    stop it and delete its data
#
# PGTEST_DIR (default /tmp/unknot-pg-test) and PGTEST_PORT (default 54329) choose where it lives;
# PGTEST_OPTIONS adds server options (the tests pass "-c fsync=off": their data is thrown away).
set -euo pipefail
DIR=${PGTEST_DIR:-/tmp/unknot-pg-test}
PORT=${PGTEST_PORT:-54329}
OPTIONS=${PGTEST_OPTIONS:-}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

server_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# initdb refuses to run as root: as root, run the server as Debian's postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
  if [ -z "$(server_bin)" ] || [ ! -x "$(server_bin)/initdb" ]; then
    echo "Installing Debian's postgresql for the database tests" >&2
    $SUDO apt-get update -qq >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
  BIN=$(server_bin)
  if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    # Trust on loopback only: a test server with throwaway data, never reachable from outside.
    as_owner "$BIN/initdb" -D "$DIR" -U unknot -A trust --no-sync >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR $OPTIONS" start >/dev/null
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U unknot unknot
  fi
  echo "postgresql://unknot@127.0.0.1:$PORT/unknot"
  ;;
stop)
  BIN=$(server_bin)
  if [ -n "$BIN" ] && as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null
  fi
  rm -rf "$DIR"
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
