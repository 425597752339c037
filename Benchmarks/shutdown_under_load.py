#!/usr/bin/env python3
"""SIGTERM under load: does the server answer every request sent before the signal?

Starts a server command (it must listen on --port), loads it, sends SIGTERM in the middle
and reports one JSON line. Two drivers:

  keepalive  N asyncio clients on keep-alive connections, each sending one request at a
             time and timestamping it when the write completed. After the signal, a request
             whose write completed before the signal and which got no answer is *lost*; the
             lost count must be 0. Requests written after the signal may be refused or see
             end-of-file: that is how the server says "closing" and is counted apart.
  wrk        wrk -c N with the oracle's post_body.lua; wrk cannot timestamp requests, so its
             read errors (a connection that ended without the answer to a request written
             on it) are reported as they are.

For both: the server's exit status and the time from the signal to its exit.

  shutdown_under_load.py keepalive|wrk --port P --body FILE [--clients N] [--before S]
                         [--grace S] -- SERVER COMMAND...
"""
import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time


def wait_listening(port, proc, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited early with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("server did not listen in time")


def stop_and_time(proc, grace):
    """SIGTERM; returns (exit status, seconds to exit)."""
    t_signal = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        status = proc.wait(timeout=grace + 20)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
    return t_signal, status, time.monotonic() - t_signal


async def keepalive_load(args, body):
    request = (
        f"POST /statefun HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    records = []  # (write completed at, outcome): "ok", "ok-close" or an error kind
    stopping = asyncio.Event()

    async def one_client():
        reader = writer = None
        while True:
            if reader is None:
                if stopping.is_set():
                    return  # no new connections once the signal went out
                try:
                    reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
                except OSError:
                    await asyncio.sleep(0.01)
                    continue
            try:
                writer.write(request)
                await writer.drain()
            except OSError:
                writer.close()
                reader = None
                continue  # not written: not a request sent
            sent = time.monotonic()
            try:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                close = False
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    name = name.strip().lower()
                    if name == b"content-length":
                        length = int(value)
                    elif name == b"connection" and b"close" in value.lower():
                        close = True
                await reader.readexactly(length)
                if not head.startswith(b"HTTP/1.1 200"):
                    records.append((sent, "status " + head[9:12].decode()))
                else:
                    records.append((sent, "ok-close" if close else "ok"))
                if close:
                    writer.close()
                    reader = None
            except asyncio.IncompleteReadError:
                records.append((sent, "eof"))
                writer.close()
                reader = None
            except ConnectionResetError:
                records.append((sent, "reset"))
                writer.close()
                reader = None
            except OSError as error:
                records.append((sent, type(error).__name__))
                writer.close()
                reader = None
            if stopping.is_set() and reader is None:
                return

    clients = [asyncio.create_task(one_client()) for _ in range(args.clients)]
    await asyncio.sleep(args.before)
    stopping.set()
    loop = asyncio.get_running_loop()
    t_signal, status, exit_seconds = await loop.run_in_executor(None, stop_and_time, args.proc, args.grace)
    try:
        await asyncio.wait_for(asyncio.gather(*clients, return_exceptions=True), timeout=args.grace + 10)
    except asyncio.TimeoutError:
        pass
    before = [outcome for sent, outcome in records if sent < t_signal]
    after = [outcome for sent, outcome in records if sent >= t_signal]
    lost = [o for o in before if not o.startswith("ok")]
    kinds = {}
    for outcome in lost:
        kinds[outcome] = kinds.get(outcome, 0) + 1
    after_kinds = {}
    for outcome in after:
        after_kinds[outcome] = after_kinds.get(outcome, 0) + 1
    return {
        "driver": "keepalive", "clients": args.clients, "sent_before_signal": len(before),
        "answered_before_signal": len(before) - len(lost), "lost_before_signal": len(lost),
        "lost_kinds": kinds, "sent_after_signal": len(after), "after_signal": after_kinds,
        "exit_status": status, "exit_seconds": round(exit_seconds, 3),
    }


def wrk_load(args):
    lua = args.lua
    env = dict(os.environ, BODY=args.body)
    duration = int(args.before + args.grace + 3)
    wrk = subprocess.Popen(
        ["wrk", "-t2", f"-c{args.clients}", f"-d{duration}s", "-s", lua, f"http://127.0.0.1:{args.port}/statefun"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(args.before)
    _, status, exit_seconds = stop_and_time(args.proc, args.grace)
    output, _ = wrk.communicate()
    summary = {}
    for line in output.splitlines():
        if line.startswith("{"):
            summary = json.loads(line)
    return {
        "driver": "wrk", "connections": args.clients, "requests": summary.get("requests"),
        "read_errors": summary.get("read_err"), "write_errors": summary.get("write_err"),
        "timeouts": summary.get("timeouts"), "non2xx": summary.get("non2xx"),
        "connect_errors_after_close": summary.get("connect_err"),
        "exit_status": status, "exit_seconds": round(exit_seconds, 3),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("driver", choices=["keepalive", "wrk"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--lua", default="")
    parser.add_argument("--clients", type=int, default=256)
    parser.add_argument("--before", type=float, default=3.0, help="seconds of load before SIGTERM")
    parser.add_argument("--grace", type=float, default=10.0, help="the server's shutdown grace period")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    if not command:
        sys.exit("no server command after --")
    with open(args.body, "rb") as handle:
        body = handle.read()
    args.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(args.port, args.proc)
    if args.driver == "keepalive":
        result = asyncio.run(keepalive_load(args, body))
    else:
        result = wrk_load(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
