#!/usr/bin/env bash
# CSV load of UCI Online Retail (541,909 rows) with the online-retail preset:
# `affinity data stats --preset online-retail` (release build) vs pandas in the same run, alternating.
# Also checks that users, items, nnz, skips and the distinct-invoice total match pandas exactly.
# Usage: bash Benchmarks/csv_vs_pandas.sh [FILE]   (env ROUNDS, default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FILE=${1:-${AFFINITY_DATASETS:-$ROOT/../shared/datasets}/online-retail/online-retail.csv}
ROUNDS=${ROUNDS:-7}
BIN=.build/release/affinity
PY=Benchmarks/.venv/bin/python
OUT=Benchmarks/out/csv_vs_pandas
[ -f "$FILE" ] || { echo "missing $FILE" >&2; exit 1; }
[ -x "$PY" ] || bash Benchmarks/peers/setup.sh
swift build -c release --product affinity 2>&1 | tail -1
mkdir -p "$OUT"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "file: $FILE ($(stat -c %s "$FILE") bytes)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for r in $(seq 1 "$ROUNDS"); do
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/swift.$r.time" \
    "$BIN" data stats --preset online-retail "$FILE" --json > "$OUT/swift.$r.json"
  "$PY" Benchmarks/csv_pandas_peer.py "$FILE" > "$OUT/pandas.$r.json"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$OUT" "$ROUNDS" "$FILE" <<'PYEOF'
import json, os, statistics, sys
out, rounds, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
mb = os.path.getsize(path) / 1e6
swift, pandas = [], []
for r in range(1, rounds + 1):
    wall, user, system, rss = open(f"{out}/swift.{r}.time").read().split()
    stats = json.load(open(f"{out}/swift.{r}.json"))
    swift.append({"wall": float(wall), "cpu": float(user) + float(system), "rss": int(rss), "stats": stats})
    pandas.append(json.load(open(f"{out}/pandas.{r}.json")))
s, p = swift[0]["stats"], pandas[0]
checks = {
    "rows": (s["rows"], p["rows"]), "rows_kept": (s["rows_kept"], p["rows_kept"]),
    "skipped": (s["skipped"], p["skipped"]), "users": (s["users"], p["users"]),
    "items": (s["items"], p["items"]), "nnz": (s["nnz"], p["nnz"]),
    "distinct invoice lines": (s["events"].get("purchase"), p["distinct_invoice_lines"]),
    "time range": ((s["time_range"]["min"], s["time_range"]["max"]), (p["time_min"], p["time_max"])),
}
ok = True
for name, (a, b) in checks.items():
    same = a == b
    ok &= same
    print(f"check {name}: affinity {a} / pandas {b} -> {'MATCH' if same else 'MISMATCH'}")
med = lambda xs: statistics.median(xs)
rng = lambda xs: f"{min(xs):.3f}–{max(xs):.3f}"
sw, sc = [x["wall"] for x in swift], [x["cpu"] for x in swift]
rw, rc = [x["read_csv_wall"] for x in pandas], [x["read_csv_cpu"] for x in pandas]
fw, fc = [x["preset_wall"] for x in pandas], [x["preset_cpu"] for x in pandas]
rows = s["rows"]
print(f"\npandas {p['pandas']}, {rounds} alternating rounds, medians (range)")
print("| measure | affinity data stats (whole process) | pandas.read_csv | pandas read_csv + preset |")
print("|---|---|---|---|")
print(f"| wall s | {med(sw):.3f} ({rng(sw)}) | {med(rw):.3f} ({rng(rw)}) | {med(fw):.3f} ({rng(fw)}) |")
print(f"| CPU s | {med(sc):.3f} ({rng(sc)}) | {med(rc):.3f} ({rng(rc)}) | {med(fc):.3f} ({rng(fc)}) |")
print(f"| rows/s (wall) | {rows/med(sw):,.0f} | {rows/med(rw):,.0f} | {rows/med(fw):,.0f} |")
print(f"| MB/s (wall) | {mb/med(sw):.1f} | {mb/med(rw):.1f} | {mb/med(fw):.1f} |")
print(f"| peak RSS MB | {med([x['rss'] for x in swift])/1024:.0f} | {med([x['peak_rss_kb'] for x in pandas])/1024:.0f} (process incl. interpreter) | same process |")
print(f"\nspeed-up of affinity (pandas time / affinity time): read_csv wall {med(rw)/med(sw):.2f}x, CPU {med(rc)/med(sc):.2f}x; "
      f"read_csv + preset wall {med(fw)/med(sw):.2f}x, CPU {med(fc)/med(sc):.2f}x")
sys.exit(0 if ok else 1)
PYEOF
