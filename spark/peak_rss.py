#!/usr/bin/env python3
"""Runs a command and reports its wall time and the peak resident memory of its whole process tree
(the sum over the command and every descendant, e.g. a Python driver plus the JVM it starts),
sampled from /proc every 50 ms (Linux only).

    peak_rss.py -- CMD ARGS...   -> the command's stdout, then one JSON line on stderr:
                                    {"wall_seconds", "peak_tree_rss_mib", "exit"}
"""
import json
import os
import subprocess
import sys
import time


def children():
    """parent pid -> child pids, from /proc/*/stat."""
    tree = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(pid))
    return tree


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root):
    tree, total, stack = children(), 0, [root]
    while stack:
        pid = stack.pop()
        total += rss_kib(pid)
        stack += tree.get(pid, [])
    return total


def main():
    cmd = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kib(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    print(json.dumps({"wall_seconds": round(wall, 2), "peak_tree_rss_mib": round(peak / 1024, 1), "exit": proc.returncode}),
          file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
