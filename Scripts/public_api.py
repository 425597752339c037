#!/usr/bin/env python3
"""Prints a module's public API, one sorted line per declaration, from the symbol graphs in a folder.

Used by Scripts/public_api.sh. Each line is `<kind> <path>: <declaration>`, where the path names the declaration
inside the module (`Context.send(_:to:)`) and the declaration is the one-line signature the compiler prints. Symbols
from the module's extensions of other modules' types (the `<Module>@<Other>.symbols.json` files) are listed too.
Markers: `[deprecated]` for deprecated declarations, `[undocumented]` for public declarations without a doc comment.
"""
import glob
import json
import os
import sys

KINDS = {
    "swift.class": "class", "swift.struct": "struct", "swift.enum": "enum", "swift.protocol": "protocol",
    "swift.typealias": "typealias", "swift.associatedtype": "associatedtype", "swift.enum.case": "case",
    "swift.init": "init", "swift.deinit": "deinit", "swift.method": "func", "swift.type.method": "static func",
    "swift.func": "func", "swift.func.op": "operator", "swift.property": "var", "swift.type.property": "static var",
    "swift.var": "var", "swift.subscript": "subscript", "swift.type.subscript": "static subscript",
    "swift.macro": "macro",
}


def declaration(symbol):
    text = "".join(fragment["spelling"] for fragment in symbol.get("declarationFragments", []))
    return " ".join(text.split())


def deprecated(symbol):
    for item in symbol.get("availability", []):
        if item.get("isUnconditionallyDeprecated") or "deprecated" in item:
            return True
    return False


def main(folder):
    lines = set()
    for path in sorted(glob.glob(os.path.join(folder, "*.symbols.json"))):
        graph = json.load(open(path))
        extended = os.path.basename(path).split("@")[1].split(".")[0] if "@" in os.path.basename(path) else None
        for symbol in graph["symbols"]:
            kind = KINDS.get(symbol["kind"]["identifier"], symbol["kind"]["identifier"])
            name = ".".join(symbol["pathComponents"])
            if extended:
                name = extended + "." + name
            markers = ""
            if deprecated(symbol):
                markers += " [deprecated]"
            if "docComment" not in symbol:
                markers += " [undocumented]"
            lines.add((name, f"{kind} {name}: {declaration(symbol)}{markers}"))
    for _, line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
