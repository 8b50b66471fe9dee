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

step "8b. Churn: features from the shop's orders; a model on customers.csv (split, train, evaluate, riskiest customers with reasons); CX metrics and RFM segments"
mkdir -p "$ROOT/models"
"$BIN" churn features --transactions "$DIR/orders.csv" --preset online-retail --horizon-days 60 --output "$DIR/churn-features.csv"
"$BIN" churn split --input "$DIR/customers.csv" --label churned --seed 42 \
  --train-output "$DIR/customers-train.csv" --test-output "$DIR/customers-test.csv"
"$BIN" churn train --train "$DIR/customers-train.csv" --test "$DIR/customers-test.csv" --label churned \
  --output "$ROOT/models/churn.json"
"$BIN" churn score --model "$ROOT/models/churn.json" --input "$DIR/customers-test.csv" --output "$DIR/churn-scores.csv" --top 5
"$BIN" metrics --transactions "$DIR/orders.csv" --period month --surveys "$DIR/surveys.csv"
"$BIN" segments --transactions "$DIR/orders.csv"

step "9. Serve: recommendations, clicks and cart adds that change them, cart-as-query, churn with reasons"
MODELS=${MODELS:-$ROOT/models}
MODEL=${DEMO_MODEL:-$MODELS/shop.affinity}
CHURN=${DEMO_CHURN:-$MODELS/churn.json}
mkdir -p "$MODELS"
if [ ! -f "$MODEL" ] && "$BIN" train als --help >/dev/null 2>&1; then
  "$BIN" train als --input "$DIR/interactions.csv" --factors 32 --iterations 10 --output "$MODEL"
fi
if [ ! -f "$CHURN" ] && "$BIN" churn train --help >/dev/null 2>&1; then
  "$BIN" churn train --input "$DIR/customers.csv" --output "$CHURN" >/dev/null
fi
if [ ! -f "$MODEL" ]; then
  echo "skipped: no recommender model at $MODEL (needs 'affinity train als')"
else
  SERVE_DIR=$(mktemp -d)
  CHURN_ARGS=()
  [ -f "$CHURN" ] && CHURN_ARGS=(--churn-model "$CHURN")
  "$BIN" serve --model "$MODEL" "${CHURN_ARGS[@]}" --catalog "$DIR/items.csv" --data-dir "$SERVE_DIR/data" --port 0 --log-level warning \
    > "$SERVE_DIR/serve.out" &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; rm -rf "$SERVE_DIR"' EXIT
  # Wait for the one `listening on HOST:PORT` line (the server prints it once accepting).
  for _ in $(seq 1 300); do grep -q '^listening on ' "$SERVE_DIR/serve.out" && break; sleep 0.1; done
  cat "$SERVE_DIR/serve.out"
  PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$SERVE_DIR/serve.out")
  client() { echo "> $*"; "$BIN" client --port "$PORT" "$@"; }
  client health
  SHOPPER=$(head -2 "$DIR/interactions.csv" | tail -1 | cut -d, -f1)
  client recommend user="$SHOPPER" k=5
  echo "# the same shopper, at most one item per category"
  client recommend user="$SHOPPER" k=5 max_per_category=1
  ITEM=$("$BIN" client --port "$PORT" recommend user="$SHOPPER" k=5 | sed -n 's/.*"items":\[{"item":"\([^"]*\)".*/\1/p')
  echo "# the shopper clicks $ITEM and adds it to the cart; the next request already reflects it"
  client feedback user="$SHOPPER" item="$ITEM" event=click
  client feedback user="$SHOPPER" item="$ITEM" event=cart_add
  client recommend user="$SHOPPER" k=5
  echo "# a new visitor: popular items until the first click, then personal ones"
  client recommend user=visitor-1 k=3
  client feedback user=visitor-1 item="$ITEM" event=click
  client recommend user=visitor-1 k=3
  echo "# cart as query: shoppers with this in the cart also bought"
  client recommend_items "items=[\"$ITEM\"]" k=5
  if [ -f "$CHURN" ]; then
    echo "# churn risk with reasons, for the first customers of customers.csv"
    python3 - "$DIR/customers.csv" <<'PY' | while read -r CUSTOMER; do client churn_score "customer=$CUSTOMER"; done
import csv, json, sys
rows = csv.DictReader(open(sys.argv[1]))
for i, row in zip(range(3), rows):
    row.pop("churned", None); row.pop("customer_id", None)
    print(json.dumps(row))
PY
  fi
  client stats
  echo "# clean shutdown (SIGTERM drains in-flight requests)"
  kill -TERM $SERVER
  wait $SERVER && echo "server exited cleanly"
  trap - EXIT
  rm -rf "$SERVE_DIR"
fi
