#!/usr/bin/env bash
# Replays every committed fuzz corpus (Fuzz/Corpus/*: seeds, inputs the fuzzers found, past crashers) through the
# harnesses' oracles, in the debug test build CI already has: no fuzzing, no instrumented build (Fuzz/README.md).
set -euo pipefail
for corpus in HTTPParser HandlerV3 HandlerV2 GeneratedMessage; do
    count=$(find "Fuzz/Corpus/$corpus" -type f | wc -l)
    echo "Fuzz/Corpus/$corpus: $count inputs"
done
skip_build=()
# The `swift test` step before this one built the tests; run alone on a fresh clone, this builds them first.
ls .build/debug/*PackageTests.xctest >/dev/null 2>&1 && skip_build=(--skip-build)
swift test "${skip_build[@]}" --filter 'HandlerCorpusTests|HTTPParserCorpusTests|GeneratedMessageCorpusTests' 2>&1 | tee "${CI_TMP:-/tmp}/fuzz-replay.log"
grep -E 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "${CI_TMP:-/tmp}/fuzz-replay.log"
