#!/usr/bin/env bash
# sgemm through Affinity's BLAS wrappers (Sources/SgemmRate) vs OpenBLAS called from C
# (c/sgemm_ref.c): same shapes, inputs and timing protocol, run alternately in one
# session at 1 and at 2 OpenBLAS threads (set explicitly by both programs).
#
# Usage: bash Benchmarks/sgemm_vs_c.sh            (REPS=7 ROUNDS=5 by default)
# Prints a Markdown table: per shape and thread count, the median over rounds of each
# program's median GFLOP/s, the spread over rounds, the ratio wrapper / C, and the best
# single call of each, and the ratio of GFLOP per second of process CPU time (the two
# last are the least disturbed by other processes on a shared machine).
set -euo pipefail
cd "$(dirname "$0")"
REPS=${REPS:-7}
ROUNDS=${ROUNDS:-5}
mkdir -p out

gcc -O2 c/sgemm_ref.c $(pkg-config --cflags --libs openblas) -o out/sgemm_ref
swift build -c release --product SgemmRate >&2
SWIFT_BIN="$(swift build -c release --show-bin-path)/SgemmRate"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "openblas: $(pkg-config --modversion openblas); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: REPS=$REPS ROUNDS=$ROUNDS bash Benchmarks/sgemm_vs_c.sh"
echo

raw=out/sgemm_vs_c.raw
: > "$raw"
for round in $(seq 1 "$ROUNDS"); do
  for threads in 1 2; do
    # Alternate which program goes first so drift in machine load hits both alike.
    if (( round % 2 )); then order="c swift"; else order="swift c"; fi
    for who in $order; do
      if [[ $who == c ]]; then bin=out/sgemm_ref; else bin=$SWIFT_BIN; fi
      "$bin" "$threads" "$REPS" | sed "s/^/$who round $round /" >> "$raw"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

python3 - "$raw" <<'PY'
import sys, statistics, collections
rates, best, cpu = collections.defaultdict(list), collections.defaultdict(float), collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    # who round R shape M N K threads T median_gflops G min_s S max_s S check C
    who, m, n, k, t, g, tmin = f[0], f[4], f[5], f[6], f[8], float(f[10]), float(f[12])
    rates[(m, n, k, t, who)].append(g)
    cpu[(m, n, k, t, who)].append(float(f[16]))
    best[(m, n, k, t, who)] = max(best[(m, n, k, t, who)], 2.0 * int(m) * int(n) * int(k) / tmin / 1e9)
print("| shape M×N×K | threads | C: median GFLOP/s (range of round medians) | wrapper: median (range) | wrapper / C (medians) | C best | wrapper best | wrapper / C (best) | wrapper / C (GFLOP per CPU-second, medians) |")
print("|---|---|---|---|---|---|---|---|---|")
for (m, n, k, t, who) in sorted({key for key in rates if key[4] == "c"}, key=lambda x: (int(x[0]) * int(x[1]) * int(x[2]), x[3])):
    c, s = rates[(m, n, k, t, "c")], rates[(m, n, k, t, "swift")]
    mc, ms = statistics.median(c), statistics.median(s)
    bc, bs = best[(m, n, k, t, "c")], best[(m, n, k, t, "swift")]
    print(f"| {m}×{n}×{k} | {t} | {mc:.1f} ({min(c):.1f}–{max(c):.1f}) | {ms:.1f} ({min(s):.1f}–{max(s):.1f}) | {ms / mc:.3f} | {bc:.1f} | {bs:.1f} | {bs / bc:.3f} | {statistics.median(cpu[(m, n, k, t, 'swift')]) / statistics.median(cpu[(m, n, k, t, 'c')]):.3f} |")
PY
