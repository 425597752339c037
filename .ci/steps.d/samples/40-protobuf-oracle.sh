#!/usr/bin/env bash
# statefun-protoc against protobuf itself (Scripts/protobuf_oracle.sh, Docs/Protobuf.md "The oracle"): the fixtures
# under Tests/ProtobufOracle/protos, 1000 random messages and 200 mutated inputs per message type, seed fixed.
# The script makes its own venv (grpcio-tools, protobuf from PyPI). Skips (77) while the package has no
# statefun-protoc product.
set -euo pipefail
export PROTOBUF_ORACLE_VENV=${CI_TMP:-/tmp}/protobuf-oracle-venv
bash Scripts/protobuf_oracle.sh --count 1000 --mutations 200 --seed 14
