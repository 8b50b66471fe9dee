#!/usr/bin/env bash
# Fold-in / recommend / similar latency of an ALS model (10,000 items × 64 factors, 50 interactions).
#   bash Benchmarks/als_serving.sh [ITEMS FACTORS INTERACTIONS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product ServingRate >/dev/null
for _ in $(seq "${4:-3}"); do .build/release/ServingRate "${1:-10000}" "${2:-64}" "${3:-50}"; done
