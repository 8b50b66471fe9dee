#!/usr/bin/env python3
"""Writes a seeded power-law implicit-feedback matrix as `user,item,weight` CSV.

Users' activity and items' popularity both follow a Zipf-like law (rank^-exponent);
pairs are drawn from the product distribution until exactly `nnz` distinct (user, item)
pairs exist. A pair's weight is how many times it was drawn. User and item indices are
shuffled, so row order carries no popularity signal. Same arguments, same file.

usage: als_synthetic.py OUT.csv --users 10000 --items 5000 --nnz 1000000 [--seed 7]
"""
import argparse

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--users", type=int, default=10_000)
    ap.add_argument("--items", type=int, default=5_000)
    ap.add_argument("--nnz", type=int, default=1_000_000)
    ap.add_argument("--exponent", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if a.nnz > a.users * a.items // 2:
        raise SystemExit(f"--nnz {a.nnz} is too dense for {a.users}x{a.items}; keep it under half the cells")
    rng = np.random.default_rng(a.seed)
    pu = np.arange(1, a.users + 1, dtype=np.float64) ** -a.exponent
    pi = np.arange(1, a.items + 1, dtype=np.float64) ** -a.exponent
    pu /= pu.sum()
    pi /= pi.sum()
    user_perm = rng.permutation(a.users)
    item_perm = rng.permutation(a.items)
    keys = np.empty(0, dtype=np.int64)
    while True:
        batch = a.nnz * 2
        u = user_perm[rng.choice(a.users, size=batch, p=pu)]
        i = item_perm[rng.choice(a.items, size=batch, p=pi)]
        keys = np.concatenate([keys, u.astype(np.int64) * a.items + i])
        uniq, first = np.unique(keys, return_index=True)
        if len(uniq) >= a.nnz:
            break
    # Keep the first `nnz` distinct pairs in draw order; weight = draws of that pair so far.
    order = np.sort(first)[: a.nnz]
    chosen = keys[order]
    limit = order[-1] + 1
    vals, cnt = np.unique(keys[:limit], return_counts=True)
    weight = cnt[np.searchsorted(vals, chosen)]
    users = chosen // a.items
    items = chosen % a.items
    with open(a.out, "w") as fh:
        fh.write("user,item,weight\n")
        for u, i, w in zip(users.tolist(), items.tolist(), weight.tolist()):
            fh.write(f"u{u},i{i},{w}\n")


if __name__ == "__main__":
    main()
