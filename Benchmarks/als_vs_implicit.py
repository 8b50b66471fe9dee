#!/usr/bin/env python3
"""Side-by-side ALS speed: `affinity train als` vs the Python library `implicit`, same file,
same factors/iterations/solver, at each thread count, in one run. Each configuration runs
`--repeats` times, alternating the two tools so machine noise hits both alike; we report
medians of seconds per iteration, their ratio, and peak RSS (max resident set size from
/usr/bin/time -v, i.e. the whole process including data loading).

usage: als_vs_implicit.py --data F --affinity BIN --python VENV_PY [--threads 1,2] [--repeats 3]
"""
import argparse
import json
import re
import statistics
import subprocess
import sys

HERE = __file__.rsplit("/", 1)[0]


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (last JSON line of stdout, peak RSS in MiB)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    rss_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    line = [l for l in p.stdout.splitlines() if l.startswith("{")][-1]
    return json.loads(line), rss_kib / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--affinity", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--factors", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=15)
    ap.add_argument("--solver", default="cg", choices=["cg", "cholesky"])
    ap.add_argument("--model-out", default="/tmp/affinity-bench.affinity")
    a = ap.parse_args()
    rows = []
    for threads in [int(t) for t in a.threads.split(",")]:
        ours, theirs, ours_rss, theirs_rss, ours_cpu, theirs_cpu = [], [], [], [], [], []
        for _ in range(a.repeats):
            o, orss = timed([a.affinity, "train", "als", "--input", a.data, "--factors", str(a.factors),
                             "--iterations", str(a.iterations), "--regularization", "0.01", "--alpha", "1",
                             "--solver", a.solver, "--threads", str(threads), "--seed", "1",
                             "--output", a.model_out, "--json"])
            t, trss = timed([a.python, f"{HERE}/peers/implicit_als.py", "speed", "--input", a.data,
                             "--factors", str(a.factors), "--iterations", str(a.iterations),
                             "--threads", str(threads)] + (["--cholesky"] if a.solver == "cholesky" else []))
            ours.append(o["seconds_per_iteration"]); theirs.append(t["seconds_per_iteration"])
            ours_rss.append(orss); theirs_rss.append(trss)
            ours_cpu.append(o["cpu_seconds_per_iteration"]); theirs_cpu.append(t["cpu_seconds_per_iteration"])
            print(f"threads={threads} affinity {o['seconds_per_iteration']:.4f} s/it ({orss:.0f} MiB)  "
                  f"implicit {t['seconds_per_iteration']:.4f} s/it ({trss:.0f} MiB); CPU s/it {o['cpu_seconds_per_iteration']:.4f} vs "
                  f"{t['cpu_seconds_per_iteration']:.4f}", file=sys.stderr)
        mo, mt = statistics.median(ours), statistics.median(theirs)
        rows.append({"threads": threads, "affinity_s_per_iter": mo, "implicit_s_per_iter": mt, "ratio": mo / mt,
                     "affinity_runs": ours, "implicit_runs": theirs,
                     "affinity_cpu_s_per_iter": statistics.median(ours_cpu), "implicit_cpu_s_per_iter": statistics.median(theirs_cpu),
                     "affinity_peak_rss_mib": max(ours_rss), "implicit_peak_rss_mib": max(theirs_rss),
                     "users": o["users"], "items": o["items"], "nnz": o["nnz"]})
    print("| threads | affinity s/iter (median) | implicit s/iter (median) | ratio | CPU s/iter affinity / implicit (ratio) | affinity peak RSS | implicit peak RSS |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['threads']} | {r['affinity_s_per_iter']:.4f} | {r['implicit_s_per_iter']:.4f} | "
              f"{r['ratio']:.2f}× | {r['affinity_cpu_s_per_iter']:.4f} / {r['implicit_cpu_s_per_iter']:.4f} "
              f"({r['affinity_cpu_s_per_iter'] / r['implicit_cpu_s_per_iter']:.2f}×) | {r['affinity_peak_rss_mib']:.0f} MiB | {r['implicit_peak_rss_mib']:.0f} MiB |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
