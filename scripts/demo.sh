#!/usr/bin/env bash
# make demo: the main job end to end on the embedded default (the synthetic shop).
# Each step is a separate block; later steps (train, evaluate, serve, feedback, churn) append below.
# Usage: scripts/demo.sh [BIN] [DIR]
set -euo pipefail
BIN=${1:-.build/release/affinity}
DIR=${2:-datasets/synthetic}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${AFFINITY_DATASETS:-$ROOT/../shared/datasets}

step() { printf '\n== %s ==\n' "$*"; }

step "0. BLAS library and threads"
"$BIN" info

step "1. Generate the synthetic shop into $DIR (deterministic: seed 42)"
"$BIN" generate --out "$DIR" --users 2000 --items 500 --seed 42

step "2. Stats of the synthetic interactions"
"$BIN" data stats "$DIR/interactions.csv"

step "3. The synthetic orders read with the Online Retail preset"
"$BIN" data stats --preset online-retail "$DIR/orders.csv"

step "4. Real data, when ../shared/datasets is present: UCI Online Retail"
if [ -f "$SHARED/online-retail/online-retail.csv" ]; then
  "$BIN" data stats --preset online-retail "$SHARED/online-retail/online-retail.csv"
else
  echo "skipped: $SHARED/online-retail/online-retail.csv not found (see datasets/README.md to get it)"
fi
