#!/usr/bin/env python3
"""RSS under many slow large uploads: HTTPLimits.maxBufferedBodyBytes bounds body memory.

Starts SERVER COMMAND (a StateFun server listening on 127.0.0.1:PORT, e.g.
`statefun-conformance serve --port P --max-buffered-body-bytes N`), opens N connections, each
announcing a BODY-MiB body with Content-Length, and then uploads the bodies slowly (CHUNK bytes
per connection per round, a round every 50 ms), stopping one byte short of the end, so that
every body the server accepts stays buffered and charged until the connections close: the
worst case for the budget. A connection either keeps uploading (its body fits the budget) or is
answered 503 (it does not). Samples the server's VmRSS every round and reads its VmHWM (peak)
at the end. Prints one JSON line: connections opened, 503s, other answers, bodies held, bytes
held by the server (sent by the client on the uploading connections), idle and peak RSS, the
peak above idle, and the budget given with --budget-mib (for the record; the script does not
pass it to the server).

  body_budget_rss.py --port P [--connections 4096] [--body-mib 32] [--chunk BYTES]
      [--seconds S] [--budget-mib B] -- SERVER COMMAND...

Raises its open-file limit to the hard limit first (the server inherits it): N client sockets
and N server sockets.
"""
import argparse
import json
import resource
import selectors
import signal
import socket
import subprocess
import time


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    import sys

    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("usage: body_budget_rss.py --port P [options] -- SERVER COMMAND...")
    split = argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=4096)
    parser.add_argument("--body-mib", type=int, default=32)
    parser.add_argument("--chunk", type=int, default=256 * 1024)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--budget-mib", type=float, default=None)
    args = parser.parse_args(argv[:split])

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 2 * args.connections + 256
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard == resource.RLIM_INFINITY else min(hard, max(want, soft)), hard))

    server = subprocess.Popen(argv[split + 1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", args.port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit(f"the server exited with status {server.returncode} before listening")
                time.sleep(0.05)
        else:
            sys.exit("the server did not listen within 30 s")
        time.sleep(0.2)
        idle_rss = status_kb(server.pid, "VmRSS")
        length = args.body_mib << 20
        target = length - 1  # one byte short: an accepted body stays buffered and charged
        head = (f"POST /statefun HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                f"Content-Length: {length}\r\n\r\n").encode()
        chunk = b"\x00" * args.chunk
        selector = selectors.DefaultSelector()
        sent = {}
        opened = 0
        connect_errors = 0
        for _ in range(args.connections):
            try:
                conn = socket.create_connection(("127.0.0.1", args.port), timeout=5)
                conn.sendall(head)
            except OSError:
                connect_errors += 1
                continue
            opened += 1
            conn.setblocking(False)
            sent[conn] = 0
            selector.register(conn, selectors.EVENT_READ)
        refused = 0
        other = 0
        closed_without_answer = 0
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
                else:
                    closed_without_answer += 1
                selector.unregister(conn)
                conn.close()
                sent.pop(conn, None)
            uploading = [conn for conn in sent if sent[conn] < target]
            if not uploading and sent:
                # Every body still open is held one byte short of its end: sample and stop.
                peak = max(peak, status_kb(server.pid, "VmRSS"))
                break
            for conn in uploading:
                try:
                    sent[conn] += conn.send(chunk[: min(args.chunk, target - sent[conn])])
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    selector.unregister(conn)
                    conn.close()
                    sent.pop(conn)
            peak = max(peak, status_kb(server.pid, "VmRSS"))
            time.sleep(0.05)
        time.sleep(0.5)  # the last bytes sent reach the server's buffers
        peak = max(peak, status_kb(server.pid, "VmRSS"))
        hwm = status_kb(server.pid, "VmHWM")
        held = len(sent)
        held_bytes = sum(sent.values())
        for conn in list(sent):
            conn.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            status = server.wait()
    result = {
        "connections": args.connections, "opened": opened, "connect_errors": connect_errors,
        "body_mib": args.body_mib, "refused_503": refused, "other_answers": other,
        "closed_without_answer": closed_without_answer, "bodies_held": held,
        "held_mib": round(held_bytes / (1 << 20), 1), "idle_rss_mib": round(idle_rss / 1024, 1),
        "peak_rss_mib": round(max(peak, hwm) / 1024, 1),
        "peak_above_idle_mib": round((max(peak, hwm) - idle_rss) / 1024, 1), "exit_status": status,
    }
    if args.budget_mib is not None:
        result["budget_mib"] = args.budget_mib
    print(json.dumps(result))


if __name__ == "__main__":
    main()
