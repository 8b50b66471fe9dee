#!/usr/bin/env bash
# NDCG@10, Affinity vs implicit vs popularity, on Online Retail and MovieLens latest-small.
#   bash Benchmarks/als_quality.sh      (needs ../shared/datasets or $AFFINITY_DATASETS)
# Online Retail: train before 2011-11-01, test after (new pairs of known users/items only).
# MovieLens: ratings >= 4 are positives; users with >= 5 positives; each user's last 20% by time is test.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/datasets.sh
. Benchmarks/lib/quality_splits.sh
quality_splits
echo "| dataset | affinity NDCG@10 (best α, λ) | implicit NDCG@10 (best α, λ) | popularity NDCG@10 | users evaluated (ours / implicit) |"
echo "|---|---|---|---|---|"
$py Benchmarks/als_quality.py --affinity $bin --python $py --alphas 0.1,0.3,1,10,40 --regularizations 0.01,1,10 --name online-retail --train "$out/retail_train.csv" --test "$out/retail_test.csv" --model-out "$out/quality.affinity"
$py Benchmarks/als_quality.py --affinity $bin --python $py --alphas 0.1,0.3,1,10,40 --regularizations 0.01,1,10 --name movielens --train "$out/ml_train.csv" --test "$out/ml_test.csv" --model-out "$out/quality.affinity"
