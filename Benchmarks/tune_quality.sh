#!/usr/bin/env bash
# Issue 15's protocol on Online Retail (temporal split) and MovieLens latest-small (each user's last 20 %):
# `affinity tune` on the training file alone -> final model -> one `affinity evaluate` on the test file,
# seeds 1-3, beside implicit's best grid point chosen on the test file itself (α ∈ {0.1,0.3,1,10,40} ×
# λ ∈ {0.01,1,10}, 64 factors, 15 iterations, NDCG@10 averaged over seeds 1-3) and popularity.
#   bash Benchmarks/tune_quality.sh      (BUDGET=24 THREADS=2 by default; needs ../shared/datasets or $AFFINITY_DATASETS)
# The splits are the ones of Benchmarks/als_quality.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/datasets.sh
budget=${BUDGET:-24}; threads=${THREADS:-2}
. Benchmarks/lib/quality_splits.sh
quality_splits
echo "| dataset | affinity tune → evaluate NDCG@10, mean (seeds 1, 2, 3) | chosen per seed | implicit best on test, mean (α, λ; seeds 1, 2, 3) | ratio | popularity | users |"
echo "|---|---|---|---|---|---|---|"
for name in retail ml; do
  $py Benchmarks/tune_quality.py --affinity $bin --name $name --train "$out/${name}_train.csv" --test "$out/${name}_test.csv" \
    --out "$out/tune_$name" --budget "$budget" --threads "$threads" ${IMPLICIT_ONLY:+--implicit-only}
done
