#!/usr/bin/env bash
# The checked-in list of the public API: one sorted, human-readable line per public declaration of each library
# product (API/<Module>.txt), so that every change of the public surface shows in review.
#
#   bash Scripts/public_api.sh --update   writes API/*.txt from the current sources
#   bash Scripts/public_api.sh --check    regenerates into a temporary folder and fails, naming the changed
#                                         declarations, when they differ from API/*.txt (CI runs this)
#
# Options: --scratch-path PATH (the build folder to build in and read modules from; default .build), and after `--`
# the flags of that folder's build, so that an existing build is reused instead of redone (CI passes its debug build:
# `--scratch-path .build-ci-werror -- --build-tests -Xswiftc -warnings-as-errors`; the default is `--build-tests`,
# the build `swift test` does).
#
# How: the modules are built, then `swift symbolgraph-extract` (toolchain only) writes each module's symbol graph
# at public access level without synthesized members; Scripts/public_api.py turns it into lines
# `<kind> <path>: <declaration>` (plus `[deprecated]` where the declaration is deprecated), sorted by path.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
MODULES=(StateFun StateFunTesting StateFunWire)
MODE=
SCRATCH=$REPO/.build
BUILD_FLAGS=()
while [ $# -gt 0 ]; do
  case $1 in
  --update | --check) MODE=$1 ;;
  --scratch-path) SCRATCH=$(cd "$2" 2>/dev/null && pwd || echo "$2"); shift ;;
  --) shift; BUILD_FLAGS=("$@"); break ;;
  *) echo "usage: $0 --update|--check [--scratch-path PATH] [-- BUILD FLAGS...]" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$MODE" ] || { echo "usage: $0 --update|--check [--scratch-path PATH] [-- BUILD FLAGS...]" >&2; exit 2; }
[ ${#BUILD_FLAGS[@]} -gt 0 ] || BUILD_FLAGS=(--build-tests)

swift build --scratch-path "$SCRATCH" "${BUILD_FLAGS[@]}" >/dev/null
BIN=$(swift build --scratch-path "$SCRATCH" "${BUILD_FLAGS[@]}" --show-bin-path)
TRIPLE=$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')

WORK=$(mktemp -d -t statefun-api.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK/API
mkdir -p "$OUT"
for module in "${MODULES[@]}"; do
  mkdir -p "$WORK/graphs/$module"
  MODULE_MAPS=()
  for map in "$BIN"/*.build/module.modulemap; do MODULE_MAPS+=(-Xcc "-fmodule-map-file=$map"); done
  swift symbolgraph-extract -module-name "$module" -target "$TRIPLE" -I "$BIN/Modules" "${MODULE_MAPS[@]}" \
    -minimum-access-level public -skip-synthesized-members -output-dir "$WORK/graphs/$module"
  python3 "$REPO/Scripts/public_api.py" "$WORK/graphs/$module" >"$OUT/$module.txt"
done

if [ "$MODE" = --update ]; then
  mkdir -p "$REPO/API"
  for module in "${MODULES[@]}"; do cp "$OUT/$module.txt" "$REPO/API/$module.txt"; done
  echo "public API lists written: $(printf 'API/%s.txt ' "${MODULES[@]}")"
  exit 0
fi

changed=0
for module in "${MODULES[@]}"; do
  if ! diff -u "$REPO/API/$module.txt" "$OUT/$module.txt" >"$WORK/$module.diff" 2>&1; then
    changed=1
    echo "public API of $module differs from API/$module.txt:"
    grep -E '^[-+][^-+]' "$WORK/$module.diff" | sed -e 's/^-/  removed: /' -e 's/^+/  added:   /' || cat "$WORK/$module.diff"
  fi
done
if [ "$changed" = 1 ]; then
  echo
  echo "If the change is deliberate, run 'bash Scripts/public_api.sh --update', commit API/*.txt and say in the"
  echo "commit message why the public API changed."
  exit 1
fi
echo "public API unchanged: $(printf 'API/%s.txt ' "${MODULES[@]}")"
