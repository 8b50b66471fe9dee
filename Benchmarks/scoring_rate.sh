#!/usr/bin/env bash
# Recommend scoring per user: batched kernel (B = 1, 8, 32) vs sgemv + top-k (10,000 items × 64 factors).
#   bash Benchmarks/scoring_rate.sh [ITEMS FACTORS] [REPEATS]     (MODEL=path.affinity: that model's factors)
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product ScoringRate >/dev/null
for _ in $(seq "${3:-3}"); do .build/release/ScoringRate "${1:-10000}" "${2:-64}" ${MODEL:+"$MODEL"}; done
