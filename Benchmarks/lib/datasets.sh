# Sourced by the benchmark scripts that compare Affinity with a Python peer on the public datasets.
# Sets `data` (../shared/datasets, or $AFFINITY_DATASETS), exits 0 saying so when it is absent, makes
# the peers' venv when missing, builds the release binary and sets `bin`, `py` and `out`.
data=${AFFINITY_DATASETS:-../shared/datasets}
[ -d "$data" ] || { echo "skipped: datasets not found at $data (set AFFINITY_DATASETS)"; exit 0; }
[ -x Benchmarks/.venv/bin/python ] || bash Benchmarks/peers/setup.sh
# AFFINITY_BIN=path uses that binary instead of building one.
if [ -n "${AFFINITY_BIN:-}" ]; then bin=$AFFINITY_BIN; else swift build -c release --product affinity >/dev/null; bin=.build/release/affinity; fi
py=Benchmarks/.venv/bin/python; out=Benchmarks/out
mkdir -p "$out"
