#!/usr/bin/env bash
# Training time and peak memory, Spark MLlib's ALS on local[2] vs `affinity train als --threads 2`, on the
# seeded 1M-interaction synthetic file of Benchmarks/als_vs_implicit.sh (10,000 users × 5,000 items,
# generation not timed), same hyperparameters (rank 32, 10 iterations, λ 0.05 scaled by frequency, α 1).
# Memory: peak RSS of the whole process tree (spark/peak_rss.py: the Python driver + its JVM; Affinity's
# one process). Wall time includes reading the CSV for both; the fit time is each trainer's own.
#   bash spark/bench.sh [REPEATS]        (AFFINITY_BIN=path skips the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-1}
BIN=${AFFINITY_BIN:-.build/release/affinity}
PY=Benchmarks/.venv/bin/python
JAVA_HOME=$(bash spark/setup.sh | tail -1); export JAVA_HOME
[ -n "${AFFINITY_BIN:-}" ] || swift build -c release --product affinity >/dev/null
mkdir -p Benchmarks/out
data=Benchmarks/out/synthetic_10000x5000x1000000.csv
[ -s "$data" ] || "$PY" Benchmarks/als_synthetic.py "$data" --users 10000 --items 5000 --nnz 1000000 --seed 7
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$repeats"); do
  echo "-- run $r: Affinity"
  "$PY" spark/peak_rss.py -- "$BIN" train als --input "$data" --factors 32 --iterations 10 --regularization 0.05 --alpha 1 \
    --regularization-scaling frequency --solver cholesky --threads 2 --seed 42 --output Benchmarks/out/spark-bench.affinity 2>&1 | grep -v '^iteration' | tail -3
  echo "-- run $r: Spark local[2]"
  "$PY" spark/peak_rss.py -- "$PY" spark/affinity_als.py --master 'local[2]' --driver-memory 2g --shuffle-partitions 4 --blocks 2 \
    --input "$data" --rank 32 --max-iter 10 --reg-param 0.05 --alpha 1 --seed 42 --output Benchmarks/out/spark-bench-factors 2>&1 \
    | grep -E '^\{' || true
done
