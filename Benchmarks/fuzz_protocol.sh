#!/usr/bin/env bash
# Long run of the seeded protocol fuzzer (Tests/AffinityProtocolTests/ProtocolFuzzTests.swift):
# the same generator and oracle as the quick run in `make test`, with many more inputs.
# Usage: bash Benchmarks/fuzz_protocol.sh [INPUTS] [SEED]   (defaults 1000000 and 1)
# Prints the fuzzer's summary line (inputs tried, mishandled, frames, errors, ...) and
# exits non-zero if any input was mishandled.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUTS=${1:-1000000}
SEED=${2:-1}
swift build --build-tests >&2
start=$(date +%s)
AFFINITY_FUZZ_INPUTS=$INPUTS AFFINITY_FUZZ_SEED=$SEED \
  swift test --skip-build --filter 'ProtocolFuzzTests/fuzz' 2>&1 | tee Benchmarks/out/fuzz_protocol.log \
  | grep -E 'protocol fuzz:|✘|recorded an issue|Test run' || true
echo "elapsed: $(( $(date +%s) - start )) s; log: Benchmarks/out/fuzz_protocol.log"
grep -q 'Test run with .* passed' Benchmarks/out/fuzz_protocol.log
