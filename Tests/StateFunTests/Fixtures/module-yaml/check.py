#!/usr/bin/env python3
"""Checks module.yaml files the Swift SDK generates with PyYAML (YAML 1.1, SnakeYAML's lineage).

  check.py [DIR]              every DIR/*.yaml (default: this folder) loads, has the shape the runtime's loaders
                              expect, every duration is `<digits><ms|s|min|h|d>`, and no scalar was read as a type
                              other than the one meant (a YAML 1.1 reader turns plain `yes`, `1.0`, `2020-01-01`
                              into bools, floats and dates; the writer must have quoted them)
  check.py --same-data A B    A and B hold the same data (key order and comments aside)

Exit status 0 when everything holds, 1 otherwise, 77 when PyYAML is missing (CI reads that as "skipped").
"""
import pathlib
import re
import sys

try:
    import yaml
except ImportError:
    print("PyYAML is not installed; skipping", file=sys.stderr)
    sys.exit(77)

DURATION = re.compile(r"^[0-9]+(ms|s|min|h|d)$")
DURATION_KEYS = {
    "call", "connect", "read", "write", "pool_ttl", "timeout", "connectTimeout", "readTimeout", "writeTimeout",
    "expireAfter", "transactionTimeout",
}
# The maintained fork's routable Kafka ingress reads forwardHeaders as a JSON boolean (ingress level and per topic).
BOOLEAN_KEYS = {"forwardHeaders"}
INTEGER_KEYS = {
    "maxNumBatchRequests", "pool_size", "payload_max_bytes", "maxOutstandingRecords", "transactionTimeoutMillis",
}


def check_leaves(node, path, problems, parent_key=None, in_offsets=False):
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                problems.append(f"{path}: key {key!r} is a {type(key).__name__}, not a string")
            check_leaves(value, f"{path}.{key}", problems, key, in_offsets or key == "offsets")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            check_leaves(item, f"{path}[{index}]", problems, parent_key, in_offsets)
    elif parent_key in BOOLEAN_KEYS:
        if not isinstance(node, bool):
            problems.append(f"{path}: expected a boolean, got {node!r}")
    elif parent_key in INTEGER_KEYS or in_offsets:
        if not isinstance(node, int) or isinstance(node, bool):
            problems.append(f"{path}: expected an integer, got {node!r}")
    elif not isinstance(node, str):
        problems.append(f"{path}: expected a string, got {type(node).__name__} {node!r}")
    elif parent_key in DURATION_KEYS and not DURATION.match(node):
        problems.append(f"{path}: duration {node!r} is not <digits><ms|s|min|h|d>")


def check_file(path):
    problems = []
    documents = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    if len(documents) == 1 and isinstance(documents[0], dict) and "version" in documents[0]:
        root = documents[0]
        if root["version"] not in ("3.0", "2.0", "1.0"):
            problems.append(f"version {root['version']!r} is not the string 3.0, 2.0 or 1.0")
        if root.get("module", {}).get("meta", {}).get("type") != "remote":
            problems.append("module.meta.type is not remote")
        spec = root["module"].get("spec") or {}
        sections = ("endpoints", "ingresses", "egresses") if root["version"] == "3.0" else ("functions", "ingresses", "egresses")
        for key in spec:
            if key not in sections:
                problems.append(f"module.spec has an unexpected section {key!r}")
    else:
        for index, document in enumerate(documents):
            if not isinstance(document, dict) or sorted(document) != ["kind", "spec"]:
                problems.append(f"document {index} is not a mapping of kind and spec")
            elif "/" not in document["kind"]:
                problems.append(f"document {index}: kind {document['kind']!r} is not a typename")
    for index, document in enumerate(documents):
        check_leaves(document, f"doc{index}", problems)
    return problems


def main(argv):
    if len(argv) == 4 and argv[1] == "--same-data":
        a, b = (list(yaml.safe_load_all(pathlib.Path(p).read_text(encoding="utf-8"))) for p in argv[2:])
        a = [d for d in a if d is not None]
        b = [d for d in b if d is not None]
        if a != b:
            print(f"{argv[2]} and {argv[3]} hold different data:\n{a}\n{b}", file=sys.stderr)
            return 1
        print(f"same data: {argv[2]} {argv[3]}")
        return 0
    folder = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).parent
    failed = 0
    files = sorted(folder.glob("*.yaml"))
    for path in files:
        problems = check_file(path)
        for problem in problems:
            print(f"{path.name}: {problem}", file=sys.stderr)
        failed += bool(problems)
    print(f"{len(files) - failed} of {len(files)} module.yaml files pass")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
