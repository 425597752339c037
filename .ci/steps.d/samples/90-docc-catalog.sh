#!/usr/bin/env bash
# The DocC catalog of the StateFun module (Sources/StateFun/Documentation.docc) builds with no warnings: every
# symbol link in the catalog and in the doc comments resolves, every documented parameter list is complete.
# Own scratch path: the symbol-graph flags would otherwise make the main .build recompile everything.
set -euo pipefail
DOCC=$(command -v docc || true)
if [ -z "$DOCC" ]; then
  SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swift)")")
  [ -x "$SWIFT_BIN/docc" ] && DOCC=$SWIFT_BIN/docc
fi
[ -n "$DOCC" ] || { echo "SKIP: no docc next to the swift toolchain"; exit 77; }
WORK=${CI_TMP:-$(mktemp -d)}/docc
rm -rf "$WORK" && mkdir -p "$WORK/symbol-graphs"
swift build --target StateFun --scratch-path "$PWD/.build-ci-docc" \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$WORK/symbol-graphs"
"$DOCC" convert Sources/StateFun/Documentation.docc --additional-symbol-graph-dir "$WORK/symbol-graphs" \
  --warnings-as-errors --output-path "$WORK/StateFun.doccarchive"
echo "catalog built without warnings: $WORK/StateFun.doccarchive"
