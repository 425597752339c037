#!/usr/bin/env python3
"""Writes seeded mutations of real requests, for comparing two builds of the handler on bad input.

    python3 Scripts/mutate_requests.py v3|v2 SEED COUNT OUTDIR [SOURCE_DIR ...]

Each OUTDIR/mNNNNN.request.bin is a request from ../shared/oracle/vectors/<protocol> (or the SOURCE_DIRs) with one
to three mutations: a flipped bit, a replaced byte, a cut, a few inserted bytes, or a duplicated span. Replay the
folder with two builds (`statefun-conformance replay --protocol P OUTDIR --out A`, then `--out B`) and compare:
every request must end the same way (answer or error) in both, and answers must be equal under the oracle's rule
(`oracle_v3.py diff A/x.response.bin B/x.response.bin`: JSON payloads compare as data).
"""
import glob
import os
import random
import sys


def mutate(data, rng):
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        if not out:
            return bytearray([rng.randrange(256)])
        i = rng.randrange(len(out))
        kind = rng.randrange(5)
        if kind == 0:
            out[i] ^= 1 << rng.randrange(8)
        elif kind == 1:
            out[i] = rng.randrange(256)
        elif kind == 2:
            del out[i:]
        elif kind == 3:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            end = min(len(out), i + rng.randint(1, 16))
            out[end:end] = out[i:end]
    return out


def main(argv):
    if len(argv) < 5 or argv[1] not in ("v3", "v2"):
        print(__doc__)
        return 2
    protocol, seed, count, out = argv[1], int(argv[2]), int(argv[3]), argv[4]
    here = os.path.dirname(os.path.abspath(__file__))
    sources = argv[5:] or [os.path.join(here, "..", "..", "shared", "oracle", "vectors", protocol)]
    requests = sorted(p for d in sources for p in glob.glob(os.path.join(d, "**", "*.request.bin"), recursive=True))
    if not requests:
        print(f"no *.request.bin under {sources}")
        return 1
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        with open(rng.choice(requests), "rb") as f:
            data = f.read()
        with open(os.path.join(out, f"m{k:05d}.request.bin"), "wb") as f:
            f.write(mutate(data, rng))
    print(f"{count} mutated requests from {len(requests)} sources in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
