#!/usr/bin/env bash
# Issue 17's "package of deliberate mistakes, outside this repository": the two packages of .ci/mistakes are copied
# to a temporary folder and depend on this clone by path, as a user's package would. `compile` must fail to build
# exactly on its lines marked `// expected-error: TEXT`, each with an error containing TEXT (typed function
# references); `run` builds and its tests show every other mistake reported by validate or at the first
# TestInvocation, with a message naming it. Shares the samples' build folder (same SDK, same flags).
set -euo pipefail
REPO=${REPO:-$(pwd)}
cd "$REPO"
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
WORK=$(mktemp -d "${CI_TMP:-/tmp}/mistakes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -R .ci/mistakes/compile .ci/mistakes/run "$WORK/"
for pkg in compile run; do
  sed -i.orig "s|path: \"../../..\"|path: \"$REPO\"|" "$WORK/$pkg/Package.swift"
done

# 1. Compile-time mistakes.
SOURCE="$WORK/compile/Sources/CompileMistakes/Mistakes.swift"
if swift build --package-path "$WORK/compile" "${FLAGS[@]}" >"$WORK/compile.log" 2>&1; then
  echo "the compile mistakes built: they must not"; exit 1
fi
python3 - "$SOURCE" "$WORK/compile.log" <<'PY'
import re, sys
source, log = sys.argv[1], sys.argv[2]
expected = {}
for number, line in enumerate(open(source), 1):
    m = re.search(r"// expected-error: (.*)$", line)
    if m and not line.lstrip().startswith("//"):
        expected[number] = m.group(1).strip()
errors = {}
for line in open(log):
    m = re.search(r"Mistakes\.swift:(\d+):\d+: error: (.*)$", line)
    if m:
        errors.setdefault(int(m.group(1)), set()).add(m.group(2).strip())
failed = False
for number, text in sorted(expected.items()):
    if not any(text in e for e in errors.get(number, ())):
        print(f"line {number}: expected an error containing {text!r}, got {sorted(errors.get(number, ()))}")
        failed = True
for number in sorted(set(errors) - set(expected)):
    print(f"line {number}: unexpected error {sorted(errors[number])}")
    failed = True
if not expected:
    print("no expected errors marked"); failed = True
if failed:
    sys.exit(1)
print(f"compile mistakes: {len(expected)} lines fail to compile as expected, no other line does")
PY

# 2. Mistakes caught by validate or at the first TestInvocation.
swift build --package-path "$WORK/run" --build-tests "${FLAGS[@]}" >"$WORK/run-build.log" 2>&1 || { tail -40 "$WORK/run-build.log"; exit 1; }
swift test --package-path "$WORK/run" --skip-build "${FLAGS[@]}" 2>&1 | tee "$WORK/run-test.log" | grep -E '✘|Test run with|^[a-z ]+: ' || true
grep -Eq 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$WORK/run-test.log"
