#!/usr/bin/env bash
# Builds the package and its tests, and fails if the compiler warned about a file of the project's own
# (under Sources/ or Tests/); warnings from dependencies don't count. `make test` runs it.
#
# The compiler prints a file's warnings only when it compiles that file, so on an incremental build
# this checks just the files that changed. CI builds from a clean clone and so checks every file;
# for a full local check, build from clean (`make clean test`).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
log="$(mktemp "${TMPDIR:-/tmp}/affinity-build.XXXXXX")"
trap 'rm -f "$log"' EXIT

if ! "$SWIFT" build --build-tests "$@" 2>&1 | tee "$log"; then
    echo "check-warnings: the build failed" >&2
    exit 1
fi
# Compiler diagnostics start with the file's absolute path: /…/Sources/X/File.swift:12:5: warning: …
own="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | awk -v a="$(pwd)/" -v b="$(pwd -P)/" '
    index($0, a) == 1 { $0 = substr($0, length(a) + 1) }
    index($0, b) == 1 { $0 = substr($0, length(b) + 1) }
    /^(Sources|Tests)\/[^:]+:[0-9]+:([0-9]+:)? warning: / { print }' | sort -u)"
if [ -n "$own" ]; then
    echo >&2
    echo "check-warnings: $(printf '%s\n' "$own" | wc -l) compiler warning(s) in Sources/ or Tests/ (the build must have none):" >&2
    printf '%s\n' "$own" >&2
    exit 1
fi
echo "check-warnings: no compiler warnings in Sources/ or Tests/"
