#!/usr/bin/env bash
# Issue 6's done-when check: `greeter dev` on a real port, two POSTs of a protobuf GreetRequest{name: "ann"}
# (Content-Type: application/vnd.com.googleapis/example.GreetRequest), then GET /egress/greetings shows both
# greetings readably. Issue 14's: a third POST of `{"name":"ann"}` as JSON greets ann, and the egress shows that
# greeting as the GreetResponse message in the proto3 JSON mapping.
set -euo pipefail
[ -f Samples/Greeter/Package.swift ] || { echo "SKIP: no Samples/Greeter"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: no curl"; exit 77; }
FLAGS=(-Xswiftc -warnings-as-errors)
swift build --package-path Samples/Greeter --product greeter "${FLAGS[@]}"
# With a build-tool plugin, SwiftPM may print its tool build on stdout before the path: keep the last line.
BIN=$(swift build --package-path Samples/Greeter "${FLAGS[@]}" --show-bin-path | tail -n 1)/greeter
WORK=$(mktemp -d "${CI_TMP:-/tmp}/greeter-dev.XXXXXX")
printf '\012\003ann' >"$WORK/greet-ann.bin"   # GreetRequest{name: "ann"}: field 1, length 3, "ann"

"$BIN" dev --port 0 >"$WORK/stdout" 2>"$WORK/stderr" &
SERVER=$!
stop() { kill -TERM "$SERVER" 2>/dev/null || true; }
trap stop EXIT
PORT=
for _ in $(seq 1 100); do
  PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$WORK/stderr" | head -n 1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/stderr"; echo "greeter dev exited early"; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/stderr"; echo "greeter dev did not report its port"; exit 1; }
echo "greeter dev listens on port $PORT"

for _ in 1 2; do
  curl -sS --fail-with-body -X POST "localhost:$PORT/example/greeter/ann" \
    -H 'Content-Type: application/vnd.com.googleapis/example.GreetRequest' --data-binary @"$WORK/greet-ann.bin" \
    >/dev/null
done
# The same message as JSON (Docs/Protobuf.md): the function handles a type generated from messages.proto.
curl -sS --fail-with-body -H 'Content-Type: application/json' -d '{"name":"ann"}' \
  "localhost:$PORT/example/greeter/ann" >/dev/null
curl -sS --fail-with-body "localhost:$PORT/egress/greetings" | tee "$WORK/egress.json"
status=0
for greeting in "Welcome ann" "Nice to see you again ann" "Third time is a charm ann"; do
  if grep -q "\"$greeting\"" "$WORK/egress.json"; then echo "ok: $greeting"; else echo "missing: $greeting"; status=1; fi
done
# The record the JSON request produced, exactly: the declared type and the message's JSON fields.
expected='{"type": "com.googleapis/example.GreetResponse", "value": {"name": "ann", "greeting": "Third time is a charm ann"}}'
if python3 - "$WORK/egress.json" "$expected" <<'PY'; then echo "ok: GreetResponse as JSON"; else status=1; fi
import json, sys
records = json.load(open(sys.argv[1]))["records"]
expected = json.loads(sys.argv[2])
if not any(r.get("value") == expected for r in records):
    sys.exit("missing: an egress record whose value is " + sys.argv[2])
PY
echo "--- what the server printed:"
cat "$WORK/stdout"
grep -q "Nice to see you again ann" "$WORK/stdout" || { echo "egress records were not printed"; status=1; }

kill -TERM "$SERVER"
trap - EXIT
rc=0
wait "$SERVER" || rc=$?
[ "$rc" = 0 ] || { echo "greeter dev exited with status $rc after SIGTERM (expected 0)"; status=1; }
exit $status
