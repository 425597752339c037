#!/usr/bin/env python3
"""Cross-check the Swift YAML writer against real YAML parsers.

    YAML_ROUNDTRIP_DIR=/tmp/yamlrt swift test --filter YAMLWriterTests
    python3 Scripts/check_yaml_roundtrip.py /tmp/yamlrt

The tests write NAME.yaml (the writer's output) and NAME.json (a JSON list, one value per document). This script
loads every NAME.yaml with PyYAML's SafeLoader (YAML 1.1, the parser SnakeYAML, and so Jackson's YAML module, was
ported from) and, when installed, with ruamel.yaml in its YAML 1.2 safe mode, and requires the documents to equal
the JSON values exactly: same types (a bool is not an int, "3.0" is not a float), same strings, same key order.

Needs PyYAML (`pip install pyyaml`); ruamel.yaml is optional. Exit status 0 when everything matches, 1 on any
mismatch, 2 on usage errors or when PyYAML is missing. Prints one line per file and a final "N passed, N failed".
"""
import json
import pathlib
import sys


def normalize(value):
    """JSON-like value with ordered mappings as lists of pairs and explicit type tags."""
    if isinstance(value, dict):
        return ("map", [(normalize(k), normalize(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [normalize(v) for v in value])
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", int(value))
    if value is None:
        return ("null", None)
    if isinstance(value, str):
        return ("str", str(value))
    return (type(value).__name__, repr(value))


def expected_docs(path):
    def pairs(items):  # keep order and duplicates out of the picture: JSON from the tests has unique keys
        return dict(items)
    return [normalize(d) for d in json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)]


def first_difference(a, b, where="$"):
    if a == b:
        return None
    if a[0] != b[0]:
        return f"{where}: {a[0]} {a[1]!r:.80} vs {b[0]} {b[1]!r:.80}"
    if a[0] == "seq":
        if len(a[1]) != len(b[1]):
            return f"{where}: sequence of {len(a[1])} vs {len(b[1])}"
        for i, (x, y) in enumerate(zip(a[1], b[1])):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
    if a[0] == "map":
        if len(a[1]) != len(b[1]):
            return f"{where}: mapping of {len(a[1])} vs {len(b[1])} entries"
        for i, ((ka, va), (kb, vb)) in enumerate(zip(a[1], b[1])):
            d = first_difference(ka, kb, f"{where}.key#{i}") or first_difference(va, vb, f"{where}.{ka[1]!r:.40}")
            if d:
                return d
    return f"{where}: {a!r:.120} vs {b!r:.120}"


def main(argv):
    if len(argv) != 2 or not pathlib.Path(argv[1]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import yaml
    except ImportError:
        print("PyYAML is not installed (pip install pyyaml)", file=sys.stderr)
        return 2
    loaders = [("pyyaml", lambda text: list(yaml.load_all(text, Loader=yaml.SafeLoader)))]
    try:
        from ruamel.yaml import YAML

        def ruamel_load(text):
            r = YAML(typ="safe", pure=True)
            r.version = (1, 2)
            return list(r.load_all(text))

        loaders.append(("ruamel-1.2", ruamel_load))
    except ImportError:
        pass

    passed = failed = 0
    files = sorted(pathlib.Path(argv[1]).glob("*.yaml"))
    if not files:
        print(f"no *.yaml files in {argv[1]}", file=sys.stderr)
        return 1
    for yaml_path in files:
        json_path = yaml_path.with_suffix(".json")
        want = expected_docs(json_path)
        raw = yaml_path.read_bytes()
        for name, load in loaders:
            try:
                got = [normalize(d) for d in load(raw.decode("utf-8"))]
                problem = None if got == want else (
                    f"{len(got)} documents vs {len(want)}" if len(got) != len(want)
                    else next(d for d in (first_difference(g, w) for g, w in zip(got, want)) if d))
            except Exception as e:  # a parse error is a failure of the writer
                problem = f"{type(e).__name__}: {e}"
            if problem:
                failed += 1
                print(f"FAIL {yaml_path.name} [{name}]: {problem}")
            else:
                passed += 1
                print(f"ok   {yaml_path.name} [{name}]")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
