#!/usr/bin/env python3
"""Differential vectors: the official Python SDK answers requests that are NOT among the public vectors.

  $PY3 Scripts/oracle_differential.py v3 OUTDIR [--seed N] [--count N]
  $PY2 Scripts/oracle_differential.py v2 OUTDIR [--seed N] [--count N]

Builds requests for the oracle's functions (../shared/oracle/oracle_v3.py, oracle_v2.py) with other names,
batch sizes, unicode, empty and missing values, other state combinations and callers, runs each through the
official SDK's handler, and writes OUTDIR/NAME.request.bin plus either OUTDIR/NAME.response.bin or, when the SDK
raises (HTTP 500: the whole batch fails), OUTDIR/NAME.error. `statefun-conformance replay` then checks the Swift
SDK against them: byte-identical responses (JSON payloads equal as JSON), and a failure wherever the SDK failed.
Run with the oracle venv's Python (setup.sh prints PY3/PY2); ORACLE_DIR points at ../shared/oracle.
"""
import argparse
import asyncio
import json
import os
import random
import sys

ORACLE_DIR = os.environ.get("ORACLE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "oracle")
sys.path.insert(0, os.path.abspath(ORACLE_DIR))

NAMES = ["ann", "", "Jörg", "名前", "emoji 🎉", "a" * 200, "with space", "quote\"s", "x/y", "\u0000nul"]


def v3_cases(rng, count):
    import oracle_v3 as o
    from statefun import BoolType, DoubleType, FloatType, IntType, LongType, StringType
    from statefun.request_reply_pb2 import TypedValue
    typed, request = o.typed, o.request
    cases = {}

    def caller(i):
        return rng.choice([None, None, "example/caller/c%d" % i, "example/other-fn/%d" % i, "example/caller/",
                           "//c1", "ns.with.dots/fn/id"])

    def arg():
        r = rng.random()
        if r < 0.7:
            return typed(StringType, rng.choice(NAMES))
        if r < 0.8:
            return TypedValue(typename=StringType.typename)  # has_value = false: the SDK reads None
        if r < 0.9:
            return typed(IntType, rng.randint(-5, 5))
        return TypedValue()  # no argument fields at all

    def seen_state():
        return rng.choice([
            {"seen": typed(IntType)}, {"seen": typed(IntType, rng.choice([0, 1, 41, 2**31 - 2, -7]))}, {},
            {"seen": typed(IntType, 3), "unrelated": typed(StringType, "x")},
            {"seen": TypedValue(typename="io.statefun.types/long", has_value=False)},
            {"seen": typed(LongType, 5)},  # another type: the SDK raises
            {"seen": typed(IntType, 2**31 - 1)},  # +1 overflows: the SDK raises
        ])

    for i in range(count):
        fn = rng.choice(["greeter", "async-greeter"])
        batch = [(caller(j), arg()) for j in range(rng.choice([0, 1, 1, 2, 3, 5, 10, 17]))]
        target = "example/%s/%s" % (fn, rng.choice(["ann", "bob", "Jörg", "id with space", ""]))
        cases["diff_greeter_%03d" % i] = request(target, seen_state(), batch)

    profiles = [None, {"id": "u1", "events": []}, {"id": "u1", "events": ["a"], "extra": {"k": [1, 2.5, None]}},
                {}, [], {"id": "x"}, {"events": "not-a-list"}, "string", 0]
    for i in range(max(4, count // 3)):
        states = {}
        if rng.random() < 0.9:
            states["visits"] = rng.choice([typed(LongType), typed(LongType, rng.choice([0, 1, 2**40, -3]))])
        if rng.random() < 0.9:
            p = rng.choice(profiles)
            states["profile"] = typed(o.PROFILE) if p is None else typed(o.PROFILE, p)
        if rng.random() < 0.9:
            states["scratch"] = rng.choice([typed(StringType), typed(StringType, "x"), typed(StringType, "")])
        batch = [(caller(j), rng.choice([typed(BoolType, True), typed(DoubleType, -2.0), typed(FloatType, 0.5),
                                         typed(StringType, "s"), TypedValue()]))
                 for j in range(rng.choice([1, 2, 4]))]
        target = "example/features/%s" % rng.choice(["u1", "ü2", "id-3"])
        cases["diff_features_%03d" % i] = request(target, states, batch)
    cases["diff_unknown_function"] = request("example/nobody/1", {}, [(None, typed(StringType, "x"))])
    return cases, lambda req: o.handler.handle_sync(req)


def v2_cases(rng, count):
    import oracle_v2 as o
    from google.protobuf.wrappers_pb2 import BoolValue, DoubleValue, Int32Value, Int64Value, StringValue
    request = o.request
    cases = {}
    for i in range(count):
        states = rng.choice([{"seen": None}, {"seen": Int32Value(value=rng.choice([0, 1, 99]))},
                             {"seen": Int32Value(value=4), "other": StringValue(value="x")}, {}])
        batch = [(rng.choice([None, "example/caller/c%d" % j, "example/caller/"]),
                  rng.choice([StringValue(value=rng.choice(NAMES)), StringValue(value="")]))
                 for j in range(rng.choice([1, 2, 3, 10]))]
        cases["diff_greeter_%03d" % i] = request("example/greeter/%s" % rng.choice(["ann", "Jörg"]), states, batch)
    for i in range(max(3, count // 3)):
        states = rng.choice([{"visits": None, "scratch": None}, {"visits": Int64Value(value=7), "scratch": None},
                             {"scratch": StringValue(value="x"), "visits": Int64Value(value=2**40)},
                             {"visits": None}])
        batch = [(None, rng.choice([BoolValue(value=True), DoubleValue(value=1.5), StringValue(value="s")]))
                 for _ in range(rng.choice([1, 2]))]
        cases["diff_features_%03d" % i] = request("example/features/%s" % rng.choice(["u1", "v9"]), states, batch)
    return cases, lambda req: o.sync_handler(req)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("protocol", choices=["v3", "v2"])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cases, handle = (v3_cases if args.protocol == "v3" else v2_cases)(rng, args.count)
    os.makedirs(args.outdir, exist_ok=True)
    failures = 0
    for name, req in cases.items():
        with open(os.path.join(args.outdir, name + ".request.bin"), "wb") as f:
            f.write(req)
        try:
            resp = handle(req)
        except Exception as e:  # the SDK raised: HTTP 500, the batch fails as a whole
            failures += 1
            with open(os.path.join(args.outdir, name + ".error"), "w") as f:
                f.write("%s: %s\n" % (type(e).__name__, str(e).replace("\n", " ")))
            continue
        with open(os.path.join(args.outdir, name + ".response.bin"), "wb") as f:
            f.write(resp)
    print("%d cases (%d where the SDK fails the batch) in %s" % (len(cases), failures, args.outdir))


if __name__ == "__main__":
    main()
