#!/usr/bin/env bash
# Walkthrough steps 01-06: each package builds (tests and executables included, warnings as errors) and passes its
# tests; step 1's generator and step 5's demo run. All steps share one build folder: they depend on the same SDK
# with the same flags, so it is compiled once and each later step builds only its own targets.
set -euo pipefail
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
# One build folder for several root packages: re-plan on every call, or SwiftPM may reuse the previous
# package's cached build plan.
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
LOG=${CI_TMP:-$(mktemp -d)}/walkthrough
mkdir -p "$LOG"
failed=()
for dir in Walkthrough/0[1-6]-*/; do
  step=$(basename "$dir")
  t0=$SECONDS
  echo "--- $step"
  if swift build --package-path "$dir" --build-tests "${FLAGS[@]}" >"$LOG/$step.build.log" 2>&1 &&
    swift test --package-path "$dir" --skip-build "${FLAGS[@]}" >"$LOG/$step.test.log" 2>&1; then
    grep -E 'Test run with [0-9]+ tests?' "$LOG/$step.test.log" | sed 's/^/    /'
    echo "    $step: ok ($((SECONDS - t0))s)"
  else
    tail -n 40 "$LOG/$step.build.log" "$LOG/$step.test.log" 2>/dev/null || true
    echo "    $step: FAILED ($((SECONDS - t0))s)"
    failed+=("$step")
  fi
done

# Step 1's generator prints records; step 5's demo prints one greeting per generated request.
if [ -d Walkthrough/01-events ]; then
  out=$(swift run --package-path Walkthrough/01-events "${FLAGS[@]}" event-generator --count 3 2>/dev/null) || failed+=("01 run")
  echo "$out"
  [ "$(grep -c '^names  key=.*value=0a ' <<<"$out")" = 3 ] || { echo "event-generator: expected 3 records"; failed+=("01 output"); }
fi
if [ -d Walkthrough/05-wiring-it-together ]; then
  out=$(timeout 300 swift run --package-path Walkthrough/05-wiring-it-together "${FLAGS[@]}" greeter 2>/dev/null) ||
    failed+=("05 run")
  echo "$out"
  [ "$(grep -cE $'^[A-Za-z]+:\t(Welcome|Nice to see you|Third time)' <<<"$out")" = 12 ] ||
    { echo "greeter demo: expected 12 greetings"; failed+=("05 output"); }
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "walkthrough: failed: ${failed[*]}"
  exit 1
fi
echo "walkthrough: steps 01-06 build and pass their tests"
