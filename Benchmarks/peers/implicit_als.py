#!/usr/bin/env python3
"""Runs the Python library `implicit` (CPU ALS) on a `user,item,weight` CSV, for side-by-side
benchmarks with `affinity train als`. Loading is not timed; `fit` is.

speed:   implicit_als.py speed --input F --factors 64 --iterations 15 --threads 1 [--cholesky]
         -> one JSON line {"fit_seconds", "seconds_per_iteration", "users", "items", "nnz"}
quality: implicit_als.py quality --train F --test F --k 10 --alpha A --regularization L [--weight-transform log1p]
         -> one JSON line {"ndcg", "precision", "recall", "map", "users_evaluated"} with the
            same definitions as `affinity evaluate` (full ranking, train items excluded,
            test restricted to known users/items and new pairs). `--weight-transform log1p`
            replaces each summed training weight w by ln(1 + w) before fitting, as Affinity's
            `--weight-transform log1p` does (the test file's weights are not used).
"""
import argparse
import json
import os
import sys
import time

# implicit's docs: run OpenBLAS single-threaded, implicit parallelizes itself.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import implicit  # noqa: E402


def read(path, users=None, items=None):
    df = pd.read_csv(path, dtype={"user": str, "item": str})
    if "weight" not in df:
        df["weight"] = 1.0
    if users is None:
        users = {u: k for k, u in enumerate(pd.unique(df["user"]))}
        items = {i: k for k, i in enumerate(pd.unique(df["item"]))}
    u = df["user"].map(users)
    i = df["item"].map(items)
    keep = u.notna() & i.notna()
    m = sp.csr_matrix(
        (df["weight"][keep].to_numpy(np.float32), (u[keep].to_numpy(np.int64), i[keep].to_numpy(np.int64))),
        shape=(len(users), len(items)),
    )
    m.sum_duplicates()
    return m, users, items


def model(args, threads):
    return implicit.cpu.als.AlternatingLeastSquares(
        factors=args.factors, iterations=args.iterations, regularization=args.regularization, alpha=args.alpha,
        use_cg=not args.cholesky, num_threads=threads, random_state=args.seed, calculate_training_loss=False)


def speed(args):
    m, _, _ = read(args.input)
    with threadpool_limits(1, "blas"):
        als = model(args, args.threads)
        start, cpu = time.perf_counter(), time.process_time()
        als.fit(m, show_progress=False)
        fit, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"fit_seconds": fit, "seconds_per_iteration": fit / args.iterations,
                      "cpu_seconds_per_iteration": cpu / args.iterations,
                      "users": m.shape[0], "items": m.shape[1], "nnz": int(m.nnz)}))


def user_metrics(ranked, relevant, k):
    m = min(k, len(relevant))
    hits, dcg, ap = 0, 0.0, 0.0
    for j, item in enumerate(ranked[:k]):
        if item in relevant:
            hits += 1
            dcg += 1 / np.log2(j + 2)
            ap += hits / (j + 1)
    idcg = sum(1 / np.log2(j + 2) for j in range(m))
    return hits / k, hits / m, dcg / idcg, ap / m


def quality(args):
    train, users, items = read(args.train)
    if getattr(args, "weight_transform", "none") == "log1p":
        train.data = np.sign(train.data) * np.log1p(np.abs(train.data))
    test, _, _ = read(args.test, users, items)
    with threadpool_limits(1, "blas"):
        als = model(args, args.threads)
        als.fit(train, show_progress=False)
    uf, itf = als.user_factors, als.item_factors
    totals = np.zeros(4)
    evaluated = 0
    for u in range(train.shape[0]):
        rel = set(test.indices[test.indptr[u]:test.indptr[u + 1]]) - set(train.indices[train.indptr[u]:train.indptr[u + 1]])
        if not rel:
            continue
        scores = itf @ uf[u]
        scores[train.indices[train.indptr[u]:train.indptr[u + 1]]] = -np.inf
        top = np.argpartition(-scores, args.k)[: args.k]
        top = top[np.argsort(-scores[top], kind="stable")]
        totals += user_metrics(list(top), rel, args.k)
        evaluated += 1
    p, r, n, m = totals / max(evaluated, 1)
    print(json.dumps({"precision": p, "recall": r, "ndcg": n, "map": m, "users_evaluated": evaluated}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["speed", "quality"])
    ap.add_argument("--input")
    ap.add_argument("--train")
    ap.add_argument("--test")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--factors", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=15)
    ap.add_argument("--regularization", type=float, default=0.01)
    ap.add_argument("--alpha", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--cholesky", action="store_true")
    ap.add_argument("--weight-transform", choices=["none", "log1p"], default="none")
    args = ap.parse_args()
    speed(args) if args.mode == "speed" else quality(args)


if __name__ == "__main__":
    sys.exit(main())
