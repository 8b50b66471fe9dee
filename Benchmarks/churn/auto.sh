#!/usr/bin/env bash
# `churn train --features auto` against LightGBM (default parameters) and plain logistic regression,
# side by side in one run, on the same train/test split for all three:
#   1. IBM Telco: stratified 80/20 split (seed 42) written to files.
#   2. `affinity churn synth --nonlinear`: 20,000 training rows (seed 1), 10,000 test rows (seed 2).
# Plain LR is `churn train` without --features auto (it matches scikit-learn's LogisticRegression, see run.sh).
# Fit times: Affinity's optimizer seconds (both fits with auto) and the whole train command's wall time;
# LightGBM's LGBMClassifier.fit alone. Medians of REPEATS.
# Usage: bash Benchmarks/churn/auto.sh [path/to/affinity] [repeats] [threads]
# Needs Benchmarks/.venv (bash Benchmarks/peers/setup.sh, which installs lightgbm) and ../shared/datasets (or $AFFINITY_DATASETS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${1:-$root/.build/release/affinity}
REPEATS=${2:-3}
THREADS=${3:-$(nproc)}
DATA=${AFFINITY_DATASETS:-$root/../shared/datasets}
OUT=$root/Benchmarks/out/churn-auto
PY=$root/Benchmarks/.venv/bin/python
mkdir -p "$OUT"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { "$PY" -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }
now() { date +%s.%N; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), threads=$THREADS, repeats=$REPEATS"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load average: $(cut -d" " -f1-3 /proc/loadavg)"
trap 'echo "load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT

affinity() { # name mode train test label -> prints "auc fit_median wall_median"
  local name=$1 mode=$2 train=$3 test=$4 label=$5 fits=() walls=()
  for _ in $(seq "$REPEATS"); do
    local t0; t0=$(now)
    "$BIN" churn train --train "$train" --test "$test" --label "$label" --features "$mode" --threads "$THREADS" \
      --output "$OUT/$name.$mode.model.json" --json > "$OUT/$name.$mode.json" 2> "$OUT/$name.$mode.stderr"
    walls+=("$(echo "$(now) - $t0" | bc)")
    fits+=("$(field fit_seconds < "$OUT/$name.$mode.json")")
  done
  echo "$(field auc < "$OUT/$name.$mode.json") $(printf '%s\n' "${fits[@]}" | median) $(printf '%s\n' "${walls[@]}" | median)"
}

compare() { # name train test label
  local name=$1 train=$2 test=$3 label=$4
  read -r auto_auc auto_fit auto_wall < <(affinity "$name" auto "$train" "$test" "$label")
  read -r plain_auc plain_fit plain_wall < <(affinity "$name" plain "$train" "$test" "$label")
  "$PY" "$here/lightgbm_peer.py" "$train" "$test" "$label" "$REPEATS" "$THREADS" > "$OUT/$name.lightgbm.json"
  local lgb_auc lgb_fit
  lgb_auc=$(field auc < "$OUT/$name.lightgbm.json"); lgb_fit=$(field fit_seconds_median < "$OUT/$name.lightgbm.json")
  echo "$name: test rows $(field rows < "$OUT/$name.auto.json"), $(grep -h 'features auto' "$OUT/$name.auto.stderr" | sed 's/^note: //')"
  printf '  %-24s auc %.4f  fit %.3f s  (train command wall %.3f s)\n' "affinity --features auto" "$auto_auc" "$auto_fit" "$auto_wall"
  printf '  %-24s auc %.4f  fit %.3f s  (train command wall %.3f s)\n' "affinity plain LR" "$plain_auc" "$plain_fit" "$plain_wall"
  printf '  %-24s auc %.4f  fit %.3f s\n' "LightGBM (defaults)" "$lgb_auc" "$lgb_fit"
  "$PY" -c "a,l,p=$auto_auc,$lgb_auc,$plain_auc; print(f'  auto - LightGBM {a-l:+.4f} (goal >= -0.01: {\"met\" if a-l>=-0.01 else \"NOT met\"}); auto - plain {a-p:+.4f} (goal >= 0: {\"met\" if a>=p else \"NOT met\"})')"
}

"$BIN" churn split --input "$DATA/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv" --label Churn --test-fraction 0.2 \
  --seed 42 --train-output "$OUT/telco-train.csv" --test-output "$OUT/telco-test.csv" >/dev/null
compare telco "$OUT/telco-train.csv" "$OUT/telco-test.csv" Churn

"$BIN" churn synth --nonlinear --rows 20000 --seed 1 --output "$OUT/nonlinear-train.csv" 2>/dev/null
"$BIN" churn synth --nonlinear --rows 10000 --seed 2 --output "$OUT/nonlinear-test.csv" 2>/dev/null
compare nonlinear "$OUT/nonlinear-train.csv" "$OUT/nonlinear-test.csv" churned
