#!/usr/bin/env bash
# Samples/Greeter: build with warnings as errors, then its tests. One build folder (the sample's .build) with one
# set of flags, so the demo steps after this one reuse it instead of building the SDK again.
set -euo pipefail
[ -f Samples/Greeter/Package.swift ] || { echo "SKIP: no Samples/Greeter"; exit 77; }
FLAGS=(-Xswiftc -warnings-as-errors)
swift build --package-path Samples/Greeter --build-tests "${FLAGS[@]}"
swift test --package-path Samples/Greeter --skip-build 2>&1 | tee "${CI_TMP:-/tmp}/greeter-test.log"
grep -E 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "${CI_TMP:-/tmp}/greeter-test.log"
