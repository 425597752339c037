#!/usr/bin/env bash
# Builds the libFuzzer harness for the HTTP request parser and runs it.
#   Fuzz/run.sh [seconds]      (default 60)
# New interesting inputs go to Fuzz/Corpus/HTTPParser (keep only small ones worth
# committing); crashes go to Fuzz/artifacts/ (git-ignored). Add any crasher to the corpus
# and a regression test to Tests/StateFunHTTPTests.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
STATEFUN_FUZZ=1 swift build --scratch-path .build-fuzz -c debug \
    --sanitize=fuzzer --sanitize=address --product FuzzHTTPParser
mkdir -p Fuzz/artifacts .build-fuzz/corpus
# Explore in a scratch corpus seeded from the committed one, so a run does not flood git.
cp -n Fuzz/Corpus/HTTPParser/* .build-fuzz/corpus/ 2>/dev/null || true
.build-fuzz/debug/FuzzHTTPParser .build-fuzz/corpus Fuzz/Corpus/HTTPParser \
    -max_total_time="$seconds" -max_len=2048 -timeout=5 \
    -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1
