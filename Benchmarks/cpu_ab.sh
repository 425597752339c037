#!/usr/bin/env bash
# CPU time per request of two or more statefun-conformance builds, interleaved: each round runs every build on
# greeter_reply and greeter_batch10 under `perf stat -e task-clock` (CPU time, which moves less with the machine's
# load than wall-clock rates), and the medians are printed with each build's ratio to the first one.
#
#   Benchmarks/cpu_ab.sh REFERENCE_BIN BIN [BIN...]
#
# Environment: ROUNDS (8), REPLY_ITERATIONS (150000), BATCH_ITERATIONS (60000). A build that lacks `--metrics`
# (before issue 16) is run without it (detected from its --help); the others with `--metrics off`, except that
# NEW_FLAGS, when set, replaces the flags of every build after the first. The cost of metrics in one build, in CPU
# time (steadier here than wall-clock pairs: about ±1 % between runs of ten rounds):
#   NEW_FLAGS="--metrics on" ROUNDS=10 Benchmarks/cpu_ab.sh BIN BIN
# Figures include each process's start (a few ms, under 1 % at these counts). Needs `perf` (linux-tools).
set -euo pipefail
exec </dev/null
# shellcheck source=ab_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/ab_lib.sh"

[ $# -ge 2 ] || die "usage: Benchmarks/cpu_ab.sh REFERENCE_BIN BIN [BIN...]"
command -v perf >/dev/null || die "perf is not installed (apt-get install linux-tools-generic, or your kernel's linux-tools)"
ROUNDS=${ROUNDS:-8}
ab_begin sfcpuab "$@"
# Each build's flags, found once (flags_for runs the build).
FLAGS=()
for i in $(seq $#); do FLAGS[i]=$(flags_of "$i" "${!i}"); done

for round in $(seq "$ROUNDS"); do
  for body in "greeter_reply:${REPLY_ITERATIONS:-150000}" "greeter_batch10:${BATCH_ITERATIONS:-60000}"; do
    name=${body%%:*} n=${body##*:}
    for i in $(seq $#); do
      bin=${!i} flags=${FLAGS[i]}
      # shellcheck disable=SC2086
      ms=$(perf stat -x, -e task-clock "$bin" bench --protocol v3 "$VEC/$name.request.bin" --iterations "$n" \
        $flags 2>&1 >/dev/null | grep task-clock | cut -d, -f1)
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$i" "$bin${flags:+ $flags}" "$ms" "$n" >>"$OUT"
    done
  done
  echo "round $round/$ROUNDS done" >&2
done

python3 - "$OUT" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
names = {}
for line in open(sys.argv[1]):
    body, i, binary, ms, n = line.rstrip("\n").split("\t")
    runs[(body, int(i))].append(float(ms) * 1000 / int(n))
    names[int(i)] = binary
print("CPU time per request (task-clock), medians of the rounds; ratio = reference time / this build's time:")
for body in ("greeter_reply", "greeter_batch10"):
    reference = statistics.median(runs[(body, 1)])
    for i in sorted(names):
        values = runs[(body, i)]
        m = statistics.median(values)
        print(f"{body:16s} {names[i]:60s} {m:7.3f} us  (min {min(values):.3f}, n={len(values)})  {reference / m:.3f}x")
PY
