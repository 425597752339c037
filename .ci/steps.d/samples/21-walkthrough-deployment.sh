#!/usr/bin/env bash
# Walkthrough step 07 (deployment): builds against the Greeter sample's GreeterApp library, passes its tests (the
# checked-in deployment/ is what the generator writes), and the generated files pass outside checks: both YAML
# files load with PyYAML, compose names what module.yaml uses, the event generator's codec self-test passes.
# Step 06's format-1.0 module.yaml is also compared, as data, with the walkthrough's own module.yaml.
set -euo pipefail
STEP=Walkthrough/07-deployment
[ -d "$STEP" ] || { echo "SKIP: no $STEP"; exit 77; }
if ! grep -q '\.library(name: "GreeterApp"' Samples/Greeter/Package.swift 2>/dev/null; then
  echo "SKIP: $STEP depends on the GreeterApp library of Samples/Greeter, which Samples/Greeter/Package.swift does not export"
  exit 77
fi
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
# One build folder for several root packages: re-plan on every call, or SwiftPM may reuse the previous
# package's cached build plan.
FLAGS=(--scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
swift build --package-path "$STEP" --build-tests "${FLAGS[@]}"
LOG=${CI_TMP:-$(mktemp -d)}/walkthrough-07-test.log
swift test --package-path "$STEP" --skip-build "${FLAGS[@]}" 2>&1 | tee "$LOG" | grep -E '✘|Test run with'
grep -Eq 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' "$LOG"
swift run --package-path "$STEP" "${FLAGS[@]}" greeter-deployment generate-deployment --output "$STEP/deployment" --check

PY=python3
if ! "$PY" -c 'import yaml' 2>/dev/null; then
  venv=${XDG_CACHE_HOME:-$HOME/.cache}/swift-statefun-ci/yaml-venv
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
    PY=$venv/bin/python
  else
    echo "PyYAML not available: YAML checks skipped"
    PY=
  fi
fi
python3 "$STEP/deployment/generator/event-generator.py" --self-test
[ -n "$PY" ] || exit 0
"$PY" - "$STEP/deployment" "${SHARED:-}" <<'PY'
import os, sys, yaml

folder, shared = sys.argv[1], sys.argv[2]
module = list(yaml.safe_load_all(open(os.path.join(folder, "module.yaml"))))
compose = yaml.safe_load(open(os.path.join(folder, "docker-compose.yml")))
services = compose["services"]
problems = []

kinds = [doc["kind"] for doc in module]
if kinds != ["io.statefun.endpoints.v2/http", "io.statefun.kafka.v1/ingress", "io.statefun.kafka.v1/egress"]:
    problems.append("module.yaml kinds: %r" % kinds)
url = module[0]["spec"]["urlPathTemplate"]
host, port = url.split("//")[1].split("/")[0].split(":")
if host not in services or port not in [str(p) for p in services[host].get("expose", [])]:
    problems.append("endpoint %s: no service %s exposing %s" % (url, host, port))
for doc in module[1:]:
    broker, broker_port = doc["spec"]["address"].split(":")
    if broker not in services:
        problems.append("Kafka address %s: no such service" % doc["spec"]["address"])
for name in ("statefun-master", "statefun-worker"):
    service = services.get(name, {})
    if not service.get("image", "").startswith("apache/flink-statefun:3."):
        problems.append("%s: image %r" % (name, service.get("image")))
    if "./module.yaml:/opt/statefun/modules/greeter/module.yaml:ro" not in service.get("volumes", []):
        problems.append("%s: module.yaml not mounted" % name)
for name, service in services.items():
    depends = service.get("depends_on", [])
    for dependency in (depends if isinstance(depends, list) else depends.keys()):
        if dependency not in services:
            problems.append("%s depends on unknown %s" % (name, dependency))

reference = os.path.join(shared, "reference", "walkthrough-module.yaml") if shared else ""
if reference and os.path.exists(reference):
    ours = yaml.safe_load(open("Walkthrough/06-configuring-for-the-runtime/module-1.0.yaml"))
    if ours != yaml.safe_load(open(reference)):
        problems.append("step 06 module-1.0.yaml differs from %s" % reference)
    else:
        print("step 06 module-1.0.yaml equals the walkthrough's module.yaml as data")

for problem in problems:
    print("problem:", problem)
print("deployment YAML: %d services, %d module components, %d problems" % (len(services), len(module), len(problems)))
sys.exit(1 if problems else 0)
PY
