#!/usr/bin/env bash
# Soak: MINUTES (default 10) of mixed load on one `affinity serve` — `affinity bench serve --op mixed`
# (80% recommend, 20% durable feedback) in back-to-back 30 s rounds, a churn_score client loop beside it,
# and a `reload` every minute — while the server's RSS is sampled every 5 s. Prints the RSS trend
# (least-squares slope in MiB per minute over the second half, after warm-up), RSS first/max/last,
# and error counts. Exits non-zero on unexpected errors.
# Usage: bash Benchmarks/soak.sh [MINUTES] [BIN]   (BIN defaults to .build/release/affinity)
# Env: RELOAD_EVERY (seconds between reloads, default 60); OUT (output folder, default Benchmarks/out/soak).
# rss.txt columns: seconds since start, VmRSS, RssAnon, RssFile (KiB), 1 if a reload was running.
# The trend is reported twice: over all second-half samples, and over those taken outside reloads (a
# reload holds two models while it replays the log, and runs longer as the log grows).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
BIN=${2:-.build/release/affinity}
[ -x "$BIN" ] || swift build -c release --product affinity >&2
RELOAD_EVERY=${RELOAD_EVERY:-60}
OUT=${OUT:-Benchmarks/out/soak}; rm -rf "$OUT"; mkdir -p "$OUT"
"$BIN" generate --out "$OUT/shop" --users 20000 --items 10000 --seed 7 >/dev/null
"$BIN" train als --input "$OUT/shop/interactions.csv" --factors 64 --iterations 5 --output "$OUT/model.affinity" >/dev/null 2>&1
"$BIN" churn train --input "$OUT/shop/customers.csv" --label churned --output "$OUT/churn.json" >/dev/null 2>&1
"$BIN" serve --model "$OUT/model.affinity" --churn-model "$OUT/churn.json" --data-dir "$OUT/data" --fsync batch \
  --port 0 --log-level warning >"$OUT/serve.out" 2>"$OUT/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
. Benchmarks/lib/serve.sh
PORT=$(server_port "$OUT/serve.out" "$OUT/serve.err")
END=$(( $(date +%s) + MINUTES * 60 ))
# RSS sampler (seconds since start, KiB).
( start=$(date +%s); while kill -0 $SERVER 2>/dev/null && [ "$(date +%s)" -lt "$END" ]; do
    echo "$(( $(date +%s) - start )) $(awk '/^(VmRSS|RssAnon|RssFile):/ {printf "%s ", $2}' /proc/$SERVER/status)$([ -e "$OUT/reloading" ] && echo 1 || echo 0)"; sleep 5; done ) > "$OUT/rss.txt" &
# Reload every RELOAD_EVERY seconds.
( while [ "$(date +%s)" -lt $(( END - 30 )) ]; do sleep "$RELOAD_EVERY"
    touch "$OUT/reloading"
    "$BIN" client --port "$PORT" reload >>"$OUT/reload.txt" 2>&1 || echo "reload failed" >>"$OUT/reload.txt"
    rm -f "$OUT/reloading"; done ) &
# churn_score loop (one client process per call: a slow, steady stream).
CUSTOMER="customer=$(python3 -c 'import csv,json,sys; r=next(csv.DictReader(open(sys.argv[1]))); r.pop("churned",None); r.pop("customer_id",None); print(json.dumps(r))' "$OUT/shop/customers.csv")"
( while [ "$(date +%s)" -lt "$END" ]; do
    "$BIN" client --port "$PORT" churn_score "$CUSTOMER" >>"$OUT/churn.txt" 2>&1 || echo "churn_score failed" >>"$OUT/churn.txt"; done ) &
# Mixed load in 30 s rounds.
while [ "$(date +%s)" -lt "$END" ]; do
  "$BIN" bench serve --host 127.0.0.1 --port "$PORT" --connections 8 --pipeline 8 --duration 30 --op mixed --json \
    2>/dev/null | tail -1 >> "$OUT/bench.jsonl"
done
wait_for_end() { while [ "$(date +%s)" -lt "$END" ]; do sleep 1; done; }
wait_for_end; sleep 6
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
samples = [l.split() for l in open(f"{out}/rss.txt") if len(l.split()) >= 5]
rss = [(float(c[0]), float(c[1])) for c in samples]
half = len(rss) // 2
def slope(points):
    n = len(points); mx = sum(t for t, _ in points) / n; my = sum(r for _, r in points) / n
    return sum((t - mx) * (r - my) for t, r in points) / max(1e-9, sum((t - mx) ** 2 for t, _ in points))
quiet = [p for p, c in zip(rss[half:], samples[half:]) if c[4] == "0"] or rss[half:]
rounds = [json.loads(l) for l in open(f"{out}/bench.jsonl") if l.strip().startswith("{")]
req = sum(r["requests"] for r in rounds); err = sum(r["errors"] for r in rounds)
reloads = open(f"{out}/reload.txt").read() if __import__("os").path.exists(f"{out}/reload.txt") else ""
churn = open(f"{out}/churn.txt").read() if __import__("os").path.exists(f"{out}/churn.txt") else ""
print(f"rss samples {len(rss)}: first {rss[0][1]/1024:.1f} MiB, max {max(r for _, r in rss)/1024:.1f} MiB, last {rss[-1][1]/1024:.1f} MiB")
print(f"rss slope over the second half: {slope(rss[half:])*60/1024:+.3f} MiB/min")
print(f"outside reloads ({len(quiet)} of {len(rss) - half} second-half samples): slope {slope(quiet)*60/1024:+.3f} MiB/min, "
      f"range {min(r for _, r in quiet)/1024:.1f}-{max(r for _, r in quiet)/1024:.1f} MiB")
print(f"bench rounds {len(rounds)}: {req} requests, {err} errors, median throughput {sorted(r['throughput'] for r in rounds)[len(rounds)//2]:.0f}/s, p99 median {sorted(r['p99_ms'] for r in rounds)[len(rounds)//2]:.3f} ms")
print(f"reloads ok {reloads.count('model_version')}, failed {reloads.count('failed') + reloads.count('error')}")
print(f"churn_score ok {churn.count('probability')}, failed {churn.count('failed')}")
sys.exit(1 if err or 'failed' in reloads or 'failed' in churn else 0)
PY
