# Sourced after datasets.sh: `quality_splits` writes the splits the quality benchmarks share, with
# `affinity split --json` lines on stdout:
# Online Retail: train before 2011-11-01, test after (new pairs of known users/items only) ->
#   $out/retail_train.csv, $out/retail_test.csv;
# MovieLens latest-small: ratings >= 4 are positives; users with >= 5 positives; each user's last 20% by
#   time is test -> $out/ml_train.csv, $out/ml_test.csv.
# `quality_splits_more` adds two (issue 15's tuning table):
# Last.fm HetRec 2K (play counts, no timestamps): a seeded random 20 % of each user's artists is test
#   (--random --seed 1) -> $out/lastfm_train.csv, $out/lastfm_test.csv;
# REES46 sample (3 hours of events, preset weights): users with >= 3 events; each user's last 20 % by time
#   is test -> $out/rees46_train.csv, $out/rees46_test.csv.
quality_splits() {
  $bin split --preset online-retail --input "$data/online-retail/online-retail.csv" --cutoff 2011-11-01 \
    --train-out "$out/retail_train.csv" --test-out "$out/retail_test.csv" --json
  $bin split --preset movielens --input "$data/movielens-latest-small/ratings.csv" --test-fraction 0.2 --min-user-rows 5 \
    --train-out "$out/ml_train.csv" --test-out "$out/ml_test.csv" --json
}

quality_splits_more() {
  $bin split --preset lastfm --input "$data/lastfm-hetrec2k/user_artists.dat" --random --test-fraction 0.2 --seed 1 \
    --train-out "$out/lastfm_train.csv" --test-out "$out/lastfm_test.csv" --json
  $bin split --preset rees46 --input "$data/rees46-ecommerce-sample/2019-Oct-sample-17k.csv" --test-fraction 0.2 --min-user-rows 3 \
    --train-out "$out/rees46_train.csv" --test-out "$out/rees46_test.csv" --json
}
