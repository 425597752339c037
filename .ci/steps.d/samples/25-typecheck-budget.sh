#!/usr/bin/env bash
# Type-checking budget of the DSL (Docs/ModuleYAML.md, "Type-checking cost"): the samples' app code and the typed
# function references fixture are type-checked against the SDK modules of the debug build with
# -warn-long-expression-type-checking=200 and warnings as errors, so one expression over 200 ms fails the step.
# Type-checking only (no code generation): a few seconds per package.
set -euo pipefail
BUILD=${TYPECHECK_BUILD:-$REPO/.build-ci-werror}/debug
[ -f "$BUILD/Modules/StateFun.swiftmodule" ] || { echo "SKIP: no $BUILD/Modules/StateFun.swiftmodule (step 'build debug' first)"; exit 77; }
WORK=$(mktemp -d "${CI_TMP:-/tmp}/typecheck-budget.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

FLAGS=(-typecheck -swift-version 6 -warnings-as-errors -Xfrontend -warn-long-expression-type-checking=200
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
  -I "$BUILD/Modules" -Xcc "-fmodule-map-file=$BUILD/CStateFunSystem.build/module.modulemap")

check() { # NAME swiftc-arguments...
  local name=$1; shift
  local start=$SECONDS
  swiftc "${FLAGS[@]}" "$@"
  echo "type-checked $name within budget ($((SECONDS - start)) s)"
}

check "typed references fixture" Tests/StateFunTests/Fixtures/typecheck/TypedReferences.swift

# A sample's library target, with its messages generated from its .proto files by the SDK's compiler, as the build
# plugin generates them.
check_target() { # MODULE SOURCE_DIR
  local module=$1 dir=$2 out="$WORK/$1"
  mkdir -p "$out"
  mapfile -t protos < <(find "$dir" -name '*.proto' | sort)
  if [ ${#protos[@]} -gt 0 ]; then
    "$BUILD/statefun-protoc" --swift_out="$out" --swift_opt=Visibility=Public -I "$dir" "${protos[@]}"
  fi
  mapfile -t sources < <(find "$dir" "$out" -name '*.swift' | sort)
  check "$dir" -parse-as-library -module-name "$module" "${sources[@]}"
}

check_target ShoppingCart Samples/ShoppingCart/Sources/ShoppingCart
check_target GreeterApp Samples/Greeter/Sources/GreeterApp
