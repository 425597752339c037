#!/usr/bin/env bash
# Integrations/Observability (the instrumentation seam bridged to swift-log, swift-metrics and
# swift-distributed-tracing): builds with warnings as errors, passes its tests, and its sample (the greeter wired to
# all three) runs to the end with spans and metrics. Shares the samples' build folder (same SDK, same flags).
set -euo pipefail
PKG=Integrations/Observability
[ -f "$PKG/Package.swift" ] || { echo "SKIP: no $PKG"; exit 77; }
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
swift build --package-path "$PKG" --build-tests "${FLAGS[@]}"
LOG=${CI_TMP:-$(mktemp -d)}/observability-test.log
swift test --package-path "$PKG" --skip-build "${FLAGS[@]}" 2>&1 | tee "$LOG" | grep -E '✘|Test run with'
grep -Eq 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$LOG"
OUT=${CI_TMP:-$(mktemp -d)}/observed-greeter.out
"$(swift build --package-path "$PKG" "${FLAGS[@]}" --show-bin-path)/observed-greeter" >"$OUT" 2>"$OUT.err"
grep -q $'^greeting\tJerry\tThird time is a charm Jerry' "$OUT"
grep -q $'^metric\tstatefun_invocations_total\t6' "$OUT"
grep -q $'^span\tstatefun.invocation' "$OUT"
grep -q 'batch done' "$OUT.err"
echo "observed-greeter: $(grep -c '^span' "$OUT") spans, log lines: $(wc -l <"$OUT.err")"
