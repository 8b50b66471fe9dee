#!/usr/bin/env python3
"""Trains Spark MLlib's implicit-feedback ALS on an interactions file and writes the factors in the
layout `affinity export` writes, ready for `affinity import` (docs/SPARK.md).

    python spark/affinity_als.py --master 'local[2]' --input ratings.csv --preset movielens \\
        --rank 32 --max-iter 10 --reg-param 0.05 --alpha 1 --output factors/
    spark-submit --master yarn spark/affinity_als.py --input hdfs:///events.parquet --output /tmp/factors

Input, read the way `affinity train als` reads it (Sources/AffinityData/Loading):
  * a generic CSV (delimiter detected from the header: ',', ';' or tab; .gz works) or Parquet, with
    columns --user-col (user), --item-col (item) and --weight-col (weight; absent -> every row weighs
    1). Rows with an empty user or item are skipped. A negative weight is negative feedback;
  * --preset movielens (ratings.csv: rating >= --min-rating -> weight 1), lastfm (user_artists.dat,
    tab-separated, weight = play count), rees46 (event_type view/cart/purchase -> 1/4/8, other types
    skipped) or online-retail (one per distinct invoice; no CustomerID, 'C' invoices and
    Quantity <= 0 skipped; CustomerID '17850.0' read as '17850').
Duplicate (user, item) rows are summed before training, as Affinity's CSR does: Spark counts rows
for its lambda * n scaling, Affinity counts distinct items with positive summed weight.

Output (--output DIR, written on the driver; each file to a temp file, then renamed):
  user_factors.npy, item_factors.npy  float32, C order, one row per ID
  user_ids.txt, item_ids.txt          one ID per line in row order: order of first appearance
                                      in the input, as Affinity's loader numbers IDs
  meta.json                           rank, alpha, regParam, maxIter, regularization_scaling
                                      "frequency", confidence "one-plus-alpha", source
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np

# The event weights of the rees46 preset (Sources/AffinityData/Loading/EventWeights.swift).
REES46_WEIGHTS = {"view": 1.0, "cart": 4.0, "purchase": 8.0}
PRESETS = ("movielens", "lastfm", "rees46", "online-retail")


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="interactions: CSV (.csv, .tsv, .dat, .gz) or Parquet (a .parquet file or directory)")
    ap.add_argument("--output", required=True, help="directory for the factor files (created; files replaced)")
    ap.add_argument("--preset", choices=PRESETS, help="dataset preset (omit for a generic CSV/Parquet)")
    ap.add_argument("--user-col", default="user", help="user ID column of a generic file (default: user)")
    ap.add_argument("--item-col", default="item", help="item ID column of a generic file (default: item)")
    ap.add_argument("--weight-col", help="weight column (default: weight if present, else every row weighs 1)")
    ap.add_argument("--min-rating", type=float, default=4.0, help="movielens: ratings at or above this are positives (default 4)")
    ap.add_argument("--rank", type=int, default=64, help="latent factors (Affinity's --factors; default 64)")
    ap.add_argument("--max-iter", type=int, default=15, help="iterations (Affinity's --iterations; default 15)")
    ap.add_argument("--reg-param", type=float, default=0.01, help="lambda, scaled by each row's count (Affinity's --regularization; default 0.01)")
    ap.add_argument("--alpha", type=float, default=1.0, help="confidence 1 + alpha*|r| (Affinity's --alpha; default 1)")
    ap.add_argument("--seed", type=int, default=42, help="Spark's seed for the initial factors (default 42)")
    ap.add_argument("--blocks", type=int, help="numUserBlocks = numItemBlocks (default: Spark's, 10)")
    ap.add_argument("--checkpoint-dir", help="reliable storage (e.g. hdfs:///tmp/als-ckpt) for Spark's checkpoints every 10 iterations, which cut the lineage of long runs")
    ap.add_argument("--master", help="Spark master for a direct `python` run, e.g. 'local[2]' (spark-submit sets its own)")
    ap.add_argument("--driver-memory", default=None, help="spark.driver.memory for a direct run, e.g. 2g")
    ap.add_argument("--shuffle-partitions", type=int, help="spark.sql.shuffle.partitions for the ID mapping and aggregation (default: Spark's, 200)")
    args = ap.parse_args(argv)
    for name, value, ok, expect in [("--rank", args.rank, args.rank >= 1, "an integer >= 1"),
                                    ("--max-iter", args.max_iter, args.max_iter >= 1, "an integer >= 1"),
                                    ("--reg-param", args.reg_param, np.isfinite(args.reg_param) and args.reg_param >= 0, "a finite number >= 0"),
                                    ("--alpha", args.alpha, np.isfinite(args.alpha) and args.alpha > 0, "a finite number > 0"),
                                    ("--blocks", args.blocks, args.blocks is None or args.blocks >= 1, "an integer >= 1"),
                                    ("--shuffle-partitions", args.shuffle_partitions,
                                     args.shuffle_partitions is None or args.shuffle_partitions >= 1, "an integer >= 1")]:
        if not ok:
            ap.error(f"{name} must be {expect}; got {value}")
    if args.preset and (args.user_col != "user" or args.item_col != "item" or args.weight_col):
        ap.error(f"--preset {args.preset} fixes the columns; drop --user-col/--item-col/--weight-col or drop --preset")
    return args


def detect_delimiter(spark, path):
    """The generic CSV's delimiter, from its header line: tab, ';' or ',' (Affinity's rule)."""
    header = spark.sparkContext.textFile(path).first()
    for d in ("\t", ";"):
        if d in header and "," not in header:
            return d
    return ","


def read_interactions(spark, args):
    """A DataFrame (user string, item string, weight double, row long): one row per input row kept,
    `row` increasing in file order (for first-appearance ID order)."""
    from pyspark.sql import functions as F

    def csv(sep):
        return spark.read.options(header=True, sep=sep, inferSchema=False).csv(args.input)

    def require(df, cols):
        missing = [c for c in cols if c not in df.columns]
        if missing:
            sys.exit(f"{args.input}: missing column(s) {', '.join(missing)}; the header has {', '.join(df.columns)}")

    if args.preset == "movielens":
        df = csv(",")
        require(df, ["userId", "movieId", "rating"])
        df = df.where(F.col("rating").cast("double") >= args.min_rating) \
               .select(F.col("userId").alias("user"), F.col("movieId").alias("item"), F.lit(1.0).alias("weight"))
    elif args.preset == "lastfm":
        df = csv("\t")
        require(df, ["userID", "artistID", "weight"])
        df = df.select(F.col("userID").alias("user"), F.col("artistID").alias("item"), F.col("weight").cast("double").alias("weight"))
    elif args.preset == "rees46":
        df = csv(",")
        require(df, ["user_id", "product_id", "event_type"])
        weight = F.create_map(*[x for k, v in REES46_WEIGHTS.items() for x in (F.lit(k), F.lit(v))])[F.col("event_type")]
        df = df.select(F.col("user_id").alias("user"), F.col("product_id").alias("item"), weight.alias("weight")) \
               .where(F.col("weight").isNotNull())
    elif args.preset == "online-retail":
        df = csv(",")
        require(df, ["InvoiceNo", "StockCode", "Quantity", "CustomerID"])
        customer = F.regexp_replace(F.col("CustomerID"), r"^([0-9]+)\.0*$", "$1")
        df = df.where(~F.col("InvoiceNo").startswith("C") & (F.col("Quantity").cast("double") > 0)) \
               .select(customer.alias("user"), F.col("StockCode").alias("item"), F.col("InvoiceNo").alias("invoice"))
        df = df.withColumn("row", F.monotonically_increasing_id())
        # One per distinct (customer, item, invoice): the summed weight counts invoices.
        df = df.groupBy("user", "item", "invoice").agg(F.min("row").alias("row")).select("user", "item", F.lit(1.0).alias("weight"), "row")
        return df.where((F.col("user") != "") & (F.col("item") != "") & F.col("user").isNotNull() & F.col("item").isNotNull())
    else:
        parquet = args.input.rstrip("/").endswith(".parquet")
        df = spark.read.parquet(args.input) if parquet else csv(detect_delimiter(spark, args.input))
        require(df, [args.user_col, args.item_col] + ([args.weight_col] if args.weight_col else []))
        weight_col = args.weight_col or ("weight" if "weight" in df.columns else None)
        weight = F.col(weight_col).cast("double") if weight_col else F.lit(1.0)
        df = df.select(F.col(args.user_col).cast("string").alias("user"), F.col(args.item_col).cast("string").alias("item"),
                       weight.alias("weight"))
        bad = df.where(F.col("weight").isNull() | F.isnan("weight")).where(F.col("user").isNotNull() & F.col("item").isNotNull()).limit(1).collect()
        if bad:
            sys.exit(f"{args.input}: the weight of user '{bad[0].user}', item '{bad[0].item}' is not a number; expected a finite number in column {weight_col}")
    df = df.where(F.col("user").isNotNull() & F.col("item").isNotNull() & (F.col("user") != "") & (F.col("item") != ""))
    return df.withColumn("row", F.monotonically_increasing_id())


def index_ids(df, side):
    """(ids in first-appearance order, DataFrame side -> side_index int)."""
    from pyspark.sql import functions as F
    first = df.groupBy(side).agg(F.min("row").alias("first")).orderBy("first").select(side).collect()
    ids = [r[0] for r in first]
    if len(ids) >= 2**31:
        sys.exit(f"{len(ids)} distinct {side}s: Spark's ALS takes 32-bit integer IDs")
    return ids


def atomic_write(directory, name, write):
    """Writes `name` in `directory` through a temp file in the same directory, then renames it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, os.path.join(directory, name))
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def factor_matrix(frame, count, rank, side):
    """Spark's (id, features) rows as a count x rank float32 matrix, row = id."""
    m = np.zeros((count, rank), dtype=np.float32)
    seen = np.zeros(count, dtype=bool)
    for r in frame.toLocalIterator():  # one partition at a time on the driver
        m[r[0]] = np.asarray(r[1], dtype=np.float32)
        seen[r[0]] = True
    if not seen.all():
        sys.exit(f"Spark returned no factors for {int((~seen).sum())} {side}s")
    if not np.isfinite(m).all():
        sys.exit(f"Spark's {side} factors contain NaN or infinity; lower --alpha or raise --reg-param")
    return m


def main(argv=None):
    args = parse(argv if argv is not None else sys.argv[1:])
    from pyspark.ml.recommendation import ALS
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("affinity-als").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    if args.driver_memory:
        builder = builder.config("spark.driver.memory", args.driver_memory)
    if args.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if args.checkpoint_dir:
        spark.sparkContext.setCheckpointDir(args.checkpoint_dir)
    started = time.perf_counter()

    rows = read_interactions(spark, args)
    user_ids, item_ids = index_ids(rows, "user"), index_ids(rows, "item")
    if not user_ids:
        sys.exit(f"{args.input}: no interactions left to train on")
    users = spark.createDataFrame([(u, k) for k, u in enumerate(user_ids)], "user string, u int")
    items = spark.createDataFrame([(i, k) for k, i in enumerate(item_ids)], "item string, i int")
    # Duplicates summed first, so Spark's per-row count n equals Affinity's distinct positive items.
    ratings = rows.groupBy("user", "item").agg(F.sum("weight").alias("weight")) \
                  .join(F.broadcast(users), "user").join(F.broadcast(items), "item").select("u", "i", "weight").cache()
    nnz = ratings.count()
    loaded = time.perf_counter()

    als = ALS(implicitPrefs=True, rank=args.rank, maxIter=args.max_iter, regParam=args.reg_param, alpha=args.alpha,
              seed=args.seed, userCol="u", itemCol="i", ratingCol="weight", nonnegative=False)
    if args.blocks:
        als = als.setNumUserBlocks(args.blocks).setNumItemBlocks(args.blocks)
    model = als.fit(ratings)
    U = factor_matrix(model.userFactors, len(user_ids), args.rank, "user")
    V = factor_matrix(model.itemFactors, len(item_ids), args.rank, "item")
    trained = time.perf_counter()

    os.makedirs(args.output, exist_ok=True)
    atomic_write(args.output, "user_factors.npy", lambda f: np.save(f, U))
    atomic_write(args.output, "item_factors.npy", lambda f: np.save(f, V))
    for name, ids in [("user_ids.txt", user_ids), ("item_ids.txt", item_ids)]:
        atomic_write(args.output, name, lambda f, ids=ids: f.write(("\n".join(ids) + "\n").encode("utf-8")))
    meta = {"rank": args.rank, "alpha": args.alpha, "regParam": args.reg_param, "maxIter": args.max_iter,
            "regularization_scaling": "frequency", "confidence": "one-plus-alpha", "implicitPrefs": True,
            "seed": args.seed, "source": args.input, "preset": args.preset, "trainer": f"pyspark {spark.version} ALS"}
    atomic_write(args.output, "meta.json", lambda f: f.write((json.dumps(meta, indent=2) + "\n").encode("utf-8")))
    print(json.dumps({"users": len(user_ids), "items": len(item_ids), "nnz": nnz, "load_seconds": round(loaded - started, 3),
                      "fit_seconds": round(trained - loaded, 3), "output": args.output}))
    spark.stop()


if __name__ == "__main__":
    main()
