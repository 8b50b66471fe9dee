#!/usr/bin/env bash
# make spark-check: Spark MLlib's ALS (and the library `implicit`) trained, imported into Affinity,
# served, and checked for exactness (docs/SPARK.md). Needs no cluster: Spark runs on local[2].
#   1. spark/setup.sh: Benchmarks/.venv (the peers of Benchmarks/peers/setup.sh plus pyspark) and a Java 17+ runtime (Debian's when none).
#   2. MovieLens latest-small (skipped with a message when ../shared/datasets lacks it): the Spark job
#      (rank 32, 10 iterations), `affinity import`, and spark/serve_check.py: for every user, a new user
#      whose feedback events equal the user's interactions gets, by the server's fold-in, Spark's user
#      vector (relative L2 <= 1e-3) and the same top-10. The same for `implicit` (confidence alpha*r,
#      unscaled lambda) against its recalculate_user. Then NDCG@10 of the imported Spark model vs
#      Affinity's own ALS (frequency scaling, same hyperparameters) on one per-user temporal split.
#   3. The synthetic shop (`affinity generate`, as make demo): the same job, import, exactness, evaluation.
# AFFINITY_BIN=path skips the release build and uses that binary.
# Results: a table on stdout and in $OUT/results.md. Exit 1 when an exactness check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${SPARK_CHECK_OUT:-$ROOT/spark/out}
SHARED=${AFFINITY_DATASETS:-$ROOT/../shared/datasets}
[ -d "$SHARED" ] || SHARED=/work/shared/datasets
RANK=${RANK:-32}; ITERS=${ITERS:-10}; LAMBDA=${LAMBDA:-0.05}; ALPHA=${ALPHA:-1}
BIN=${AFFINITY_BIN:-$ROOT/.build/release/affinity}
PY=$ROOT/Benchmarks/.venv/bin/python
mkdir -p "$OUT"

JAVA_HOME=$(bash spark/setup.sh | tail -1)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
[ -n "${AFFINITY_BIN:-}" ] || swift build -c release --product affinity >/dev/null

status=0
results="$OUT/results.md" quality="$OUT/quality.md"
printf '| data | trainer | check | users | median rel. L2 | max rel. L2 | same top-10 |\n|---|---|---|---|---|---|---|\n' > "$results"
printf '| data (per-user split, last 20%% of each user is test) | NDCG@10 Spark ALS, imported | NDCG@10 Affinity ALS, frequency scaling |\n|---|---|---|\n' > "$quality"
spark_job() { "$PY" spark/affinity_als.py --master 'local[2]' --shuffle-partitions 4 --blocks 2 --rank "$RANK" \
  --max-iter "$ITERS" --reg-param "$LAMBDA" --alpha "$ALPHA" --seed 42 "$@" 2> "$OUT/spark.log" | tail -1; }
exactness() {  # LABEL MODEL FACTORS [--reference NPY]
  local label=$1 model=$2 factors=$3; shift 3
  if ! line=$("$PY" spark/serve_check.py --affinity "$BIN" --model "$model" --factors "$factors" --label "$label" "$@"); then status=1; fi
  echo "$line"
  "$PY" - "$line" >> "$results" <<'PYEOF'
import json, sys
r = json.loads(sys.argv[1]); data, trainer = r["check"].split(" / ")
top = f"{r['same_top10']}/{r['users']} (reference ranked in numpy)"
if r["same_top10_as_trained_user"] is not None:
    top += f", {r['same_top10_as_trained_user']}/{r['users']} (trained user on the server)"
print(f"| {data} | {trainer} | server fold-in of every user | {r['users']} | {r['median_rel_l2']:.2e} | {r['max_rel_l2']:.2e} | {top} |")
PYEOF
}
ndcg() { "$BIN" evaluate --model "$1" --train "$2" --test "$3" --k 10 --json | "$PY" -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["ndcg"])'; }
compare_quality() {  # LABEL NAME TRAIN TEST
  local label=$1 name=$2 train=$3 test=$4
  spark_job --input "$train" --output "$OUT/$name-split-spark"
  "$BIN" import --factors "$OUT/$name-split-spark" --interactions "$train" --output "$OUT/$name-split-spark.affinity" >/dev/null
  "$BIN" train als --input "$train" --factors "$RANK" --iterations "$ITERS" --regularization "$LAMBDA" --alpha "$ALPHA" \
    --regularization-scaling frequency --seed 42 --output "$OUT/$name-split-affinity.affinity" 2>/dev/null >/dev/null
  local s a
  s=$(ndcg "$OUT/$name-split-spark.affinity" "$train" "$test"); a=$(ndcg "$OUT/$name-split-affinity.affinity" "$train" "$test")
  echo "$label NDCG@10: Spark ALS imported $s, Affinity ALS $a"
  echo "| $label | $s | $a |" >> "$quality"
}

ML=$SHARED/movielens-latest-small/ratings.csv
if [ -f "$ML" ]; then
  echo "== MovieLens latest-small: Spark ALS (rank $RANK, $ITERS iterations, regParam $LAMBDA, alpha $ALPHA) =="
  spark_job --input "$ML" --preset movielens --output "$OUT/ml-spark"
  "$BIN" import --factors "$OUT/ml-spark" --interactions "$ML" --preset movielens --output "$OUT/ml-spark.affinity"
  exactness "MovieLens / Spark ALS" "$OUT/ml-spark.affinity" "$OUT/ml-spark"

  echo "== MovieLens latest-small: implicit (same data: ratings >= 4 as weight 1) =="
  awk -F, 'NR==1{print "user,item,weight"} NR>1 && $3>=4 {print $1","$2",1"}' "$ML" > "$OUT/ml-positive.csv"
  "$PY" spark/implicit_factors.py --input "$OUT/ml-positive.csv" --output "$OUT/ml-implicit" --factors "$RANK" \
    --iterations "$ITERS" --regularization "$LAMBDA" --alpha "$ALPHA"
  "$BIN" import --factors "$OUT/ml-implicit" --interactions "$OUT/ml-positive.csv" --output "$OUT/ml-implicit.affinity"
  exactness "MovieLens / implicit (recalculate_user)" "$OUT/ml-implicit.affinity" "$OUT/ml-implicit" \
    --reference "$OUT/ml-implicit/recalculated_user_factors.npy"

  echo "== MovieLens latest-small: NDCG@10, Spark vs Affinity on one per-user split =="
  "$BIN" split --input "$ML" --preset movielens --test-fraction 0.2 --min-user-rows 5 \
    --train-out "$OUT/ml-train.csv" --test-out "$OUT/ml-test.csv" >/dev/null
  compare_quality MovieLens ml "$OUT/ml-train.csv" "$OUT/ml-test.csv"
else
  echo "skipped MovieLens: $ML not found (see datasets/README.md to get it)"
fi

echo "== Synthetic shop (affinity generate --users 2000 --items 500 --seed 42) =="
"$BIN" generate --out "$OUT/shop" --users 2000 --items 500 --seed 42 >/dev/null
spark_job --input "$OUT/shop/interactions.csv" --output "$OUT/shop-spark"
"$BIN" import --factors "$OUT/shop-spark" --interactions "$OUT/shop/interactions.csv" --output "$OUT/shop-spark.affinity"
exactness "synthetic shop / Spark ALS" "$OUT/shop-spark.affinity" "$OUT/shop-spark"
"$BIN" split --input "$OUT/shop/interactions.csv" --test-fraction 0.2 --min-user-rows 5 \
  --train-out "$OUT/shop-train.csv" --test-out "$OUT/shop-test.csv" >/dev/null
compare_quality "synthetic shop" shop "$OUT/shop-train.csv" "$OUT/shop-test.csv"

echo; cat "$results"; echo; cat "$quality"
[ "$status" = 0 ] && echo "spark-check: all exactness checks passed" || echo "spark-check: an exactness check FAILED"
exit "$status"
