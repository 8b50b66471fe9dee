#!/usr/bin/env python3
"""Ranking quality, Affinity vs implicit vs popularity, on temporal splits of public datasets.

For each split (train.csv, test.csv written by `affinity split`), both libraries train with the
same factors and iterations over a small (alpha, regularization) grid; each library's best NDCG@k
is reported (the grid is tuned on the test split itself, for both alike — this compares the
libraries at their best, it is not a held-out estimate). Popularity comes from `affinity evaluate`.

usage: als_quality.py --affinity BIN --python VENV_PY --name NAME --train F --test F [--k 10]
"""
import argparse
import json
import subprocess
import sys

HERE = __file__.rsplit("/", 1)[0]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return json.loads([l for l in p.stdout.splitlines() if l.startswith("{")][-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--affinity", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--factors", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=15)
    ap.add_argument("--alphas", default="1,10,40")
    ap.add_argument("--regularizations", default="0.01,1")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--model-out", default="/tmp/affinity-quality.affinity")
    a = ap.parse_args()
    best = {"affinity": (-1.0, None), "implicit": (-1.0, None)}
    popularity = None
    for alpha in a.alphas.split(","):
        for lam in a.regularizations.split(","):
            run([a.affinity, "train", "als", "--input", a.train, "--factors", str(a.factors), "--iterations", str(a.iterations),
                 "--alpha", alpha, "--regularization", lam, "--threads", a.threads, "--seed", "1",
                 "--output", a.model_out, "--json"])
            ours = run([a.affinity, "evaluate", "--model", a.model_out, "--train", a.train, "--test", a.test,
                        "--k", str(a.k), "--json"])
            theirs = run([a.python, f"{HERE}/peers/implicit_als.py", "quality", "--train", a.train, "--test", a.test,
                          "--k", str(a.k), "--factors", str(a.factors), "--iterations", str(a.iterations),
                          "--alpha", alpha, "--regularization", lam, "--threads", a.threads, "--seed", "1"])
            popularity = ours["popularity"]
            print(f"{a.name} alpha={alpha} lambda={lam}: affinity ndcg {ours['ndcg']:.4f} (users {ours['users_evaluated']}), "
                  f"implicit ndcg {theirs['ndcg']:.4f} (users {theirs['users_evaluated']})", file=sys.stderr)
            for lib, r in (("affinity", ours), ("implicit", theirs)):
                if r["ndcg"] > best[lib][0]:
                    best[lib] = (r["ndcg"], {"alpha": float(alpha), "regularization": float(lam), **{
                        key: r[key] for key in ("precision", "recall", "ndcg", "map", "users_evaluated")}})
    print(f"| {a.name} | {best['affinity'][0]:.4f} (α={best['affinity'][1]['alpha']:g}, λ={best['affinity'][1]['regularization']:g}) "
          f"| {best['implicit'][0]:.4f} (α={best['implicit'][1]['alpha']:g}, λ={best['implicit'][1]['regularization']:g}) "
          f"| {popularity['ndcg']:.4f} | {best['affinity'][1]['users_evaluated']} / {best['implicit'][1]['users_evaluated']} |")
    print(json.dumps({"name": a.name, "affinity": best["affinity"][1], "implicit": best["implicit"][1], "popularity": popularity}))


if __name__ == "__main__":
    main()
