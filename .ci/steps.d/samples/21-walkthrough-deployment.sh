#!/usr/bin/env bash
# Walkthrough step 07 (deployment): the checked-in deployment/ is exactly what the greeter's built-in `deploy`
# commands write (each run with --check), and the files pass outside checks: every YAML file loads with PyYAML,
# compose names what module.yaml uses, the event generator's codec self-test passes. Step 06's format-1.0
# module.yaml is also compared, as data, with the walkthrough's own module.yaml.
set -euo pipefail
STEP=Walkthrough/07-deployment
OUT=$STEP/deployment
[ -d "$OUT" ] || { echo "SKIP: no $OUT"; exit 77; }
[ -f Samples/Greeter/Package.swift ] || { echo "SKIP: no Samples/Greeter"; exit 77; }
# The same folder and flags as the greeter's own step (10-greeter.sh), so this reuses its build.
FLAGS=(-Xswiftc -warnings-as-errors)
swift build --package-path Samples/Greeter --build-tests "${FLAGS[@]}"
GREETER=$(swift build --package-path Samples/Greeter "${FLAGS[@]}" --show-bin-path)/greeter
"$GREETER" deploy dockerfile --out "$OUT" --package-path Samples/Greeter --check
"$GREETER" deploy compose --out "$OUT" --build-context ../../.. \
  --dockerfile Walkthrough/07-deployment/deployment/Dockerfile --egress-topics greetings --check
"$GREETER" deploy kubernetes --out "$OUT/kubernetes" --image greeter:0.1.0 --check
"$GREETER" deploy kubernetes --out "$OUT/flink-operator" --image greeter:0.1.0 --target flink-operator --check
"$GREETER" module-yaml | cmp - "$OUT/module.yaml"

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
python3 "$OUT/generator/event-generator.py" --self-test
[ -n "$PY" ] || exit 0
"$PY" - "$OUT" "${SHARED:-}" <<'PY'
import os, sys, yaml

folder, shared = sys.argv[1], sys.argv[2]
module = list(yaml.safe_load_all(open(os.path.join(folder, "module.yaml"))))
compose = yaml.safe_load(open(os.path.join(folder, "docker-compose.yml")))
services = compose["services"]
# Compose merges docker-compose.override.yml (the hand-written event generator) into the generated file.
override = yaml.safe_load(open(os.path.join(folder, "docker-compose.override.yml")))
services.update(override["services"])
for sub in ("kubernetes", "flink-operator"):
    for name in sorted(os.listdir(os.path.join(folder, sub))):
        list(yaml.safe_load_all(open(os.path.join(folder, sub, name))))
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
