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

step "5. Recommender: split the shop's events by time (each user's last 20% is test)"
"$BIN" split --input "$DIR/interactions.csv" --test-fraction 0.2 --min-user-rows 5 \
  --train-out "$DIR/train.csv" --test-out "$DIR/test.csv"

step "6. Train implicit ALS on the train part (progress on stderr)"
mkdir -p "$ROOT/models"
"$BIN" train als --input "$DIR/train.csv" --factors 32 --iterations 10 --alpha 1 --regularization 0.1 \
  --seed 42 --output "$ROOT/models/shop.affinity"

step "7. Evaluate: full ranking on the held-out events, beside the popularity baseline"
"$BIN" evaluate --model "$ROOT/models/shop.affinity" --train "$DIR/train.csv" --test "$DIR/test.csv" --k 10

DEMO_USER=$(sed -n 2p "$DIR/train.csv" | cut -d, -f1)
step "8. Recommend for user $DEMO_USER (at most 2 per category), for an unknown user, and for a cart"
"$BIN" recommend --model "$ROOT/models/shop.affinity" --user "$DEMO_USER" --k 5 --catalog "$DIR/items.csv" --max-per-category 2
"$BIN" recommend --model "$ROOT/models/shop.affinity" --user "new-visitor" --k 3
CART=$(sed -n '2p;3p' "$DIR/items.csv" | cut -d, -f1 | paste -sd,)
"$BIN" recommend --model "$ROOT/models/shop.affinity" --items "$CART" --k 3 --catalog "$DIR/items.csv"
"$BIN" similar --model "$ROOT/models/shop.affinity" --item "$(sed -n 2p "$DIR/items.csv" | cut -d, -f1)" --k 3
