"""EASE: Affinity's B and scores against a numpy float64 reference, and fit time side by side.

    python ease_check.py --affinity BIN --train TRAIN.csv --l2 L --out DIR [--threads T] [--repeats N]

TRAIN.csv is a generic `user,item,weight[,...]` file (as written by `affinity split`). The reference
builds X from the same rows with Affinity's own ID order (the export's user_ids.txt/item_ids.txt),
then G = XᵀX + λI, P = inv(G), B = −P / diag(P) with a zero diagonal, all in float64 (Steck 2019).
Checks: every user's scores x_u·B agree to 1e-4 relative to the largest |score| of that user
(at least 1). Fit times: `--repeats` fits of each, alternating Affinity / numpy so both see the same
machine load; prints one JSON line with every fit time, the medians and the ratio of the medians.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

import contextlib

import numpy as np
import scipy.sparse as sp

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # numpy then uses its BLAS's default thread count
    def threadpool_limits(limits):
        return contextlib.nullcontext()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--affinity", required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--l2", type=float, default=500.0)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="dataset")
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    model = os.path.join(a.out, "ease.affinity")

    def affinity_fit():
        return json.loads(subprocess.run([a.affinity, "train", "ease", "--input", a.train, "--l2", str(a.l2),
                                          "--threads", str(a.threads), "--output", model, "--json"],
                                         check=True, capture_output=True, text=True).stdout)["fit_seconds"]

    affinity_fit()  # writes the model the checks below read; not counted
    export = os.path.join(a.out, "ease_export")
    subprocess.run([a.affinity, "export", "--model", model, "--out", export], check=True, capture_output=True)
    b_ours = np.load(os.path.join(export, "b.npy")).astype(np.float64)
    users = {u: i for i, u in enumerate(open(os.path.join(export, "user_ids.txt")).read().split("\n")[:-1])}
    items = {t: i for i, t in enumerate(open(os.path.join(export, "item_ids.txt")).read().split("\n")[:-1])}
    rows, cols, vals = [], [], []
    with open(a.train, newline="") as f:
        for r in csv.DictReader(f):
            rows.append(users[r["user"]]); cols.append(items[r["item"]]); vals.append(float(r.get("weight") or 1))
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(users), len(items)), dtype=np.float64)
    x.sum_duplicates()

    def numpy_fit():
        with threadpool_limits(limits=a.threads):
            t0 = time.perf_counter()
            g = (x.T @ x).toarray()
            g[np.diag_indices_from(g)] += a.l2
            p = np.linalg.inv(g)
            b = -p / np.diag(p)
            b[np.diag_indices_from(b)] = 0
            return b, time.perf_counter() - t0

    ours_runs, numpy_runs = [], []
    for _ in range(a.repeats):
        ours_runs.append(affinity_fit())
        b_ref, seconds = numpy_fit()
        numpy_runs.append(seconds)
        print(f"{a.name}: affinity {ours_runs[-1]:.3f} s, numpy {seconds:.3f} s", file=sys.stderr)
    ours_median, numpy_median = statistics.median(ours_runs), statistics.median(numpy_runs)

    s_ref = x @ b_ref
    s_ours = x @ b_ours
    scale = np.maximum(1.0, np.abs(s_ref).max(axis=1))
    worst = float((np.abs(s_ours - s_ref).max(axis=1) / scale).max())
    result = {"name": a.name, "users": len(users), "items": len(items), "nnz": int(x.nnz), "l2": a.l2, "threads": a.threads,
              "max_score_error": worst, "scores_within_1e-4": worst <= 1e-4,
              "max_b_error": float(np.abs(b_ours - b_ref).max()),
              "repeats": a.repeats, "affinity_fit_seconds": ours_runs, "numpy_fit_seconds": numpy_runs,
              "affinity_median_seconds": ours_median, "numpy_median_seconds": numpy_median,
              "time_ratio": ours_median / numpy_median}
    print(json.dumps(result))
    sys.exit(0 if worst <= 1e-4 else 1)


if __name__ == "__main__":
    main()
