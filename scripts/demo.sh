#!/usr/bin/env bash
# make demo: the main job end to end on the embedded default (a synthetic shop).
set -euo pipefail
BIN=${1:-.build/release/affinity}
DIR=${2:-datasets/synthetic}
"$BIN" info
