#!/usr/bin/env bash
# The server under a sanitizer (issue 7): a debug build with `--sanitize=$SANITIZER` (address, the
# default, with LeakSanitizer at exit; or thread) of the Swift code and the C kernels serves a synthetic shop with a catalog and a churn model while, for SECONDS (default 60):
# `bench serve --op mixed` (8 × 8 pipelined), Benchmarks/sanitizer_driver.py (every op with filters, exports,
# forgets, reloads, and 25% hostile frames from 6 connections) and a `reload` every 10 s. Then SIGTERM.
# Passes when the server exits cleanly, its stderr has no AddressSanitizer, LeakSanitizer or
# ThreadSanitizer report, and the driver saw no mishandled reply.
# Usage: [SANITIZER=address|thread] bash Benchmarks/sanitizer_server.sh [SECONDS] [BIN]
#        (BIN: an affinity binary already built with that sanitizer; default: build one)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-60}
SANITIZER=${SANITIZER:-address}
case "$SANITIZER" in address|thread) ;; *) echo "SANITIZER must be address or thread, not '$SANITIZER'" >&2; exit 2 ;; esac
BIN=${2:-}
if [ -z "$BIN" ]; then
  swift build -c debug --sanitize="$SANITIZER" --scratch-path ".build-$SANITIZER" --product affinity >&2
  BIN=".build-$SANITIZER/debug/affinity"
fi
OUT="Benchmarks/out/sanitizer-$SANITIZER"; rm -rf "$OUT"; mkdir -p "$OUT"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0}
"$BIN" generate --out "$OUT/shop" --users 3000 --items 1500 --seed 11 >/dev/null
"$BIN" train als --input "$OUT/shop/interactions.csv" --factors 32 --iterations 3 --output "$OUT/model.affinity" >/dev/null 2>&1
"$BIN" churn train --input "$OUT/shop/customers.csv" --label churned --output "$OUT/churn.json" >/dev/null 2>&1
"$BIN" serve --model "$OUT/model.affinity" --churn-model "$OUT/churn.json" --catalog "$OUT/shop/items.csv" \
  --data-dir "$OUT/data" --fsync batch --port 0 --log-level warning >"$OUT/serve.out" 2>"$OUT/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
. Benchmarks/lib/serve.sh
PORT=$(server_port "$OUT/serve.out" "$OUT/serve.err" 120)  # sanitizer builds start slowly
END=$(( $(date +%s) + SECONDS_TOTAL ))
( while [ "$(date +%s)" -lt $(( END - 5 )) ]; do sleep 10; "$BIN" client --port "$PORT" reload >>"$OUT/reload.txt" 2>&1 || echo "reload failed" >>"$OUT/reload.txt"; done ) &
python3 Benchmarks/sanitizer_driver.py "$PORT" "$OUT/shop" "$SECONDS_TOTAL" 6 1 >"$OUT/driver.json" & DRIVER=$!
"$BIN" bench serve --host 127.0.0.1 --port "$PORT" --connections 8 --pipeline 8 --duration "$SECONDS_TOTAL" --op mixed --json 2>/dev/null | tail -1 >"$OUT/bench.json"
DRIVER_RC=0; wait $DRIVER || DRIVER_RC=$?
sleep 6
kill -TERM $SERVER; SERVER_RC=0; wait $SERVER || SERVER_RC=$?
trap - EXIT
REPORTS=$(grep -c "ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|WARNING: ThreadSanitizer" "$OUT/serve.err" || true)
echo "bench: $(cat "$OUT/bench.json")"
echo "driver: $(cat "$OUT/driver.json") (exit $DRIVER_RC)"
echo "reloads ok $(grep -c model_version "$OUT/reload.txt" || true), failed $(grep -c failed "$OUT/reload.txt" || true)"
echo "server exit status $SERVER_RC; sanitizer reports $REPORTS (stderr: $OUT/serve.err)"
[ "$REPORTS" = 0 ] && [ "$SERVER_RC" = 0 ] && [ "$DRIVER_RC" = 0 ]
