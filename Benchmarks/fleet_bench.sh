#!/usr/bin/env bash
# Fleet benchmark (issue 13 "Must show"): the shared PostgreSQL event store against its references, side
# by side in one run on one machine, PostgreSQL included:
#   - pgbench: single-row INSERTs into a table shaped like affinity_events (the database's own rate),
#   - the file log: durable feedback/s of one `affinity serve --data-dir` (as serve_bench.sh measures it),
#   - the store with 2 replicas (`serve --events postgres://…`): acknowledged feedback/s to both at once,
#     cross-replica visibility lag at a fixed rate (`affinity bench lag`), recommend/s and p99 on one
#     replica while the other takes feedback.
# The cluster is a throwaway one (scripts/postgres.sh) with fsync ON (PG_FSYNC=on; the script's default is
# off for tests), so every rate here is durable.
#
#   bash Benchmarks/fleet_bench.sh             # ROUNDS=3, DURATION=5 s per measurement, LAG_RATE=5000
#
# Needs a release build (make release; BIN=… to override) and PostgreSQL's server binaries and pgbench
# (Debian's postgresql package). The replica measurements are skipped, saying so, when the binary has no
# `serve --events`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/affinity}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
LAG_RATE=${LAG_RATE:-5000}
USERS=${USERS:-20000}
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/postgres.sh stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
. Benchmarks/lib/serve.sh
json_field() { python3 -c "import json,sys; v=json.loads(sys.stdin.read().strip().splitlines()[-1])['$1']; print(round(v, 2) if isinstance(v, float) else v)"; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

URL=$(PG_FSYNC=on scripts/postgres.sh start "$WORK/pg")
echo "PostgreSQL $(psql "$URL" -X -At -c 'SHOW server_version'), fsync=$(psql "$URL" -X -At -c 'SHOW fsync'), synchronous_commit=$(psql "$URL" -X -At -c 'SHOW synchronous_commit')"
"$BIN" store init --events "$URL" >/dev/null

# pgbench's reference: one INSERT per transaction into a copy of affinity_events' shape (same columns,
# primary key, (user_id, seq) index and sequence), so the store's own table stays clean.
psql "$URL" -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE SEQUENCE bench_seq AS bigint;
CREATE TABLE bench_events (LIKE affinity_events INCLUDING ALL);
SQL
cat > "$WORK/insert.sql" <<'SQL'
\set u random(1, 20000)
\set i random(1, 10000)
INSERT INTO bench_events (seq, user_id, item_id, event, weight, ts) VALUES (nextval('bench_seq'), 'c' || :u, 'p' || :i, 'click', 1, now());
SQL
pgbench_tps() {  # clients → single-row INSERT transactions per second
  pgbench -n -f "$WORK/insert.sql" -c "$1" -j 2 -T "$DURATION" "$URL" 2>/dev/null \
    | awk '/^tps/ {print int($3); exit}'
}

python3 Benchmarks/serve_data.py "$USERS" "$WORK/events.csv"
"$BIN" train als --input "$WORK/events.csv" --factors 64 --iterations 3 --seed 42 --output "$WORK/model.affinity" >/dev/null 2>&1

start_server() {  # name, args… → sets PORT_<name>
  local name=$1; shift
  "$BIN" serve --model "$WORK/model.affinity" --port 0 --log-level warning "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  PIDS+=($!)
  eval "PID_$name=$!"
  eval "PORT_$name=$(server_port "$WORK/$name.out" "$WORK/$name.err")"
}
stop_server() { local pid; eval "pid=\$PID_$1"; kill -TERM "$pid"; wait "$pid" || true; }
feedback() {  # port → one JSON report of closed-loop feedback at 32 connections × 8 pipelined
  "$BIN" bench serve --port "$1" --connections 32 --pipeline 8 --duration "$DURATION" --op feedback --json 2>/dev/null | tail -1
}

FLEET=0
case "$("$BIN" serve --help 2>/dev/null)" in *--events*) FLEET=1 ;; esac

printf '| round | pgbench 1-row INSERT/s (32 clients) | file log feedback/s (32×8, fsync batch) | store feedback/s, 2 replicas (32×8 each, sum) | lag p50 / p99 / max ms at %s/s (poll ms) | recommend/s on B (32×8) while A takes feedback | recommend p99 ms on B | A feedback/s meanwhile |\n|---|---|---|---|---|---|---|---|\n' "$LAG_RATE"
for r in $(seq 1 "$ROUNDS"); do
  PG=$(pgbench_tps 32)
  start_server file --data-dir "$WORK/data-$r" --fsync batch
  FILE=$(feedback "$PORT_file" | json_field throughput)
  stop_server file
  STORE="—"; LAG="—"; REC="—"; RECP99="—"; AFB="—"
  if [ "$FLEET" = 1 ]; then
    start_server a --events "$URL" --replica-name a
    start_server b --events "$URL" --replica-name b
    feedback "$PORT_a" > "$WORK/fa.json" & FA=$!
    feedback "$PORT_b" > "$WORK/fb.json" & FB=$!
    wait "$FA" "$FB"
    STORE=$(python3 -c "print(round($(json_field throughput < "$WORK/fa.json") + $(json_field throughput < "$WORK/fb.json")))")
    L=$("$BIN" bench lag --port "$PORT_a" --peer-port "$PORT_b" --rate "$LAG_RATE" --duration "$DURATION" --json 2>/dev/null | tail -1)
    LAG="$(echo "$L" | json_field p50_ms) / $(echo "$L" | json_field p99_ms) / $(echo "$L" | json_field max_ms) (poll $(echo "$L" | json_field poll_ms); $(echo "$L" | json_field acked) acked in ${DURATION} s, unseen $(echo "$L" | json_field unseen))"
    feedback "$PORT_a" > "$WORK/fa.json" & FA=$!
    "$BIN" bench serve --port "$PORT_b" --connections 32 --pipeline 8 --duration "$DURATION" --op recommend --json 2>/dev/null | tail -1 > "$WORK/rb.json"
    wait "$FA"
    REC=$(json_field throughput < "$WORK/rb.json" | cut -d. -f1); RECP99=$(json_field p99_ms < "$WORK/rb.json"); AFB=$(json_field throughput < "$WORK/fa.json" | cut -d. -f1)
    stop_server a; stop_server b
  fi
  printf '| %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$r" "$PG" "$FILE" "$STORE" "$LAG" "$REC" "$RECP99" "$AFB"
done
[ "$FLEET" = 1 ] || echo "not measured: this binary has no 'serve --events' (the store's replicas); only pgbench and the file log ran"
echo "events in the store after the runs: $(psql "$URL" -X -At -c 'SELECT count(*) FROM affinity_events')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
