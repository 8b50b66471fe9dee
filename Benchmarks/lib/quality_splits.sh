# Sourced after datasets.sh: `quality_splits` writes the two splits the quality benchmarks share, with
# `affinity split --json` lines on stdout:
# Online Retail: train before 2011-11-01, test after (new pairs of known users/items only) ->
#   $out/retail_train.csv, $out/retail_test.csv;
# MovieLens latest-small: ratings >= 4 are positives; users with >= 5 positives; each user's last 20% by
#   time is test -> $out/ml_train.csv, $out/ml_test.csv.
quality_splits() {
  $bin split --preset online-retail --input "$data/online-retail/online-retail.csv" --cutoff 2011-11-01 \
    --train-out "$out/retail_train.csv" --test-out "$out/retail_test.csv" --json
  $bin split --preset movielens --input "$data/movielens-latest-small/ratings.csv" --test-fraction 0.2 --min-user-rows 5 \
    --train-out "$out/ml_train.csv" --test-out "$out/ml_test.csv" --json
}
