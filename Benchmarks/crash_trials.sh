#!/usr/bin/env bash
# Long run of the crash-durability harness (Tests/AffinityServerTests/CrashTrialTests.swift): the
# same trials as the quick run in `make test` (start `affinity serve`, feedback at full speed from
# 4 connections x 4 pipelined lanes, kill -9 after a seeded number of acks, restart, check every
# acknowledged event is present exactly once and every user's factors equal a clean fold-in).
# Usage: bash Benchmarks/crash_trials.sh [TRIALS] [SEED]   (defaults 50 and 1)
# Prints the summary line and exits non-zero if any trial failed.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALS=${1:-50}
SEED=${2:-1}
mkdir -p Benchmarks/out
swift build --build-tests >&2
start=$(date +%s)
AFFINITY_CRASH_TRIALS=$TRIALS AFFINITY_CRASH_SEED=$SEED \
  swift test --skip-build --filter 'CrashTrialTests/killDashNine' 2>&1 | tee Benchmarks/out/crash_trials.log \
  | grep -E 'crash trials:|✘|recorded an issue|Test run' || true
echo "elapsed: $(( $(date +%s) - start )) s; log: Benchmarks/out/crash_trials.log"
grep -q 'Test run with .* passed' Benchmarks/out/crash_trials.log
