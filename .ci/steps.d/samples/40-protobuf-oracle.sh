#!/usr/bin/env bash
# statefun-protoc against protobuf itself (Scripts/protobuf_oracle.sh, Docs/Protobuf.md "The oracle"): the fixtures
# under Tests/ProtobufOracle/protos, 1000 random messages and 200 mutated inputs per message type, seed fixed. The
# script makes its own venv (grpcio-tools, protobuf from PyPI); the driver builds in the samples' build folder (same
# SDK, same flags). Skips (77) while the package has no statefun-protoc product.
# JSON is checked for every type, google.protobuf.Any included (the driver passes a registry of the generated
# types, as json_format finds them in its descriptor pool).
set -euo pipefail
export PROTOBUF_ORACLE_VENV=${CI_TMP:-/tmp}/protobuf-oracle-venv
bash Scripts/protobuf_oracle.sh --count 1000 --mutations 200 --seed 14 \
  --scratch "${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}" --work "${CI_TMP:-/tmp}/protobuf-oracle"
