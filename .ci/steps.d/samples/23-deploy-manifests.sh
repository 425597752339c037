#!/usr/bin/env bash
# The Kubernetes manifests of `<app> deploy kubernetes`, both targets, validated offline:
# - every core object (Namespace, ConfigMap, Service, Deployment, HorizontalPodAutoscaler) against the Kubernetes
#   OpenAPI schemas of PyPI `kubernetes-validate` (pinned below) in strict mode (unknown fields are errors), for the
#   three newest Kubernetes minor versions it ships schemas for: 1.35, 1.36 and 1.37;
# - each FlinkDeployment against the spec schema of the Flink Kubernetes operator's CRD (release-1.15.0, checked in
#   as Tests/StateFunTests/Fixtures/deploy/flinkdeployment-v1beta1.schema.json, made strict the same way), its pod
#   template as a core/v1 Pod;
# - references inside the files: selectors match pod labels, probes and Services name declared ports, volumes name
#   ConfigMaps and keys that exist, the HPA scales a Deployment that exists, the module ConfigMap holds exactly
#   `greeter module-yaml`.
# Manifests: the golden files of the SDK's tests, the walkthrough's, and the greeter's with other options. A
# deliberately broken copy of each kind must fail, so the checks themselves are checked.
set -euo pipefail
[ -f Samples/Greeter/Package.swift ] || { echo "SKIP: no Samples/Greeter"; exit 77; }
KV_VERSION=1.37.0
K8S_VERSIONS="1.35.0 1.36.0 1.37.0"
venv=${XDG_CACHE_HOME:-$HOME/.cache}/swift-statefun-ci/kubernetes-validate-$KV_VERSION
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import kubernetes_validate' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet "kubernetes-validate==$KV_VERSION"; then
    echo "SKIP: cannot install kubernetes-validate==$KV_VERSION from PyPI"
    exit 77
  fi
fi

# The same folder and flags as the greeter's own step (10-greeter.sh), so this reuses its build.
FLAGS=(-Xswiftc -warnings-as-errors)
swift build --package-path Samples/Greeter --build-tests "${FLAGS[@]}"
GREETER=$(swift build --package-path Samples/Greeter "${FLAGS[@]}" --show-bin-path)/greeter
WORK=${CI_TMP:-$(mktemp -d)}/deploy-manifests
rm -rf "$WORK" && mkdir -p "$WORK"
"$GREETER" module-yaml > "$WORK/greeter-module.yaml"
# The greeter with options the goldens do not use: no autoscaler, a CPU limit, S3 checkpoints, several workers,
# extra Flink settings, another service account.
"$GREETER" deploy kubernetes --out "$WORK/greeter-statefun" --namespace statefun --image ghcr.io/example/greeter:1.2.3 \
  --max-replicas 0 --cpu-limit 500m --checkpoint-storage s3://state/greeter --workers 3 --task-slots 2 --parallelism 4 \
  --service-account statefun-runtime >/dev/null
printf 's3.endpoint: http://minio.storage:9000\ns3.path-style-access: true\n' > "$WORK/flink-extra.yaml"
"$GREETER" deploy kubernetes --out "$WORK/greeter-operator" --target flink-operator --namespace statefun \
  --image ghcr.io/example/greeter:1.2.3 --checkpoint-storage s3://state/greeter --upgrade-mode stateless \
  --flink-version v2_1 --master-cpu 0.25 --worker-cpu 2 --flink-config "$WORK/flink-extra.yaml" \
  --service-account statefun >/dev/null

FOLDERS=(
  Tests/StateFunTests/Fixtures/deploy/kubernetes-statefun
  Tests/StateFunTests/Fixtures/deploy/kubernetes-flink-operator
  Walkthrough/07-deployment/deployment/kubernetes
  Walkthrough/07-deployment/deployment/flink-operator
  "$WORK/greeter-statefun"
  "$WORK/greeter-operator"
)
"$venv/bin/python" - "$WORK" "$K8S_VERSIONS" "${FOLDERS[@]}" <<'PY'
import copy, json, os, sys
import jsonschema, yaml
import kubernetes_validate.utils as kv

work, versions, folders = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
crd_schema = json.load(open("Tests/StateFunTests/Fixtures/deploy/flinkdeployment-v1beta1.schema.json"))
module_yaml = open(os.path.join(work, "greeter-module.yaml")).read()

def strict(schema):
    """Unknown fields are errors wherever the schema lists the fields (as kubernetes-validate's strict mode)."""
    if isinstance(schema, dict):
        if "properties" in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema

crd_schema = strict(crd_schema)

def problems_of(doc, where):
    """Schema problems of one object, for every Kubernetes version."""
    found = []
    if doc.get("kind") == "FlinkDeployment":
        for error in jsonschema.Draft7Validator(crd_schema).iter_errors(doc):
            found.append("%s: FlinkDeployment CRD: %s at %s" % (where, error.message, "/".join(map(str, error.path))))
        template = doc.get("spec", {}).get("podTemplate")
        if template is not None:
            doc = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pod-template"}, "spec": template.get("spec", {})}
            where += " (podTemplate as a Pod)"
        else:
            return found
    for version in versions:
        try:
            kv.validate(doc, version, strict=True)
        except kv.ValidationError as error:
            found.append("%s: Kubernetes %s: %s at %s" % (where, version, error.message, "/".join(map(str, error.path))))
        except kv.SchemaNotFoundError as error:
            found.append("%s: Kubernetes %s: no schema (%s)" % (where, version, error))
    return found

def references(docs, where):
    """What the schemas cannot see: names that must agree across objects."""
    found = []
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    configmaps = by_kind.get("ConfigMap", {})
    pods = []  # (name, labels, pod spec)
    for name, deployment in by_kind.get("Deployment", {}).items():
        template = deployment["spec"]["template"]
        selector = deployment["spec"]["selector"]["matchLabels"]
        labels = template["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in selector.items()):
            found.append("%s: Deployment %s selects %s, its pods are labelled %s" % (where, name, selector, labels))
        pods.append((name, labels, template["spec"]))
    for name, flink in by_kind.get("FlinkDeployment", {}).items():
        pods.append((name, {}, flink["spec"]["podTemplate"]["spec"]))
        if module_yaml and flink["spec"]["flinkConfiguration"].get("statefun.remote.module-name", "").startswith("file://"):
            path = flink["spec"]["flinkConfiguration"]["statefun.remote.module-name"][len("file://"):]
            mounts = [m["mountPath"] for c in flink["spec"]["podTemplate"]["spec"]["containers"] for m in c.get("volumeMounts", [])]
            if os.path.dirname(path) not in mounts:
                found.append("%s: statefun.remote.module-name %s is not in a mounted folder %s" % (where, path, mounts))
    for name, labels, spec in pods:
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for container in spec["containers"]:
            ports = {p.get("name") for p in container.get("ports", [])}
            for probe in ("livenessProbe", "readinessProbe"):
                target = container.get(probe, {})
                port = (target.get("httpGet") or target.get("tcpSocket") or {}).get("port")
                if isinstance(port, str) and port not in ports:
                    found.append("%s: %s %s names port %s, not declared" % (where, name, probe, port))
            for mount in container.get("volumeMounts", []):
                if mount["name"] not in volumes:
                    found.append("%s: %s mounts unknown volume %s" % (where, name, mount["name"]))
        for volume in volumes.values():
            if "configMap" in volume:
                configmap = configmaps.get(volume["configMap"]["name"])
                if configmap is None:
                    found.append("%s: %s uses ConfigMap %s, not in the folder" % (where, name, volume["configMap"]["name"]))
                    continue
                for item in volume["configMap"].get("items", []):
                    if item["key"] not in configmap["data"]:
                        found.append("%s: ConfigMap %s has no key %s" % (where, configmap["metadata"]["name"], item["key"]))
    for name, service in by_kind.get("Service", {}).items():
        selector = service["spec"]["selector"]
        matching = [p for p in pods if all(p[1].get(k) == v for k, v in selector.items())]
        if not matching:
            found.append("%s: Service %s selects no pods" % (where, name))
        for port in service["spec"]["ports"]:
            target = port.get("targetPort")
            if isinstance(target, str) and not any(target in {q.get("name") for c in p[2]["containers"] for q in c.get("ports", [])} for p in matching):
                found.append("%s: Service %s targets port %s, not declared by its pods" % (where, name, target))
    for name, hpa in by_kind.get("HorizontalPodAutoscaler", {}).items():
        if hpa["spec"]["scaleTargetRef"]["name"] not in by_kind.get("Deployment", {}):
            found.append("%s: HorizontalPodAutoscaler %s scales an unknown Deployment" % (where, name))
    return found

def check(folder):
    docs, found = [], []
    for name in sorted(os.listdir(folder)):
        for index, doc in enumerate(yaml.safe_load_all(open(os.path.join(folder, name)))):
            where = "%s/%s#%d %s/%s" % (folder, name, index, doc.get("kind"), doc.get("metadata", {}).get("name"))
            docs.append(doc)
            found += problems_of(doc, where)
    found += references(docs, folder)
    return docs, found

all_problems, counts = [], {}
greeter_folders = [f for f in folders if "Walkthrough" in f or f.startswith(work)]
for folder in folders:
    docs, found = check(folder)
    all_problems += found
    for doc in docs:
        counts[doc["kind"]] = counts.get(doc["kind"], 0) + 1
    if folder in greeter_folders:
        configmap = [d for d in docs if d["kind"] == "ConfigMap" and "module.yaml" in d.get("data", {})]
        if len(configmap) != 1 or configmap[0]["data"]["module.yaml"] != module_yaml:
            all_problems.append("%s: the module ConfigMap does not hold `greeter module-yaml` byte for byte" % folder)

# The checks must be able to fail: broken copies of each kind of object.
docs, _ = check(folders[0])
operator_docs, _ = check(folders[1])
deployment = next(d for d in docs if d["kind"] == "Deployment")
flink = next(d for d in operator_docs if d["kind"] == "FlinkDeployment")
broken = []
b = copy.deepcopy(deployment); b["spec"]["replicas"] = "two"; broken.append(("replicas as text", [b]))
b = copy.deepcopy(deployment); b["spec"]["template"]["spec"]["containers"][0]["imagePulPolicy"] = "Always"; broken.append(("a misspelt container field", [b]))
b = copy.deepcopy(flink); b["spec"]["flinkVersion"] = "v1_12"; broken.append(("an unknown flinkVersion", [b]))
b = copy.deepcopy(flink); b["spec"]["job"]["jarUri"] = "local:///x.jar"; broken.append(("a misspelt job field", [b]))
b = copy.deepcopy(flink); b["spec"]["podTemplate"]["spec"]["containers"][0]["volumeMount"] = []; broken.append(("a misspelt pod template field", [b]))
b = copy.deepcopy(deployment); b["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] = "other"; broken.append(("a selector matching no pod", [b]))
for label, objects in broken:
    found = [p for o in objects for p in problems_of(o, label)] + references(objects, label)
    if not found:
        all_problems.append("the broken copy with %s passed the checks" % label)
    else:
        print("rejected, as it should be:", found[0][:200])

for problem in all_problems:
    print("problem:", problem)
print("deploy manifests: %d folders, %s; Kubernetes %s and the FlinkDeployment CRD (operator 1.15); %d broken copies rejected; %d problems"
      % (len(folders), ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items())), ", ".join(versions), len(broken), len(all_problems)))
sys.exit(1 if all_problems else 0)
PY
