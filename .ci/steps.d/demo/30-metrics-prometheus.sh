#!/usr/bin/env bash
# Issue 16's done-when check for metrics: `statefun-conformance serve` (the built-in server, metrics on as in an
# app's `serve`) on a real port; Scripts/check_metrics.py reads GET /metrics with the Prometheus client's own
# text parser (PyPI prometheus_client, installed here into a venv of this step) and checks that the counters
# move as batches succeed and fail (2 good, 1 transient failure, 1 permanent failure).
set -euo pipefail
[ -x "${CONFORMANCE:-}" ] || { echo "SKIP: no statefun-conformance release binary (CONFORMANCE)"; exit 77; }
VEC=${ORACLE:-../shared/oracle}/vectors/v3
[ -f "$VEC/greeter_reply.request.bin" ] || { echo "SKIP: no oracle vectors at $VEC"; exit 77; }
VENV=${XDG_CACHE_HOME:-$HOME/.cache}/swift-statefun-ci/prometheus-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import prometheus_client' 2>/dev/null; then
  python3 -m venv --clear "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check prometheus_client==0.21.1 ||
    { echo "SKIP: could not install prometheus_client from PyPI"; exit 77; }
fi

WORK=$(mktemp -d "${CI_TMP:-/tmp}/metrics.XXXXXX")
"$CONFORMANCE" serve --port 0 --host 127.0.0.1 >"$WORK/stdout" 2>"$WORK/stderr" &
SERVER=$!
stop() { kill -TERM "$SERVER" 2>/dev/null || true; }
trap stop EXIT
PORT=
for _ in $(seq 1 100); do
  # The structured log's start line: address=127.0.0.1:PORT/statefun
  PORT=$(sed -n 's|.*msg="server started" address=127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/stderr" | head -n 1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/stderr"; echo "statefun-conformance serve exited early"; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/stderr"; echo "no 'server started' log line with the port"; exit 1; }
status=0
"$VENV/bin/python" Scripts/check_metrics.py "http://127.0.0.1:$PORT" "$VEC" || status=1
kill -TERM "$SERVER"
trap - EXIT
wait "$SERVER" || { echo "serve exited non-zero after SIGTERM"; status=1; }
echo "--- the server's log:"
cat "$WORK/stderr"
# A failed batch logs exactly one line (two failures sent, two lines), each naming function, id and error.
failed=$(grep -c 'msg="batch failed"' "$WORK/stderr" || true)
[ "$failed" = 2 ] || { echo "expected 2 'batch failed' lines, got $failed"; status=1; }
grep 'msg="batch failed"' "$WORK/stderr" | grep -v 'function=example/greeter id=ann ' && { echo "a failure line lacks function/id"; status=1; }
grep 'msg="server stopped"' "$WORK/stderr" | grep -q 'batches=4 failed_batches=2' || { echo "shutdown line counts wrong"; status=1; }
exit $status
