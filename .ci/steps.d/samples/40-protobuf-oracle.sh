#!/usr/bin/env bash
# statefun-protoc against protobuf itself (Scripts/protobuf_oracle.sh, Docs/Protobuf.md "The oracle"): the fixtures
# under Tests/ProtobufOracle/protos, 1000 random messages and 200 mutated inputs per message type, seed fixed. The
# script makes its own venv (grpcio-tools, protobuf from PyPI); the driver builds in the samples' build folder (same
# SDK, same flags). Skips (77) while the package has no statefun-protoc product.
#
# GATE: statefun-protoc does not pass the oracle yet (generated code using package-only WireWriter API, Any without
# JSON, closed-enum unknown values, required fields checked before merging, wrong wire types rejected; see
# Docs/Protobuf.md "The oracle"), so this step SKIPS unless STATEFUN_CI_PROTOBUF_ORACLE=1. Remove the gate (set
# the default below to 1) in the commit that makes the oracle pass.
set -euo pipefail
if [ "${STATEFUN_CI_PROTOBUF_ORACLE:-0}" != 1 ]; then
  echo "SKIP: statefun-protoc does not pass the protobuf oracle yet; STATEFUN_CI_PROTOBUF_ORACLE=1 runs it anyway"
  exit 77
fi
export PROTOBUF_ORACLE_VENV=${CI_TMP:-/tmp}/protobuf-oracle-venv
bash Scripts/protobuf_oracle.sh --count 1000 --mutations 200 --seed 14 \
  --scratch "${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}" --work "${CI_TMP:-/tmp}/protobuf-oracle"
