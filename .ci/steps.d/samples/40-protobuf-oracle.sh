#!/usr/bin/env bash
# statefun-protoc against protobuf itself (Scripts/protobuf_oracle.sh, Docs/Protobuf.md "The oracle"): the fixtures
# under Tests/ProtobufOracle/protos, 1000 random messages and 200 mutated inputs per message type, seed fixed. The
# script makes its own venv (grpcio-tools, protobuf from PyPI); the driver builds in the samples' build folder (same
# SDK, same flags). Skips (77) while the package has no statefun-protoc product.
#
# One known gap is excluded, by name: google.protobuf.Any has no JSON form yet (generated code throws: there is no
# registry of message types to resolve its "@type"), so the JSON checks of the types that reach Any are skipped
# (--no-json-for; the run prints how many). Their binary encoding and every other check still run. Remove the
# flag in the commit that gives Any its JSON form.
set -euo pipefail
export PROTOBUF_ORACLE_VENV=${CI_TMP:-/tmp}/protobuf-oracle-venv
bash Scripts/protobuf_oracle.sh --count 1000 --mutations 200 --seed 14 --no-json-for google.protobuf.Any \
  --scratch "${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}" --work "${CI_TMP:-/tmp}/protobuf-oracle"
