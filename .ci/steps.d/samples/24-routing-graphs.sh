#!/usr/bin/env bash
# The routing graphs in Docs/ (issue 17): `describe --dot` of Samples/Greeter and Samples/ShoppingCart must equal the
# committed Docs/images/*.dot and render with `dot -Tsvg`. Builds in the samples' shared folder (steps 20, 22), where
# the SDK is already compiled with these flags, so only the greeter's own targets are new.
# Regenerate the committed files with: UPDATE_GRAPHS=1 bash .ci/steps.d/samples/24-routing-graphs.sh
set -euo pipefail
REPO=${REPO:-$(pwd)}
cd "$REPO"
if ! command -v dot >/dev/null; then
  if command -v apt-get >/dev/null; then
    (apt-get install -y -q graphviz || (apt-get update -q && apt-get install -y -q graphviz)) >/dev/null 2>&1 || true
  fi
fi
command -v dot >/dev/null || { echo "graphviz (dot) could not be installed"; exit 1; }
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
OUT=${CI_TMP:-$(mktemp -d)}/routing-graphs
mkdir -p "$OUT"
graph() { # name, then the swift run arguments
  local name=$1; shift
  [ -f "$1/Package.swift" ] || { echo "SKIP: no $1"; return 0; }
  local pkg=$1; shift
  swift run --package-path "$pkg" "$@" describe --dot >"$OUT/$name.dot" 2>"$OUT/$name.err" || { cat "$OUT/$name.err"; return 1; }
  dot -Tsvg "$OUT/$name.dot" -o "$OUT/$name.svg"
  if [ "${UPDATE_GRAPHS:-0}" = 1 ]; then
    mkdir -p Docs/images
    cp "$OUT/$name.dot" "Docs/images/$name.dot"
    cp "$OUT/$name.svg" "Docs/images/$name.svg"
    echo "updated Docs/images/$name.dot and .svg"
  elif ! diff -u "Docs/images/$name.dot" "$OUT/$name.dot"; then
    echo "Docs/images/$name.dot is stale: run UPDATE_GRAPHS=1 bash $0"
    return 1
  fi
  echo "$name: $(grep -c -- '->' "$OUT/$name.dot") edges, renders ($(wc -c <"$OUT/$name.svg") bytes of SVG)"
}
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
graph greeter Samples/Greeter "${FLAGS[@]}" greeter
graph shopping-cart Samples/ShoppingCart "${FLAGS[@]}" shop
