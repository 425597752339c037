#!/usr/bin/env bash
# Soak: `statefun-conformance serve` under mixed good and bad traffic at 1024 connections for a given time.
#
#   Benchmarks/soak.sh [SECONDS]       # default 60
#
# wrk -c$CONNS posts greeter_reply while $BAD_WORKERS threads send malformed and abusive requests (bad version,
# bad Host, bad chunk extension, garbage, a header flood, an oversized Content-Length, a bad protobuf body, a
# truncated body, an unframed POST) in turn. Prints one JSON line (Benchmarks/soak.py): wrk's requests and
# errors, the bad requests by kind with the statuses they got, RSS and open descriptors at start, peak and end.
# Environment: CONNS (1024), BAD_WORKERS (4), CONFORMANCE_BIN (use this binary, no build), SCRATCH.
set -euo pipefail
exec </dev/null
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$REPO/.ci/lib.sh"
SECONDS_TO_RUN=${1:-60} CONNS=${CONNS:-1024} BAD_WORKERS=${BAD_WORKERS:-4}
ensure_packages wrk:wrk python3:python3
want=$((CONNS * 2 + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; fi
VEC=$ORACLE/vectors/v3
LUA=$ORACLE/bench/post_body.lua
[ -f "$VEC/greeter_reply.request.bin" ] && [ -f "$LUA" ] || die "no oracle vectors at $VEC (the shared folder beside the clone)"
build_conformance
port=$(free_port)
python3 "$HERE/soak.py" --port "$port" --body "$VEC/greeter_reply.request.bin" --lua "$LUA" --conns "$CONNS" \
  --seconds "$SECONDS_TO_RUN" --bad-workers "$BAD_WORKERS" -- "$CONFORMANCE" serve --port "$port" --host 127.0.0.1
