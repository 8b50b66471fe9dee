#!/usr/bin/env bash
# CLV: Affinity's BG/NBD + Gamma-Gamma against the Python `lifetimes` library (PyPI) on Online Retail,
# the same summary table fed to both (exported by `affinity clv fit --summary-output`).
# Calibration to 2011-09-09, holdout to 2011-12-09. Prints log-likelihoods, parameters, fit times and
# holdout errors side by side.
# Usage: bash Benchmarks/clv/run.sh [path/to/affinity]
# Creates Benchmarks/clv/.venv (gitignored) with lifetimes; needs ../shared/datasets (or $AFFINITY_DATASETS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${1:-$root/.build/release/affinity}
DATA=${AFFINITY_DATASETS:-$root/../shared/datasets}
CSV=$DATA/online-retail/online-retail.csv
OUT=$here/out
mkdir -p "$OUT"
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install -q -r "$here/requirements.txt"
PY=$here/.venv/bin/python

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load average: $(cut -d" " -f1-3 /proc/loadavg)"
trap 'echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT

"$BIN" clv fit --transactions "$CSV" --preset online-retail --calibration-end 2011-09-09 \
  --output "$OUT/clv.json" --summary-output "$OUT/summary.csv" --json > "$OUT/fit.json" 2> "$OUT/fit.stderr" \
  || { cat "$OUT/fit.stderr" >&2; exit 1; }
"$BIN" clv evaluate --model "$OUT/clv.json" --transactions "$CSV" --holdout-end 2011-12-09 --json \
  > "$OUT/evaluate.json"
"$PY" "$here/lifetimes_peer.py" "$OUT/summary.csv" "$CSV" "$OUT/fit.json" "$OUT/evaluate.json" 2011-09-09 2011-12-09
grep '^note' "$OUT/fit.stderr" || true
