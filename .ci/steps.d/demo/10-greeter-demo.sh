#!/usr/bin/env bash
# README's first command: `swift run --package-path Samples/Greeter greeter` runs the walkthrough's scenario on
# the embedded runtime and exits 0 by itself; its output shows every greeting template of the walkthrough.
# Same flags as the samples step, so its build is reused.
set -euo pipefail
[ -f Samples/Greeter/Package.swift ] || { echo "SKIP: no Samples/Greeter"; exit 77; }
OUT=${CI_TMP:-$(mktemp -d)}/greeter-demo.out
timeout 600 swift run --package-path Samples/Greeter -Xswiftc -warnings-as-errors greeter >"$OUT"
cat "$OUT"
status=0
for pattern in $'\tWelcome ' $'\tNice to see you again ' $'\tThird time is a charm ' $'\tNice to see you at the [0-9]+-nth time .*!$'; do
  if grep -Eq "$pattern" "$OUT"; then
    echo "ok: a greeting matching '${pattern#$'\t'}'"
  else
    echo "missing: a greeting matching '${pattern#$'\t'}'"
    status=1
  fi
done
exit $status
