#!/usr/bin/env python3
"""RSS under many slow large uploads: HTTPLimits.maxBufferedBodyBytes bounds body memory.

Opens N connections to `statefun-conformance serve`, each announcing a 32 MiB body
(Content-Length) and then sending it slowly (CHUNK bytes per connection per round), and
samples the server's VmRSS/VmHWM while they stream. Each connection either keeps
uploading (its body fits the budget) or is answered 503 (it does not). Prints one JSON
line: connections, how many were refused with 503, peak RSS, and the budget.

  body_budget_rss.py --port P --connections 4096 --seconds 20 -- SERVER COMMAND...
"""
import argparse
import json
import selectors
import signal
import socket
import subprocess
import sys
import time


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=4096)
    parser.add_argument("--body-mib", type=int, default=32)
    parser.add_argument("--chunk", type=int, default=64 * 1024)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args(argv[:split])
    server = subprocess.Popen(argv[split + 1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", args.port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    idle_rss = rss_kb(server.pid, "VmRSS")
    length = args.body_mib << 20
    head = (f"POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    chunk = b"\x00" * args.chunk
    selector = selectors.DefaultSelector()
    sent = {}
    for _ in range(args.connections):
        try:
            conn = socket.create_connection(("127.0.0.1", args.port))
        except OSError:
            break
        conn.sendall(head)
        conn.setblocking(False)
        sent[conn] = 0
        selector.register(conn, selectors.EVENT_READ)
    refused = 0
    other = 0
    peak = idle_rss
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline and sent:
        for key, _ in selector.select(timeout=0):
            conn = key.fileobj
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/1.1 503"):
                refused += 1
            elif data:
                other += 1
            selector.unregister(conn)
            conn.close()
            sent.pop(conn, None)
        for conn in list(sent):
            if sent[conn] < length:
                try:
                    sent[conn] += conn.send(chunk[: min(args.chunk, length - sent[conn])])
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    selector.unregister(conn)
                    conn.close()
                    sent.pop(conn)
        peak = max(peak, rss_kb(server.pid, "VmRSS"))
        time.sleep(0.05)
    hwm = rss_kb(server.pid, "VmHWM")
    still_uploading = len(sent)
    for conn in list(sent):
        conn.close()
    server.send_signal(signal.SIGTERM)
    status = server.wait(timeout=30)
    print(json.dumps({
        "connections": args.connections, "body_mib": args.body_mib, "refused_503": refused,
        "other_answers": other, "still_uploading": still_uploading, "idle_rss_kb": idle_rss,
        "peak_rss_kb": peak, "vmhwm_kb": hwm, "exit_status": status,
    }))


if __name__ == "__main__":
    main()
