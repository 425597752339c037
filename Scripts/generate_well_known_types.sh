#!/usr/bin/env bash
# Regenerates Sources/StateFun/WellKnownTypes/*.pb.swift from the .proto texts built into statefun-protoc
# (Sources/StateFunProtobufCompiler/WellKnownProtos.swift). The output is committed; a test checks it is current.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product statefun-protoc >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
files=(any timestamp duration empty wrappers struct field_mask)
args=()
for f in "${files[@]}"; do args+=("google/protobuf/$f.proto"); done
# The files are built in: an empty include root finds them.
(cd "$out" && "$OLDPWD/.build/debug/statefun-protoc" --swift_out=gen --swift_opt=Visibility=Public,StateFunRuntime=true "${args[@]}")
mkdir -p Sources/StateFun/WellKnownTypes
for f in "${files[@]}"; do cp "$out/gen/google/protobuf/$f.pb.swift" "Sources/StateFun/WellKnownTypes/$f.pb.swift"; done
echo "regenerated Sources/StateFun/WellKnownTypes"
