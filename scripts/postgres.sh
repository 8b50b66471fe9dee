#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and demos, on 127.0.0.1 only, in a directory of its own.
#
#   scripts/postgres.sh start DIR   create the cluster in DIR (when new), start it on a free port,
#                                   wait until it accepts connections, print its URL
#   scripts/postgres.sh url DIR     print the URL (postgres://affinity:PASSWORD@127.0.0.1:PORT/affinity)
#   scripts/postgres.sh halt DIR    stop the server, keep the data (`start DIR` again resumes, same port)
#   scripts/postgres.sh stop DIR    stop the server and remove DIR
#
# DIR is used for nothing else: it is created and handed to the `postgres` OS user when running as
# root (postgres refuses to run as root). The role `affinity` logs in over TCP with a random password
# (scram-sha-256), kept in DIR/password. Server binaries: $PG_BIN, else the newest
# /usr/lib/postgresql/*/bin (Debian's `postgresql` package; `make deps` installs it).
# fsync is off (throwaway data) unless PG_FSYNC=on (Benchmarks/fleet_bench.sh measures durable rates).
set -euo pipefail

# Close every inherited descriptor but stdin/stdout/stderr: the server outlives this script, and a
# caller that waits for a pipe it passed down (Foundation's Process does) would otherwise wait forever.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

usage() { echo "usage: $0 start|url|halt|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  echo "postgres.sh: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; run 'make deps' (installs Debian's postgresql)" >&2
  exit 1
fi

# As root, everything runs as the postgres OS user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  echo "postgres://affinity:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/affinity"
}

running() { [ -f "$dir/data/postmaster.pid" ] && as_owner "$pg_bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

halt() {
  if running; then as_owner "$pg_bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null; fi
}

create() {
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
  as_owner sh -c "umask 077; head -c 18 /dev/urandom | base64 | tr '+/' 'xy' > '$dir/password'"
  as_owner "$pg_bin/initdb" -D "$dir/data" -U affinity --pwfile="$dir/password" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
}

start() {
  [ -f "$dir/data/PG_VERSION" ] || create
  if running; then url; return; fi
  # An ephemeral port: try random high ports until one binds (a port taken meanwhile fails the start).
  local tries=0 port
  while :; do
    if [ -f "$dir/port" ] && [ "$tries" = 0 ]; then port=$(cat "$dir/port"); else port=$((20000 + RANDOM % 40000)); fi
    if as_owner "$pg_bin/pg_ctl" start -D "$dir/data" -w -t 60 -l "$dir/server.log" \
         -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=${PG_FSYNC:-off}" </dev/null >/dev/null; then
      as_owner sh -c "echo $port > '$dir/port'"
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then echo "postgres.sh: could not start PostgreSQL; see $dir/server.log:" >&2; tail -20 "$dir/server.log" >&2; exit 1; fi
  done
  as_owner "$pg_bin/createdb" -h "$dir" -p "$port" -U affinity affinity 2>/dev/null || true
  url
}

case "$cmd" in
  start) start ;;
  url) url ;;
  halt) [ -d "$dir/data" ] && halt ;;
  stop) if [ -d "$dir/data" ]; then halt; fi; rm -rf "$dir" ;;
  *) usage ;;
esac
