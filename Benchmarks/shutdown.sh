#!/usr/bin/env bash
# SIGTERM under load (RFC 9112 §9.6 graceful close): `statefun-conformance serve` is loaded with greeter_reply,
# sent SIGTERM after $BEFORE seconds, and must answer every request written before the signal and exit with 0
# within its grace period (10 s).
#
#   Benchmarks/shutdown.sh
#
# Two drivers, each REPEATS times (Benchmarks/shutdown_under_load.py does the work and prints one JSON line each):
#   keepalive: $CLIENTS (256) Python asyncio clients on keep-alive connections, each request timestamped when its
#              write completed: `lost_before_signal` (written before the signal, never answered) must be 0;
#   wrk:       wrk -c$WRK_CONNS (1024); wrk cannot timestamp requests, so its read errors are reported as they are.
# Fails (exit 1) if a keep-alive request was lost or the server did not exit 0 in time.
#
# Environment: CLIENTS (256), WRK_CONNS (1024), BEFORE (3 s of load before the signal), REPEATS (3),
# SCRATCH (Swift scratch path), CONFORMANCE_BIN (use this binary, no build). Needs wrk (installed with apt-get).
set -euo pipefail
exec </dev/null
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$REPO/.ci/lib.sh"

CLIENTS=${CLIENTS:-256} WRK_CONNS=${WRK_CONNS:-1024} BEFORE=${BEFORE:-3} REPEATS=${REPEATS:-3}
WORK=$(mktemp -d -t sfshutdown.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ensure_packages wrk:wrk python3:python3
want=$((WRK_CONNS * 2 + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; fi

VEC=$ORACLE/vectors/v3
LUA=$ORACLE/bench/post_body.lua
[ -f "$VEC/greeter_reply.request.bin" ] && [ -f "$LUA" ] || die "no oracle vectors at $VEC (the shared folder beside the clone)"
if [ -n "${CONFORMANCE_BIN:-}" ]; then CONFORMANCE=$CONFORMANCE_BIN; else build_conformance; fi

failed=0
for _ in $(seq "$REPEATS"); do
  for driver in keepalive wrk; do
    port=$(free_port)
    clients=$CLIENTS
    [ "$driver" = wrk ] && clients=$WRK_CONNS
    line=$(python3 "$HERE/shutdown_under_load.py" "$driver" --port "$port" --body "$VEC/greeter_reply.request.bin" \
      --lua "$LUA" --clients "$clients" --before "$BEFORE" --grace 10 -- \
      "$CONFORMANCE" serve --port "$port" --host 127.0.0.1)
    printf '%s\n' "$line"
    python3 -c '
import json, sys
d = json.loads(sys.argv[1])
ok = d["exit_status"] == 0 and d["exit_seconds"] <= 10.5 and d.get("lost_before_signal", 0) == 0
sys.exit(0 if ok else 1)' "$line" || failed=1
  done
done
[ "$failed" = 0 ] || die "a request sent before SIGTERM was lost, or the server did not exit 0 within its grace period"
log "every request written before SIGTERM was answered; exit 0 within the grace period"
