#!/usr/bin/env bash
# In-process throughput, no HTTP: the Swift handler (`statefun-conformance bench`) against the official Python
# SDK's handler (`../shared/oracle/bench_python_sdk.sh inproc`, protobuf 4.25 upb: the fastest Python setup),
# in the same run, alternating, REPEATS times. Prints medians and Swift/Python ratios of invocations/s.
#
#   Benchmarks/inproc.sh
#
# Environment: REPEATS (3), SECONDS_PER_RUN (3, the Swift run length; the Python script runs 3 s per case),
# CONCURRENCY (nproc: one more Swift run of greeter_batch10 with that many tasks on the shared handler, i.e. one
# process on all cores; informational, the target is judged on the single-task run; 1 skips it),
# SCRATCH (the Swift scratch path; default .build), PYTHON_ONLY=1 (skip Swift, e.g. before `bench` exists),
# RESULTS (a JSONL file to keep; default in a temporary folder), METRICS_COMPARE (1: each Swift body also runs with
# `bench --metrics on`, the handler updating the metrics `serve` exposes, row `swift-metrics`; 0 skips it),
# BASELINE_BIN (another build's statefun-conformance, e.g. an older commit's: each repeat also runs it on each body,
# back to back with this build in alternating order, row `swift-baseline`, so the two are compared against the
# same Python runs; it is run without `--metrics`, which builds before issue 16 lack).
# Bodies: greeter_reply (1 invocation) and greeter_batch10 (10 invocations) from ../shared/oracle/vectors/v3,
# regenerated with `oracle_v3.py vectors` when that folder is missing.
set -euo pipefail
exec </dev/null
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$REPO/.ci/lib.sh"

REPEATS=${REPEATS:-3}
CONCURRENCY=${CONCURRENCY:-$(nproc)}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
WORK=$(mktemp -d -t sfinproc.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
RESULTS=${RESULTS:-$WORK/results.jsonl}
: >>"$RESULTS"
BODIES=(greeter_reply greeter_batch10)

[ -f "$ORACLE/bench_python_sdk.sh" ] || die "no oracle at $ORACLE (the shared folder beside the clone)"
oracle_env || die "could not set up the oracle venvs ($ORACLE/setup.sh)"
[ -x "$VENV_UPB/bin/python" ] || die "no upb venv at $VENV_UPB"

VEC=$ORACLE/vectors/v3
if [ ! -f "$VEC/greeter_batch10.request.bin" ]; then
  VEC=$WORK/vec
  (cd "$ORACLE" && "$PY3" oracle_v3.py vectors "$VEC" >/dev/null)
fi

if [ "${PYTHON_ONLY:-0}" != 1 ]; then
  build_conformance
fi
if [ -n "${BASELINE_BIN:-}" ]; then
  [ -x "$BASELINE_BIN" ] || die "BASELINE_BIN=$BASELINE_BIN is not executable"
fi

swift_run() {  # $1 body name, $2 concurrency (default 1), $3 metrics on|off|baseline (default off)
  local out line server=swift bin=$CONFORMANCE
  local flags=(--metrics "${3:-off}")
  [ "${2:-1}" -gt 1 ] && server=swift-allcores
  [ "${3:-off}" = on ] && server=swift-metrics
  if [ "${3:-off}" = baseline ]; then server=swift-baseline bin=$BASELINE_BIN flags=(); fi
  out=$("$bin" bench --protocol v3 "$VEC/$1.request.bin" --seconds "$SECONDS_PER_RUN" --concurrency "${2:-1}" \
    "${flags[@]}" 2>"$WORK/bench.err") ||
    die "'statefun-conformance bench' failed on $1 (does the binary have the bench subcommand yet?):
$(tail -n 5 "$WORK/bench.err")"
  line=$(printf '%s\n' "$out" | grep '^{' | tail -n 1 || true)
  python3 "$HERE/report.py" check-line swift-bench "$line" ||
    die "'statefun-conformance bench' printed no JSON line with rps, mean_us and invocations_per_s (is the bench subcommand implemented?). It printed:
$(printf '%s\n' "$out" | tail -n 5)"
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.update(server=sys.argv[3], body=sys.argv[2]); print(json.dumps(d))' \
    "$line" "$1" "$server" | tee -a "$RESULTS"
}

python_run() {
  VENV=$VENV_UPB RESULTS=$WORK/py.jsonl bash "$ORACLE/bench_python_sdk.sh" inproc 2>/dev/null | grep '^{' | tee -a "$RESULTS" ||
    die "bench_python_sdk.sh inproc failed"
}

echo "# $(date -u +%FT%TZ) inproc: $REPEATS repeats, swift ${SECONDS_PER_RUN}s per body, nproc=$(nproc)" | tee -a "$RESULTS"
for i in $(seq "$REPEATS"); do
  echo "## repeat $i/$REPEATS" >&2
  if [ "${PYTHON_ONLY:-0}" != 1 ]; then
    for body in "${BODIES[@]}"; do
      # Metrics off and on back to back, the order alternating per repeat, so drift hits both alike.
      if [ "${METRICS_COMPARE:-1}" = 1 ] && [ $((i % 2)) = 0 ]; then swift_run "$body" 1 on; fi
      if [ -n "${BASELINE_BIN:-}" ] && [ $((i % 2)) = 0 ]; then swift_run "$body" 1 baseline; fi
      swift_run "$body"
      if [ -n "${BASELINE_BIN:-}" ] && [ $((i % 2)) = 1 ]; then swift_run "$body" 1 baseline; fi
      if [ "${METRICS_COMPARE:-1}" = 1 ] && [ $((i % 2)) = 1 ]; then swift_run "$body" 1 on; fi
    done
    if [ "$CONCURRENCY" -gt 1 ]; then swift_run greeter_batch10 "$CONCURRENCY"; fi
  fi
  python_run
done
echo
python3 "$HERE/report.py" inproc "$RESULTS"
echo
echo "Figures are medians on a shared, noisy 2-core machine; compare ratios from the same run only."
