#!/usr/bin/env bash
# Regenerates the request/reply examples of docs/PROTOCOL.md from a real session.
#
# The session (Tests/AffinityServerTests/ProtocolExamplesTests.swift, `prepareSession`): generate the
# synthetic shop (300 users, 60 items, 90 days, seed 42), train an ALS model, a churn model and a CLV model
# on it and an ALS model on a different small catalogue, start `affinity serve` on them with the shop's
# catalog and orders,
# then send every `→` request of docs/PROTOCOL.md in order on one connection (blocks marked
# `<!-- illustrative -->` excepted) and write each reply into the `←` line after it (arrays shortened
# to three elements and `…`). Without AFFINITY_WRITE_PROTOCOL_EXAMPLES the same test only compares the
# documented replies with the live ones, key by key; it runs in `make test`.
#
# Usage: scripts/protocol-examples.sh   (then review `git diff docs/PROTOCOL.md`)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
AFFINITY_WRITE_PROTOCOL_EXAMPLES=1 swift test --skip-build --filter 'ProtocolExamplesTests/examplesReplayOnTheSyntheticShop'
git --no-pager diff --stat -- docs/PROTOCOL.md
