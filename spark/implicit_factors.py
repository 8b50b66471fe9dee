#!/usr/bin/env python3
"""Trains the library `implicit` (CPU ALS, Cholesky) on a generic `user,item[,weight]` CSV and writes
its factors in the layout `affinity import` reads, with meta.json naming implicit's conventions
(confidence alpha*r, unscaled lambda), plus `recalculated_user_factors.npy`: every user's factors
recomputed by implicit's own `recalculate_user` against the final item factors (implicit's trainer
solves users before items, so its stored user factors are not that solve).

    implicit_factors.py --input F --output DIR --factors 32 --iterations 10 --regularization L --alpha A

IDs are numbered in order of first appearance and duplicate (user, item) rows summed, as Affinity's
loader does.
"""
import argparse
import csv
import json
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

import implicit  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from affinity_als import atomic_write  # noqa: E402


def read(path):
    users, items, rows, cols, vals = {}, {}, [], [], []
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            if not line["user"] or not line["item"]:
                continue
            rows.append(users.setdefault(line["user"], len(users)))
            cols.append(items.setdefault(line["item"], len(items)))
            vals.append(float(line.get("weight") or 1))
    m = sp.csr_matrix((np.asarray(vals, np.float32), (rows, cols)), shape=(len(users), len(items)))
    m.sum_duplicates()
    return m, list(users), list(items)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--factors", type=int, default=32)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--regularization", type=float, default=0.05)
    ap.add_argument("--alpha", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    m, users, items = read(args.input)
    with threadpool_limits(1, "blas"):
        als = implicit.cpu.als.AlternatingLeastSquares(
            factors=args.factors, iterations=args.iterations, regularization=args.regularization, alpha=args.alpha,
            use_cg=False, random_state=args.seed, calculate_training_loss=False)
        als.fit(m, show_progress=False)
        recalculated = als.recalculate_user(np.arange(m.shape[0]), m)
    os.makedirs(args.output, exist_ok=True)
    for name, array in [("user_factors.npy", als.user_factors), ("item_factors.npy", als.item_factors),
                        ("recalculated_user_factors.npy", recalculated)]:
        atomic_write(args.output, name, lambda f, a=array: np.save(f, np.ascontiguousarray(a, dtype=np.float32)))
    for name, ids in [("user_ids.txt", users), ("item_ids.txt", items)]:
        atomic_write(args.output, name, lambda f, ids=ids: f.write(("\n".join(ids) + "\n").encode("utf-8")))
    meta = {"rank": args.factors, "alpha": args.alpha, "regParam": args.regularization, "maxIter": args.iterations,
            "regularization_scaling": "none", "confidence": "alpha", "source": args.input,
            "trainer": f"implicit {implicit.__version__} AlternatingLeastSquares (cholesky)"}
    atomic_write(args.output, "meta.json", lambda f: f.write((json.dumps(meta, indent=2) + "\n").encode("utf-8")))
    print(json.dumps({"users": len(users), "items": len(items), "nnz": int(m.nnz), "output": args.output}))


if __name__ == "__main__":
    sys.exit(main())
