#!/usr/bin/env bash
# HTTP throughput on loopback with wrk: `statefun-conformance serve` against the official Python SDK behind
# aiohttp (protobuf 4.25 upb, the fastest Python setup) and against nginx answering a fixed body (the ceiling for
# any loopback server on this machine), all in the same run.
#
#   Benchmarks/http.sh
#
# For the Swift server it: starts `statefun-conformance serve --port P --host 127.0.0.1` (path /statefun); checks
# with curl that its answers to greeter_reply and greeter_batch10 equal the oracle's (`oracle_v3.py diff`); runs
# wrk with ../shared/oracle/bench/post_body.lua (it prints one JSON line: requests/s, p50/p90/p99/max latency in
# µs, non-2xx and socket errors) on greeter_reply and greeter_batch10 at $CONNS connections and on greeter_reply
# at $BIG_CONNS connections; reads the server's peak RSS (VmHWM) after each. Then it runs
# `bench_python_sdk.sh aiohttp nginx` with the upb venv, and prints a table and the ratios against the targets.
#
# Environment: THREADS (2), CONNS (32), BIG_CONNS (1024), DURATION (10s), REPEATS (1; Swift and Python alternate),
# SCRATCH (Swift scratch path, default .build), CONFORMANCE_BIN (use this binary, no build), SKIP_SWIFT=1 /
# SKIP_PYTHON=1, RESULTS (a JSONL file to keep), METRICS_COMPARE (1: the Swift server also runs with
# `--metrics off --log off`, row swift-metrics-off, for the cost of metrics and log; 0 skips it).
# Needs wrk, nginx-light and curl; installs them with apt-get when missing.
set -euo pipefail
exec </dev/null
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=../.ci/lib.sh
source "$REPO/.ci/lib.sh"

THREADS=${THREADS:-2} CONNS=${CONNS:-32} BIG_CONNS=${BIG_CONNS:-1024} DURATION=${DURATION:-10s}
REPEATS=${REPEATS:-1}
WORK=$(mktemp -d -t sfhttp.XXXXXX)
RESULTS=${RESULTS:-$WORK/results.jsonl}
: >>"$RESULTS"
LUA=$ORACLE/bench/post_body.lua
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

ensure_packages wrk:wrk nginx:nginx-light curl:curl
[ -f "$ORACLE/bench_python_sdk.sh" ] && [ -f "$LUA" ] || die "no oracle at $ORACLE (the shared folder beside the clone)"
oracle_env || die "could not set up the oracle venvs ($ORACLE/setup.sh)"
[ -x "$VENV_UPB/bin/python" ] || die "no upb venv at $VENV_UPB"

# 1024 connections need 1024+ descriptors in wrk and in the server (both inherit this limit).
want=$((BIG_CONNS * 2 + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$want" ] ||
    log "warning: open-file limit $(ulimit -n) is below $want; the $BIG_CONNS-connection run may report socket errors"
fi

VEC=$ORACLE/vectors/v3
if [ ! -f "$VEC/greeter_batch10.request.bin" ]; then
  VEC=$WORK/vec
  (cd "$ORACLE" && "$PY3" oracle_v3.py vectors "$VEC" >/dev/null)
fi

wait_ready() {  # $1 url: POST greeter_reply until it answers 200; fail early when the server died
  local _
  for _ in $(seq 150); do
    if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
      die "'statefun-conformance serve' exited before answering (does the binary have the serve subcommand yet?):
$(tail -n 5 "$WORK/serve.log" 2>/dev/null)"
    fi
    curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/octet-stream' \
      --data-binary @"$VEC/greeter_reply.request.bin" "$1" 2>/dev/null | grep -q '^200$' && return 0
    sleep 0.1
  done
  die "no HTTP 200 from $1 within 15 s:
$(tail -n 5 "$WORK/serve.log" 2>/dev/null)"
}

check_answer() {  # $1 url $2 vector name: the served answer must equal the oracle's response
  curl -s -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$VEC/$2.request.bin" \
    -o "$WORK/got.bin" "$1" || die "POST $2 to $1 failed"
  (cd "$ORACLE" && "$PY3" oracle_v3.py diff "$WORK/got.bin" "$VEC/$2.response.bin") >"$WORK/diff.txt" 2>&1 ||
    die "the Swift server answered $2 differently from the oracle:
$(head -c 2000 "$WORK/diff.txt")"
}

peak_rss_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }

load() {  # $1 url $2 body $3 invocations per request $4 connections [$5 server label, default swift]
  local line
  line=$(BODY="$VEC/$2.request.bin" wrk -t"$THREADS" -c"$4" -d"$DURATION" -s "$LUA" "$1" | tail -n 1)
  python3 "$HERE/report.py" check-line wrk "$line" || die "wrk printed no JSON summary line: $line"
  python3 -c '
import json, sys
d = json.loads(sys.argv[1])
per = int(sys.argv[3])
d.update(server=sys.argv[6], body=sys.argv[2], invocations_per_request=per, conns=int(sys.argv[4]),
         invocations_per_s=round(d["rps"] * per), peak_rss_kb=int(sys.argv[5]))
print(json.dumps(d))' "$line" "$2" "$3" "$4" "$(peak_rss_kb)" "${5:-swift}" | tee -a "$RESULTS"
}

swift_case() {  # $1 on|off: metrics and the structured log (default on, as an app's serve)
  local port url label=swift
  port=$(free_port)
  url=http://127.0.0.1:$port/statefun
  [ "${1:-on}" = off ] && label=swift-metrics-off
  "$CONFORMANCE" serve --port "$port" --host 127.0.0.1 --metrics "${1:-on}" --log "${1:-on}" >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$url"
  check_answer "$url" greeter_reply
  check_answer "$url" greeter_batch10
  log "swift server pid $SERVER_PID, idle RSS $(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status") kB"
  load "$url" greeter_reply 1 "$CONNS" "$label"
  load "$url" greeter_batch10 10 "$CONNS" "$label"
  # The 1024-connection check is judged with metrics on only.
  [ "$label" = swift ] && load "$url" greeter_reply 1 "$BIG_CONNS" "$label"
  stop_server
}

python_case() {  # aiohttp (upb) and nginx, by the oracle's own script; its lines get conns added
  VENV=$VENV_UPB THREADS=$THREADS CONNS=$CONNS DURATION=$DURATION RESULTS=$WORK/py.jsonl \
    bash "$ORACLE/bench_python_sdk.sh" aiohttp nginx 2>"$WORK/py.err" | grep '^{' |
    python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d.setdefault("conns", int(sys.argv[1]))
    print(json.dumps(d), flush=True)' "$CONNS" | tee -a "$RESULTS" ||
    die "bench_python_sdk.sh aiohttp nginx failed:
$(tail -n 5 "$WORK/py.err")"
}

if [ "${SKIP_SWIFT:-0}" != 1 ]; then build_conformance; fi
echo "# $(date -u +%FT%TZ) http: wrk -t$THREADS -d$DURATION, conns $CONNS and $BIG_CONNS, repeats $REPEATS," \
  "nproc=$(nproc), ulimit -n $(ulimit -n)" | tee -a "$RESULTS"
for i in $(seq "$REPEATS"); do
  log "## repeat $i/$REPEATS"
  if [ "${SKIP_SWIFT:-0}" != 1 ]; then
    # Metrics and log on (the default) and off, the order alternating per repeat (METRICS_COMPARE=0: on only).
    if [ "${METRICS_COMPARE:-1}" = 1 ] && [ $((i % 2)) = 0 ]; then swift_case off; fi
    swift_case on
    if [ "${METRICS_COMPARE:-1}" = 1 ] && [ $((i % 2)) = 1 ]; then swift_case off; fi
  fi
  if [ "${SKIP_PYTHON:-0}" != 1 ]; then python_case; fi
done
echo
python3 "$HERE/report.py" http "$RESULTS"
echo
echo "Figures are medians on a shared, noisy 2-core machine (wrk shares the cores with the server);"
echo "compare ratios from the same run only."
