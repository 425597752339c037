#!/usr/bin/env bash
# The protobuf oracle: checks the Swift code statefun-protoc generates against protobuf itself (official protoc from
# grpcio-tools, Python's protobuf runtime). Makes its own venv, then runs Scripts/protobuf_oracle.py:
#
#   bash Scripts/protobuf_oracle.sh                                  # the fixtures, Tests/ProtobufOracle/protos
#   bash Scripts/protobuf_oracle.sh -I DIR DIR/a.proto DIR/b.proto   # any other files
#   bash Scripts/protobuf_oracle.sh --count 200 --seed 7             # fewer cases, another seed
#   bash Scripts/protobuf_oracle.sh --self-test                      # judge protobuf's Python runtime instead
#
# Exit 0: every case passed; 1: some failed; 77: the package has no statefun-protoc yet (nothing checked).
# Knobs: PROTOBUF_ORACLE_VENV (default .build-protobuf-oracle/venv), PYTHON (default python3).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${PROTOBUF_ORACLE_VENV:-$REPO/.build-protobuf-oracle/venv}
# Versions the oracle was written against; protoc comes with grpcio-tools.
PINS=(grpcio-tools==1.85.1 protobuf==7.36.2)
# Skip before making the venv when there is nothing to check (the Python script checks again with --package-path).
if ! grep -q '"statefun-protoc"' "$REPO/Package.swift" &&
  [[ " $* " != *" --self-test "* && " $* " != *" --generate-only "* && " $* " != *" --statefun-protoc"* &&
    " $* " != *" --package-path"* ]]; then
  echo "SKIP: $REPO/Package.swift has no statefun-protoc product yet; nothing was checked"
  exit 77
fi
if ! "$VENV/bin/python" -c 'import grpc_tools.protoc, google.protobuf' 2>/dev/null; then
  echo "protobuf oracle: making a venv at $VENV (${PINS[*]})"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}"
fi
exec "$VENV/bin/python" "$REPO/Scripts/protobuf_oracle.py" "$@"
