#!/usr/bin/env bash
# EASE correctness and fit time against a numpy float64 reference (same λ, same threads):
# Online Retail (~3.7k items, temporal split) and MovieLens latest-small (~9.7k items).
#   bash Benchmarks/ease.sh      (needs ../shared/datasets or $AFFINITY_DATASETS; run on a quiet machine)
# The 9.7k-item fit needs about 1.1 GiB (Affinity) and 2.3 GiB (numpy: G, inverse and B in float64).
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib/datasets.sh
threads=${THREADS:-2}
. Benchmarks/lib/quality_splits.sh
quality_splits >/dev/null
$py Benchmarks/ease/ease_check.py --affinity $bin --train "$out/retail_train.csv" --l2 ${L2_RETAIL:-100} \
  --threads "$threads" --out "$out/ease_retail" --name online-retail
$py Benchmarks/ease/ease_check.py --affinity $bin --train "$out/ml_train.csv" --l2 ${L2_ML:-100} \
  --threads "$threads" --out "$out/ease_ml" --name movielens
