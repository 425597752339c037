#!/usr/bin/env bash
# Builds the libFuzzer harness for the HTTP request parser and runs it.
#   Fuzz/run.sh [seconds]      (default 60)
# New interesting inputs go to Fuzz/Corpus/HTTPParser (keep only small ones worth
# committing); crashes go to Fuzz/artifacts/ (git-ignored). Add any crasher to the corpus
# and a regression test to Tests/StateFunHTTPTests.
set -euo pipefail
cd "$(cd "$(dirname "$0")/.." && pwd -P)"
seconds="${1:-60}"
build() {
    STATEFUN_FUZZ=1 swift build --scratch-path .build-fuzz -c debug \
        --sanitize=fuzzer --sanitize=address --product FuzzHTTPParser
}
instrumented() {
    # Without coverage counters libFuzzer runs blind ("no interesting inputs").
    readelf -S .build-fuzz/debug/FuzzHTTPParser 2>/dev/null | grep -q __sancov_cntrs
}
build
if ! instrumented; then
    echo "run.sh: the build lacks coverage instrumentation; rebuilding from scratch" >&2
    rm -rf .build-fuzz/debug .build-fuzz/x86_64-unknown-linux-gnu
    build
    instrumented || { echo "run.sh: still no coverage counters in FuzzHTTPParser" >&2; exit 1; }
fi
mkdir -p Fuzz/artifacts .build-fuzz/corpus
# Explore in a scratch corpus seeded from the committed one, so a run does not flood git.
cp -n Fuzz/Corpus/HTTPParser/* .build-fuzz/corpus/ 2>/dev/null || true
.build-fuzz/debug/FuzzHTTPParser .build-fuzz/corpus Fuzz/Corpus/HTTPParser \
    -max_total_time="$seconds" -max_len=2048 -timeout=5 \
    -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1
