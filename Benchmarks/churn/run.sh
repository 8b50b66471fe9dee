#!/usr/bin/env bash
# Churn benchmarks, Affinity and scikit-learn side by side in one run:
#   1. IBM Telco: stratified 80/20 split written to files, both fit on the identical split.
#   2. Synthetic 1,000,000 x 50 table (affinity churn synth), both fit on the same CSV.
#   3. Online Retail -> churn features -> train -> evaluate (Affinity only; AUC recorded).
# Usage: bash Benchmarks/churn/run.sh [path/to/affinity] [repeats] [threads]
# Needs Benchmarks/.venv (bash Benchmarks/peers/setup.sh) and ../shared/datasets (or $AFFINITY_DATASETS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${1:-$root/.build/release/affinity}
REPEATS=${2:-5}
THREADS=${3:-$(nproc)}
DATA=${AFFINITY_DATASETS:-$root/../shared/datasets}
OUT=$root/Benchmarks/out/churn
PY=$root/Benchmarks/.venv/bin/python
mkdir -p "$OUT"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { "$PY" -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), threads=$THREADS, repeats=$REPEATS"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load average: $(cut -d" " -f1-3 /proc/loadavg)"
trap 'echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT

side_by_side() { # name train test label
  local name=$1 train=$2 test=$3 label=$4 times=()
  for _ in $(seq "$REPEATS"); do
    "$BIN" churn train --train "$train" --test "$test" --label "$label" --l2 1.0 --threads "$THREADS" \
      --output "$OUT/$name.model.json" --json > "$OUT/$name.affinity.json"
    times+=("$(field fit_seconds < "$OUT/$name.affinity.json")")
  done
  local ours; ours=$(printf '%s\n' "${times[@]}" | median)
  "$PY" "$here/sklearn_peer.py" "$train" "$test" "$label" "$REPEATS" "$THREADS" > "$OUT/$name.sklearn.json"
  local theirs; theirs=$(field fit_seconds_median < "$OUT/$name.sklearn.json")
  "$PY" - "$OUT/$name.affinity.json" "$OUT/$name.sklearn.json" "$ours" "$theirs" "$name" <<'PYEOF'
import json, sys
a, s = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ours, theirs, name = float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print(f"{name}: rows test={a['rows']}")
for k in ["auc", "log_loss", "brier", "accuracy"]:
    print(f"  {k:9s} affinity {a[k]:.5f}  scikit-learn {s[k]:.5f}  diff {a[k]-s[k]:+.5f} ({100*(a[k]-s[k])/s[k]:+.2f}%)")
print(f"  fit_seconds median: affinity {ours:.4f} ({a['solver']}, {a['iterations']} it)  scikit-learn {theirs:.4f} (lbfgs, {s['iterations']} it)  ratio sklearn/affinity {theirs/ours:.1f}x")
PYEOF
}

# 1. Telco
"$BIN" churn split --input "$DATA/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv" --label Churn --test-fraction 0.2 \
  --seed 42 --train-output "$OUT/telco-train.csv" --test-output "$OUT/telco-test.csv" >/dev/null
side_by_side telco "$OUT/telco-train.csv" "$OUT/telco-test.csv" Churn

# 2. Synthetic 1M x 50 (train) + 100k x 50 (test, different seed)
if [ "${SKIP_SYNTHETIC:-0}" != 1 ]; then
  [ -f "$OUT/synth-train.csv" ] || "$BIN" churn synth --rows 1000000 --features 50 --seed 1 --output "$OUT/synth-train.csv"
  [ -f "$OUT/synth-test.csv" ] || "$BIN" churn synth --rows 100000 --features 50 --seed 2 --model-seed 1 --output "$OUT/synth-test.csv"
  REPEATS_SAVED=$REPEATS; REPEATS=${SYNTH_REPEATS:-3}
  side_by_side synthetic-1Mx50 "$OUT/synth-train.csv" "$OUT/synth-test.csv" churned
  REPEATS=$REPEATS_SAVED
fi

# 3. Online Retail end to end
"$BIN" churn features --transactions "$DATA/online-retail/online-retail.csv" --preset online-retail \
  --cutoff 2011-09-01 --horizon-days 90 --output "$OUT/retail-customers.csv" 2>/dev/null
"$BIN" churn split --input "$OUT/retail-customers.csv" --label churned --seed 42 \
  --train-output "$OUT/retail-train.csv" --test-output "$OUT/retail-test.csv" >/dev/null
"$BIN" churn train --input "$OUT/retail-train.csv" --label churned --output "$OUT/retail.model.json" --json > "$OUT/retail.train.json"
"$BIN" churn evaluate --model "$OUT/retail.model.json" --input "$OUT/retail-test.csv" --json > "$OUT/retail.eval.json"
"$PY" "$here/sklearn_peer.py" "$OUT/retail-train.csv" "$OUT/retail-test.csv" churned 1 "$THREADS" > "$OUT/retail.sklearn.json"
echo "online-retail (cutoff 2011-09-01, horizon 90d): affinity auc $(field auc < "$OUT/retail.eval.json"), rows $(field rows < "$OUT/retail.eval.json"); scikit-learn same split auc $(field auc < "$OUT/retail.sklearn.json")"
