#!/usr/bin/env python3
"""Issue 15's protocol: `affinity tune` on the training file alone -> its final model -> one
`affinity evaluate` on the test file, for each seed; beside `implicit`'s best grid point chosen on
the test file itself (each grid point's NDCG@k averaged over the seeds first) and the popularity
baseline. implicit's runs are cached in OUT/implicit_grid.json (a rerun only adds missing points).

usage: tune_quality.py --affinity BIN --name NAME --train F --test F --out DIR
                       [--budget 24] [--seeds 1,2,3] [--threads 2] [--implicit-only]
                       [--validation-split per-user|global-time] [--algorithms als,ease]
                       [--implicit-weight-transform none|log1p]
--validation-split and --algorithms go to `affinity tune`; --implicit-weight-transform log1p gives
implicit ln(1 + w) of the training weights (Affinity's tune searches its own transforms).
"""
import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from types import SimpleNamespace

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return json.loads([line for line in p.stdout.splitlines() if line.startswith("{")][-1])


def implicit_grid(a, seeds):
    """NDCG@k per (alpha, lambda, seed) from implicit_als.quality, run in this process."""
    import implicit_als  # the peer script; needs the venv's python

    path = os.path.join(a.out, f"implicit_grid_{a.implicit_weight_transform}.json")
    cache = json.load(open(path)) if os.path.exists(path) else {}
    for alpha in a.alphas.split(","):
        for lam in a.regularizations.split(","):
            for seed in seeds:
                key = f"{alpha},{lam},{seed}"
                if key in cache:
                    continue
                args = SimpleNamespace(train=a.train, test=a.test, k=a.k, factors=64, iterations=15, alpha=float(alpha),
                                       regularization=float(lam), threads=int(a.threads), seed=seed, cholesky=False,
                                       weight_transform=a.implicit_weight_transform)
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    implicit_als.quality(args)
                cache[key] = json.loads(out.getvalue().strip().splitlines()[-1])
                print(f"{a.name} implicit alpha={alpha} lambda={lam} seed={seed}: ndcg {cache[key]['ndcg']:.4f}", file=sys.stderr)
                json.dump(cache, open(path, "w"), indent=1)
    means = {}
    for alpha in a.alphas.split(","):
        for lam in a.regularizations.split(","):
            means[(alpha, lam)] = sum(cache[f"{alpha},{lam},{s}"]["ndcg"] for s in seeds) / len(seeds)
    best = max(means, key=means.get)
    return best, means[best], [cache[f"{best[0]},{best[1]},{s}"]["ndcg"] for s in seeds]


def affinity_tuned(a, seeds):
    rows = []
    for seed in seeds:
        best_json, model = os.path.join(a.out, f"best_{seed}.json"), os.path.join(a.out, f"tuned_{seed}.affinity")
        run([a.affinity, "tune", "--input", a.train, "--output", best_json, "--model-output", model, "--budget", str(a.budget),
             "--seed", str(seed), "--threads", a.threads, "--validation-split", a.validation_split,
             "--algorithms", a.algorithms, "--json"])
        best = json.load(open(best_json))
        ev = run([a.affinity, "evaluate", "--model", model, "--train", a.train, "--test", a.test, "--k", str(a.k),
                  "--threads", a.threads, "--json"])
        chosen = " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in sorted(best["hyperparameters"].items()))
        print(f"{a.name} tune seed={seed}: {best['algorithm']} {chosen}, validation {best['validation_score']:.4f} "
              f"-> test ndcg {ev['ndcg']:.4f} (popularity {ev['popularity']['ndcg']:.4f})", file=sys.stderr)
        rows.append({"seed": seed, "algorithm": best["algorithm"], "hyperparameters": best["hyperparameters"],
                     "validation": best["validation_score"], "ndcg": ev["ndcg"], "popularity": ev["popularity"]["ndcg"],
                     "users_evaluated": ev["users_evaluated"]})
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--affinity", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--budget", type=int, default=24)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--alphas", default="0.1,0.3,1,10,40")
    ap.add_argument("--regularizations", default="0.01,1,10")
    ap.add_argument("--implicit-only", action="store_true")
    ap.add_argument("--validation-split", default="per-user")
    ap.add_argument("--algorithms", default="als,ease")
    ap.add_argument("--implicit-weight-transform", choices=["none", "log1p"], default="none")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    seeds = [int(s) for s in a.seeds.split(",")]
    (alpha, lam), theirs, per_seed = implicit_grid(a, seeds)
    if a.implicit_only:
        print(json.dumps({"name": a.name, "implicit": {"alpha": alpha, "regularization": lam, "ndcg": theirs, "per_seed": per_seed}}))
        return
    ours = affinity_tuned(a, seeds)
    mean = sum(r["ndcg"] for r in ours) / len(ours)
    chosen = "; ".join(f"{r['algorithm']} " + " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                                                        for k, v in sorted(r["hyperparameters"].items())) for r in ours)
    ours_text = ", ".join("%.4f" % r["ndcg"] for r in ours)
    theirs_text = ", ".join("%.4f" % x for x in per_seed)
    print(f"| {a.name} | **{mean:.4f}** ({ours_text}) | {chosen} "
          f"| {theirs:.4f} (α={alpha}, λ={lam}; {theirs_text}) | **{mean / theirs:.3f}×** "
          f"| {ours[0]['popularity']:.4f} | {ours[0]['users_evaluated']} |")
    print(json.dumps({"name": a.name, "budget": a.budget, "validation_split": a.validation_split, "algorithms": a.algorithms,
                      "implicit_weight_transform": a.implicit_weight_transform, "affinity": ours, "affinity_mean": mean,
                      "implicit": {"alpha": alpha, "regularization": lam, "ndcg": theirs, "per_seed": per_seed},
                      "ratio": mean / theirs}))


if __name__ == "__main__":
    main()
