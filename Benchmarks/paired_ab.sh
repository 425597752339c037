#!/usr/bin/env bash
# Requests per second of two statefun-conformance builds in short runs taken in pairs, the order alternating from
# pair to pair, and the distribution of the per-pair ratio: the A/B for a difference of a few percent on the shared
# machine, where the same build measures up to 3 % apart from one run to the next (a pair shares the machine's
# state of the moment; the median of many pairs is steadier than any one run).
#
#   Benchmarks/paired_ab.sh REFERENCE_BIN BIN
#
# Environment: PAIRS (20), SECONDS_PER_RUN (1.5), BODIES ("greeter_reply greeter_batch10"), NEW_FLAGS (flags for
# BIN's runs instead of the default). Prints per body the median requests/s of each build and the median, quartiles
# and extremes of BIN/REFERENCE_BIN per pair. A build that has `--metrics` is run with `--metrics off` by default.
# Wall-clock rates, as `inproc.sh` measures. The cost of metrics in one build, in pairs:
#   NEW_FLAGS="--metrics on" Benchmarks/paired_ab.sh BIN BIN
set -euo pipefail
exec </dev/null
# shellcheck source=ab_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/ab_lib.sh"

[ $# -eq 2 ] || die "usage: Benchmarks/paired_ab.sh REFERENCE_BIN BIN"
PAIRS=${PAIRS:-20}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-1.5}
ab_begin sfpairs "$@"

rps() {  # BIN BODY FLAGS
  # shellcheck disable=SC2086
  "$1" bench --protocol v3 "$VEC/$2.request.bin" --seconds "$SECONDS_PER_RUN" $3 |
    python3 -c 'import json, sys; print(json.loads(sys.stdin.read())["rps"])'
}
REF_FLAGS=$(flags_of 1 "$1")
NEW_FLAGS=$(flags_of 2 "$2")

for body in ${BODIES:-greeter_reply greeter_batch10}; do
  [ -f "$VEC/$body.request.bin" ] || die "no vector $VEC/$body.request.bin (run the oracle's setup first)"
  for pair in $(seq "$PAIRS"); do
    if [ $((pair % 2)) = 1 ]; then
      new=$(rps "$2" "$body" "$NEW_FLAGS"); ref=$(rps "$1" "$body" "$REF_FLAGS")
    else
      ref=$(rps "$1" "$body" "$REF_FLAGS"); new=$(rps "$2" "$body" "$NEW_FLAGS")
    fi
    echo "$body $ref $new" >>"$OUT"
  done
  echo "$body: $PAIRS pairs done" >&2
done

python3 - "$OUT" "$1" "$2 $NEW_FLAGS" <<'PY'
import collections, statistics, sys
pairs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    body, ref, new = line.split()
    pairs[body].append((float(ref), float(new)))
print(f"paired runs, ratio = {sys.argv[3]} / {sys.argv[2]} per pair:")
for body, runs in pairs.items():
    ratios = sorted(new / ref for ref, new in runs)
    n = len(ratios)
    print(f"{body:16s} pairs {n}  reference {statistics.median(r for r, _ in runs):,.0f} rps  "
          f"this {statistics.median(b for _, b in runs):,.0f} rps  ratio median {statistics.median(ratios):.3f}  "
          f"quartiles {ratios[n // 4]:.3f}-{ratios[(3 * n) // 4]:.3f}  min {ratios[0]:.3f}  max {ratios[-1]:.3f}")
PY
