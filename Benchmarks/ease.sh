#!/usr/bin/env bash
# EASE correctness and fit time against a numpy float64 reference (same λ, same threads), on three inputs:
#   Online Retail, temporal split (train side: ~3.6k items); MovieLens latest-small, ratings >= 4, each
#   user's last 20 % held out (train side: ~5.3k items); MovieLens latest-small with every rating a
#   positive (weight 1), the whole file (all 9,724 rated movies).
#   bash Benchmarks/ease.sh [REPEATS]   (default 3: fits of each tool, alternating; medians reported)
# Needs ../shared/datasets or $AFFINITY_DATASETS. Preparing the inputs is not timed.
# The 9.7k-item fit needs about 1.1 GiB (Affinity) and 2.3 GiB (numpy: G, inverse and B in float64).
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/datasets.sh
threads=${THREADS:-2}
repeats=${1:-3}
. Benchmarks/lib/quality_splits.sh
quality_splits >/dev/null
# user,item,weight with every rating of ratings.csv (userId,movieId,rating,timestamp) as a positive.
awk -F, 'NR == 1 { print "user,item,weight"; next } { print $1 "," $2 ",1" }' \
  "$data/movielens-latest-small/ratings.csv" > "$out/ml_all.csv"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
run() {  # name train-file λ
  $py Benchmarks/ease/ease_check.py --affinity $bin --train "$2" --l2 "$3" --threads "$threads" \
    --repeats "$repeats" --out "$out/ease_$1" --name "$1"
}
run retail "$out/retail_train.csv" "${L2_RETAIL:-100}"
run ml "$out/ml_train.csv" "${L2_ML:-100}"
run ml_all "$out/ml_all.csv" "${L2_ML:-100}"
echo "done $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
