#!/usr/bin/env bash
# Builds a libFuzzer harness and runs it (Fuzz/README.md).
#   Fuzz/run.sh TARGET [SECONDS] [LIBFUZZER-OPTION...]    TARGET: HTTPParser, HandlerV3, HandlerV2,
#                                                       GeneratedMessage
#   Fuzz/run.sh [SECONDS]                                 the HTTP parser, as before
# SECONDS defaults to 60; further options go to libFuzzer (e.g. -runs=10000000 to stop after that many inputs).
# One job, one process: the machine is shared. New interesting inputs go to a scratch corpus in .build-fuzz
# (seeded from the committed one, Fuzz/Corpus/TARGET, so a run does not flood git); crashes go to
# Fuzz/artifacts/ (git-ignored). Add any crasher to Fuzz/Corpus/TARGET, fix it, and add a regression test.
set -euo pipefail
cd "$(cd "$(dirname "$0")/.." && pwd -P)"
target=HTTPParser
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then target=$1; shift; fi
seconds="${1:-60}"
[ $# -gt 0 ] && shift
case "$target" in
    HTTPParser) max_len=2048 ;;
    HandlerV3 | HandlerV2) max_len=8192 ;;
    GeneratedMessage) max_len=4096 ;;
    *) echo "run.sh: unknown target '$target' (HTTPParser, HandlerV3, HandlerV2, GeneratedMessage)" >&2; exit 2 ;;
esac
product="Fuzz$target"
# Release (-O keeps Swift's bounds and overflow checks, and ASan checks every access): the handler harnesses run
# about ten times as many inputs a second as in debug.
config="${STATEFUN_FUZZ_CONFIG:-release}"
scratch=.build-fuzz
binary="$scratch/$config/$product"
build() {
    # -sanitize=fuzzer,address last, not SwiftPM's --sanitize=fuzzer --sanitize=address: swiftc takes its coverage
    # instrumentation from the last -sanitize= flag only, and SwiftPM writes the two in an order that changes from
    # run to run (a Set), so half the builds came out without coverage counters (and each order change rebuilt all).
    # --sanitize=fuzzer stays so that SwiftPM leaves `main` to libFuzzer.
    STATEFUN_FUZZ=1 swift build --scratch-path "$scratch" -c "$config" \
        --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product "$product"
}
instrumented() {
    # Without coverage counters libFuzzer runs blind ("no interesting inputs").
    # (grep reads to the end: with -q it may close the pipe early, and pipefail would call that a failure.)
    readelf -SW "$binary" 2>/dev/null | grep __sancov_cntrs >/dev/null
}
build
if ! instrumented; then
    echo "run.sh: the build lacks coverage instrumentation; rebuilding from scratch" >&2
    rm -rf "$scratch/$config" "$scratch"/x86_64-unknown-linux-gnu/"$config"
    build
    instrumented || { echo "run.sh: still no coverage counters in $product" >&2; exit 1; }
fi
corpus="Fuzz/Corpus/$target"
work="$scratch/corpus-$target"
mkdir -p Fuzz/artifacts "$work"
# Explore in a scratch corpus seeded from the committed one, so a run does not flood git.
cp -n "$corpus"/* "$work"/ 2>/dev/null || true
echo "run.sh: $product at $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $seconds s, corpus $work" >&2
# -timeout is wall time per input. 120 s, not libFuzzer's usual few seconds: niced on a shared machine, a run of
# HandlerV3 was stopped by a 24 s "timeout" on an input that takes 0.08 s of CPU alone (the process was starved,
# not slow). A later option on the command line wins, e.g. -timeout=10 on a machine of one's own.
"$binary" "$work" "$corpus" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=120 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1 "$@"
