#!/usr/bin/env bash
# ALS speed, Affinity vs implicit, on one seeded synthetic power-law file (generation not timed).
#   bash Benchmarks/als_vs_implicit.sh [USERS ITEMS NNZ] [THREADS] [REPEATS]
# Defaults: 10,000 users × 5,000 items × 1,000,000 nnz, threads 1,2, 3 repeats, 64 factors, CG, 15 iterations.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-10000}; items=${2:-5000}; nnz=${3:-1000000}; threads=${4:-1,2}; repeats=${5:-3}
[ -x Benchmarks/.venv/bin/python ] || bash Benchmarks/peers/setup.sh
swift build -c release --product affinity >/dev/null
mkdir -p Benchmarks/out
data="Benchmarks/out/synthetic_${users}x${items}x${nnz}.csv"
[ -s "$data" ] || Benchmarks/.venv/bin/python Benchmarks/als_synthetic.py "$data" --users "$users" --items "$items" --nnz "$nnz" --seed 7
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%dT%H:%MZ)" >&2
Benchmarks/.venv/bin/python Benchmarks/als_vs_implicit.py --data "$data" --affinity .build/release/affinity \
  --python Benchmarks/.venv/bin/python --threads "$threads" --repeats "$repeats" --model-out Benchmarks/out/bench.affinity
