# shellcheck shell=bash
# What the A/B scripts (cpu_ab.sh, paired_ab.sh) share: .ci/lib.sh, the builds checked, the 3.x vectors, a results
# file removed on exit, and the flags each build runs with.
# shellcheck source=../.ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../.ci/lib.sh"

# ab_begin PREFIX BIN...: every BIN executable; sets VEC (the oracle's 3.x vectors, checked) and OUT (a temporary
# results file named PREFIX.*, removed on exit).
ab_begin() {
  local prefix=$1 bin
  shift
  for bin in "$@"; do [ -x "$bin" ] || die "$bin is not executable"; done
  VEC=$ORACLE/vectors/v3
  [ -f "$VEC/greeter_batch10.request.bin" ] || die "no vectors at $VEC (run the oracle's setup first)"
  OUT=$(mktemp -t "$prefix.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -f '$OUT'" EXIT
}

# flags_for BIN: `--metrics off` when the build has the flag (builds before issue 16 do not).
flags_for() {
  if "$1" bench --help 2>&1 | grep -q -- '--metrics'; then echo "--metrics off"; fi
}

# flags_of POSITION BIN: the flags for the build given at POSITION (1 = the reference): NEW_FLAGS, when set, for
# every build after the reference; flags_for otherwise.
flags_of() {
  if [ "$1" -gt 1 ] && [ -n "${NEW_FLAGS+set}" ]; then echo "$NEW_FLAGS"; else flags_for "$2"; fi
}
