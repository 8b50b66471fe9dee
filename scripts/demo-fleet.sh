#!/usr/bin/env bash
# make demo-fleet: two `affinity serve` replicas on one shared PostgreSQL event store (docs/FLEET.md).
# A throwaway cluster (scripts/postgres.sh), `affinity store init`, two replicas; a click and a cart add
# acknowledged by one replica change the other replica's next answer. Everything is stopped at the end.
# Without PostgreSQL's server binaries it says so and exits 0.
# Usage: scripts/demo-fleet.sh [BIN]
set -euo pipefail
BIN=${1:-.build/release/affinity}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

step() { printf '\n== %s ==\n' "$*"; }

if [ -z "${PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "demo-fleet skipped: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (make deps installs Debian's postgresql)"
  exit 0
fi

WORK=$(mktemp -d)
# Its own directory outside WORK (mode 700): the cluster runs as the postgres OS user under root.
PGDIR=$(mktemp -u /tmp/affinity-demo-pg-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$ROOT/scripts/postgres.sh" stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step "1. A small shop and a model trained on it"
"$BIN" generate --out "$WORK/shop" --users 300 --items 60 --seed 42 >/dev/null
"$BIN" train als --input "$WORK/shop/interactions.csv" --factors 16 --iterations 6 --seed 42 \
  --output "$WORK/shop.affinity" 2>/dev/null

step "2. A throwaway PostgreSQL cluster and the event store's schema"
URL=$("$ROOT/scripts/postgres.sh" start "$PGDIR")   # holds the password: never printed
"$BIN" store init --events "$URL"

step "3. Two replicas on the store (in production: behind a load balancer)"
start_replica() {  # NAME: starts it, waits for its `listening on` line, prints the port
  "$BIN" serve --model "$WORK/shop.affinity" --events "$URL" --replica-name "$1" --port 0 --threads 1 \
    --log-level warning > "$WORK/$1.out" 2> "$WORK/$1.err" &
  PIDS+=($!)
  for _ in $(seq 1 300); do grep -q '^listening on ' "$WORK/$1.out" && break; sleep 0.1; done
  grep -q '^listening on ' "$WORK/$1.out" || { echo "$1 did not start:"; cat "$WORK/$1.err"; exit 1; }
}
start_replica web-1
start_replica web-2
P1=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/web-1.out")
P2=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/web-2.out")
echo "web-1 listening on port $P1, web-2 on port $P2"
client() { local port=$1; shift; "$BIN" client --port "$port" "$@"; }

SHOPPER=$(sed -n 2p "$WORK/shop/interactions.csv" | cut -d, -f1)
step "4. Shopper $SHOPPER's recommendations on both replicas"
BEFORE=$(client "$P2" recommend user="$SHOPPER" k=5)
echo "web-1: $(client "$P1" recommend user="$SHOPPER" k=5)"
echo "web-2: $BEFORE"

# An item not in the shopper's top 5: the last item of the catalogue that is not recommended.
ITEM=$(cut -d, -f1 "$WORK/shop/items.csv" | tail -n +2 | while read -r i; do
  case "$BEFORE" in *"\"$i\""*) ;; *) echo "$i" ;; esac; done | tail -1)
step "5. The shopper clicks $ITEM and adds it to the cart; web-1 acknowledges both"
client "$P1" feedback user="$SHOPPER" item="$ITEM" event=click
ACK=$(client "$P1" feedback user="$SHOPPER" item="$ITEM" event=cart_add)
echo "$ACK"
SEQ=$(echo "$ACK" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p')

step "6. web-2 follows the store: its next answer for $SHOPPER reflects what web-1 acknowledged"
for _ in $(seq 1 200); do
  APPLIED=$(client "$P2" stats | sed -n 's/.*"applied_seq":\([0-9]*\).*/\1/p')
  [ "${APPLIED:-0}" -ge "$SEQ" ] && break
  sleep 0.05
done
AFTER=$(client "$P2" recommend user="$SHOPPER" k=5)
echo "web-1: $(client "$P1" recommend user="$SHOPPER" k=5)"
echo "web-2: $AFTER"
if [ "$AFTER" != "$BEFORE" ]; then echo "web-2's answer changed (applied_seq $APPLIED >= $SEQ)"; else echo "web-2's answer did not change"; exit 1; fi
echo "web-2 stats.store: $(client "$P2" stats | sed -n 's/.*\("store":{[^}]*}\).*/\1/p')"

step "7. Stop both replicas (SIGTERM drains) and the cluster"
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${PIDS[@]}"; do wait "$pid"; done
PIDS=()
echo "replicas exited cleanly"
