#!/usr/bin/env bash
# Samples/ShoppingCart: builds (warnings as errors), passes its tests, and its demo tells the whole story. Shares
# the walkthrough's build folder (same SDK, same flags).
set -euo pipefail
PKG=Samples/ShoppingCart
[ -f "$PKG/Package.swift" ] || { echo "SKIP: no $PKG"; exit 77; }
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
# One build folder for several root packages: re-plan on every call, or SwiftPM may reuse the previous
# package's cached build plan.
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
swift build --package-path "$PKG" --build-tests "${FLAGS[@]}"
LOG=${CI_TMP:-$(mktemp -d)}/shopping-cart-test.log
swift test --package-path "$PKG" --skip-build "${FLAGS[@]}" 2>&1 | tee "$LOG" | grep -E '✘|Test run with'
grep -Eq 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$LOG"
out=$(timeout 120 swift run --package-path "$PKG" "${FLAGS[@]}" shop 2>/dev/null)
echo "$out"
grep -q 'kafka receipts: ann-1' <<<"$out"
grep -q 'reservation-expired' <<<"$out"
grep -q 'expired (abandoned)' <<<"$out"
