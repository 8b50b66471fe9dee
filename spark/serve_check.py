#!/usr/bin/env python3
"""Exactness through Affinity's server: for every user of an imported model, a NEW user whose
feedback events (explicit `weight`) equal the user's training history gets, by the server's per-click
fold-in, the user's reference factors (export_user) and the same top-10.

    serve_check.py --affinity BIN --model MODEL --factors DIR [--reference NPY] [--label NAME]

The reference is DIR/user_factors.npy (Spark: its final user factors are an exact solve against
its final item factors) or --reference (e.g. `implicit`'s recalculate_user vectors, rows in the order
of DIR/user_ids.txt). The new user's top-10 from the server is compared with the top-10 of the
reference vector ranked here in numpy (the user's items excluded) and, without --reference, with the
server's top-10 for the trained user. Prints one JSON line: users, median/max relative L2 error,
top-10 agreement. Exit 1 when the max error exceeds --tolerance (default 1e-3) or a top-10 differs.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile

import numpy as np


class Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.reader = self.sock.makefile("rb")
        self.next_id = 0

    def call(self, op, **params):
        self.next_id += 1
        self.sock.sendall((json.dumps({"id": self.next_id, "op": op, **params}) + "\n").encode())
        reply = json.loads(self.reader.readline())
        if not reply.get("ok"):
            raise RuntimeError(f"{op} {params.get('user', '')}: {reply.get('error')}")
        return reply["result"]


def serve(binary, model, data_dir):
    proc = subprocess.Popen([binary, "serve", "--model", model, "--port", "0", "--data-dir", data_dir, "--threads", "1",
                             "--log-level", "error"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        sys.exit(f"affinity serve did not start: {line!r}")
    return proc, int(line.strip().rsplit(":", 1)[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--affinity", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--factors", required=True)
    ap.add_argument("--reference")
    ap.add_argument("--label", default="")
    ap.add_argument("--tolerance", type=float, default=1e-3)
    args = ap.parse_args()
    ids = open(os.path.join(args.factors, "user_ids.txt"), encoding="utf-8").read().splitlines()
    reference = np.load(args.reference or os.path.join(args.factors, "user_factors.npy")).astype(np.float64)
    item_ids = open(os.path.join(args.factors, "item_ids.txt"), encoding="utf-8").read().splitlines()
    item_row = {item: k for k, item in enumerate(item_ids)}
    item_factors = np.load(os.path.join(args.factors, "item_factors.npy")).astype(np.float64)
    with tempfile.TemporaryDirectory(prefix="affinity-serve-check") as data:
        proc, port = serve(args.affinity, args.model, data)
        try:
            c = Connection(port)
            errors, same_top, same_trained, worst = [], 0, 0, None
            for row, user in enumerate(ids):
                trained = c.call("export_user", user=user)
                newcomer = f"serve-check:{user}"
                events = [{"user": newcomer, "item": h["item"], "event": "view", "weight": h["weight"]} for h in trained["history"]]
                for start in range(0, len(events), 10000):
                    c.call("feedback_batch", events=events[start:start + 10000])
                folded = np.asarray(c.call("export_user", user=newcomer)["factors"], dtype=np.float64)
                ref = reference[row]
                err = float(np.linalg.norm(folded - ref) / max(np.linalg.norm(ref), 1e-30))
                errors.append(err)
                if worst is None or err > worst[0]:
                    worst = (err, user)
                new = [r["item"] for r in c.call("recommend", user=newcomer, k=10)["items"]]
                scores = item_factors @ ref
                scores[[item_row[h["item"]] for h in trained["history"]]] = -np.inf
                same_top += new == [item_ids[k] for k in np.argsort(-scores, kind="stable")[:10]]
                if not args.reference:
                    same_trained += new == [r["item"] for r in c.call("recommend", user=user, k=10)["items"]]
        finally:
            proc.terminate()
            proc.wait()
    errors = np.asarray(errors)
    result = {"check": args.label, "users": len(ids), "median_rel_l2": float(np.median(errors)), "max_rel_l2": float(errors.max()),
              "worst_user": worst[1], "same_top10": same_top,
              "same_top10_as_trained_user": None if args.reference else same_trained, "tolerance": args.tolerance}
    print(json.dumps(result))
    ok = errors.max() <= args.tolerance and same_top == len(ids) and (args.reference or same_trained == len(ids))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
