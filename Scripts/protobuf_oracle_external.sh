#!/usr/bin/env bash
# The protobuf oracle (Scripts/protobuf_oracle.sh) on .proto files written elsewhere, for issue 14's "the same check
# passes on .proto files that are not in this repository":
#
#   bash Scripts/protobuf_oracle_external.sh flink            # apache/flink-statefun's protos (9 files)
#   bash Scripts/protobuf_oracle_external.sh swift-protobuf   # swift-protobuf's unittest protos this compiler reads
#   bash Scripts/protobuf_oracle_external.sh flink --count 50 # anything after the set goes to the oracle
#
# Each repository is fetched at a pinned commit (shallow, from github.com: this needs the network, which is why CI
# does not run it) into $EXTERNAL_PROTOS (default .build-protobuf-oracle/external). Figures of the last runs are in
# Docs/Protobuf.md ("Files from other repositories").
#
# swift-protobuf's Protos/Tests/SwiftProtobufTests holds 44 files; the 21 below are those without groups,
# extensions (`extend`, MessageSet), editions or imports of descriptor.proto/api.proto, which statefun-protoc rejects
# by name.
# Its four generated_swift_names_*.proto files (thousands of types named like Swift keywords and library members)
# make a driver that takes about 12 minutes to compile on 2 cores; `swift-protobuf-small` leaves them out.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=${EXTERNAL_PROTOS:-$REPO/.build-protobuf-oracle/external}
FLINK_COMMIT=accd75ea0109845c4b4c0ddd74021147af1439d4
SWIFT_PROTOBUF_COMMIT=0830058db7443806c702eee61d0e568e43971bce
set_name=${1:-}
[ -n "$set_name" ] && shift

fetch() { # fetch NAME URL COMMIT
  local dir=$DEST/$1
  if [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" != "$3" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    git -C "$dir" init -q
    git -C "$dir" fetch -q --depth 1 "$2" "$3"
    git -C "$dir" checkout -q FETCH_HEAD
  fi
  echo "$dir"
}

names_files=(generated_swift_names_enum_cases generated_swift_names_enums generated_swift_names_fields
  generated_swift_names_messages)
small_files=(any_test map_proto2_unittest test_messages_proto3 unittest_import unittest_import_public
  unittest_preserve_unknown_enum unittest_preserve_unknown_enum2 unittest_proto3_optional
  unittest_swift_cycle unittest_swift_enum_optional_default unittest_swift_enum_proto2 unittest_swift_enum_proto3
  unittest_swift_json unittest_swift_naming_number_prefix unittest_swift_oneof_merging
  unittest_swift_oneof_switch_split unittest_swift_runtime_proto3)

case "$set_name" in
flink)
  dir=$(fetch flink-statefun https://github.com/apache/flink-statefun "$FLINK_COMMIT")
  sdk=$dir/statefun-sdk-protos/src/main/protobuf
  core=$dir/statefun-flink/statefun-flink-core/src
  io=$dir/statefun-flink/statefun-flink-io/src/main/protobuf
  e2e=$dir/statefun-e2e-tests
  exec bash "$REPO/Scripts/protobuf_oracle.sh" --count 200 --mutations 50 --seed 14 --work "$DEST/work-flink" \
    -I "$sdk" -I "$core/main/protobuf" -I "$core/test/protobuf" -I "$io" \
    -I "$e2e/statefun-smoke-e2e-common/src/main/protobuf" -I "$e2e/statefun-smoke-e2e-driver/src/main/protobuf" \
    "$sdk/types/types.proto" "$sdk/io/kafka-egress.proto" "$sdk/io/kinesis-egress.proto" \
    "$sdk/sdk/request-reply.proto" "$core/main/protobuf/stateful-functions.proto" "$core/test/protobuf/test.proto" \
    "$io/routable.proto" "$e2e/statefun-smoke-e2e-common/src/main/protobuf/commands.proto" \
    "$e2e/statefun-smoke-e2e-driver/src/main/protobuf/internal.proto" "$@"
  ;;
swift-protobuf | swift-protobuf-small)
  dir=$(fetch swift-protobuf https://github.com/apple/swift-protobuf "$SWIFT_PROTOBUF_COMMIT")
  protos=$dir/Protos/Tests/SwiftProtobufTests
  files=("${small_files[@]}")
  [ "$set_name" = swift-protobuf ] && files+=("${names_files[@]}")
  files=("${files[@]/%/.proto}")
  exec bash "$REPO/Scripts/protobuf_oracle.sh" --count 100 --mutations 30 --seed 14 --work "$DEST/work-$set_name" \
    -I "$protos" "${files[@]/#/$protos/}" "$@"
  ;;
*)
  echo "usage: bash Scripts/protobuf_oracle_external.sh flink|swift-protobuf|swift-protobuf-small [oracle options]" >&2
  exit 2
  ;;
esac
