#!/usr/bin/env python3
"""Soak: the server under mixed good and bad traffic for a while; what it answered and what it held.

Runs wrk -c CONNS (good requests) for SECONDS while BAD_WORKERS threads send malformed or abusive
requests in a loop (each kind in turn on a fresh connection), samples the server's RSS and open
descriptors every 0.5 s, and prints one JSON line: wrk's requests and errors, the bad requests by kind
with the statuses they got, RSS and fds at start, peak and end (end = after the load stopped).

  soak.py --port P --body FILE --lua FILE [--conns 1024] [--seconds 60] -- SERVER COMMAND...
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

BAD = {
    "bad_version": b"GET / HTTP/1.10\r\nHost: x\r\n\r\n",
    "bad_host": b"GET / HTTP/1.1\r\nHost: a b/c@d\r\n\r\n",
    "bad_chunk_ext": b"POST /statefun HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;a b\r\nabc\r\n0\r\n\r\n",
    "garbage": b"\x00\x01\x02GARBAGE\r\n\r\n",
    "header_flood": b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: " + b"a" * 40000 + b"\r\n\r\n",
    "too_large": b"POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n",
    "bad_protobuf": b"POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n\xff\xff\xff\xff\xff",
    "truncated_then_close": b"POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort",
    "no_length": b"POST /statefun HTTP/1.1\r\nHost: x\r\n\r\n",
}


def proc_sample(pid):
    rss = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def bad_worker(port, stop, counts, lock):
    kinds = list(BAD)
    index = 0
    while not stop.is_set():
        kind = kinds[index % len(kinds)]
        index += 1
        outcome = "no answer"
        try:
            conn = socket.create_connection(("127.0.0.1", port), timeout=5)
            conn.sendall(BAD[kind])
            if kind == "truncated_then_close":
                conn.shutdown(socket.SHUT_WR)
            data = conn.recv(256)
            outcome = data[9:12].decode() if data.startswith(b"HTTP/1.1 ") else ("closed" if not data else "other")
            conn.close()
        except OSError as error:
            outcome = type(error).__name__
        with lock:
            counts.setdefault(kind, {})
            counts[kind][outcome] = counts[kind].get(outcome, 0) + 1


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--lua", required=True)
    parser.add_argument("--conns", type=int, default=1024)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--bad-workers", type=int, default=4)
    args = parser.parse_args(argv[:split])
    server = subprocess.Popen(argv[split + 1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", args.port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    start = proc_sample(server.pid)
    peak = list(start)
    wrk = subprocess.Popen(
        ["wrk", "-t2", f"-c{args.conns}", f"-d{args.seconds}s", "-s", args.lua, f"http://127.0.0.1:{args.port}/statefun"],
        env=dict(os.environ, BODY=args.body), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop = threading.Event()
    counts = {}
    lock = threading.Lock()
    workers = [threading.Thread(target=bad_worker, args=(args.port, stop, counts, lock)) for _ in range(args.bad_workers)]
    for worker in workers:
        worker.start()
    while wrk.poll() is None:
        rss, fds = proc_sample(server.pid)
        peak = [max(peak[0], rss), max(peak[1], fds)]
        time.sleep(0.5)
    stop.set()
    for worker in workers:
        worker.join()
    time.sleep(1)  # lingering closes end
    end = proc_sample(server.pid)
    summary = {}
    for line in wrk.stdout.read().splitlines():
        if line.startswith("{"):
            summary = json.loads(line)
    server.send_signal(signal.SIGTERM)
    status = server.wait(timeout=30)
    print(json.dumps({
        "seconds": args.seconds, "conns": args.conns, "good": summary, "bad": counts,
        "rss_kb": {"start": start[0], "peak": peak[0], "end": end[0]},
        "fds": {"start": start[1], "peak": peak[1], "end": end[1]}, "exit_status": status,
    }))


if __name__ == "__main__":
    main()
