#!/usr/bin/env bash
# Integrations/SwiftProtobuf (swift-protobuf messages as StateFun types): builds with warnings as errors, passes its
# tests. Shares the samples' build folder (same SDK, same flags); swift-protobuf itself is built once per run.
set -euo pipefail
PKG=Integrations/SwiftProtobuf
[ -f "$PKG/Package.swift" ] || { echo "SKIP: no $PKG"; exit 77; }
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
swift build --package-path "$PKG" --build-tests "${FLAGS[@]}"
LOG=${CI_TMP:-$(mktemp -d)}/swiftprotobuf-test.log
swift test --package-path "$PKG" --skip-build "${FLAGS[@]}" 2>&1 | tee "$LOG" | grep -E '✘|Test run with'
grep -Eq 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$LOG"
