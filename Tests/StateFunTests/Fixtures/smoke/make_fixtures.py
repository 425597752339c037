#!/usr/bin/env python3
"""Writes the smoke-E2E protobuf fixtures: one NAME.bin per message shape, plus fixtures.json.

    python3 make_fixtures.py [--out DIR]        (DIR defaults to this script's folder)

The bytes come from the official protobuf runtime, not from our code: the script compiles commands.proto (a
verbatim copy of the upstream wire contract, see README.md) with grpcio-tools' bundled protoc and serializes with
the `protobuf` package. Run with any python3 >= 3.8: it creates a throwaway venv and re-runs itself there with
exactly these PyPI versions:

    protobuf==4.25.8  grpcio-tools==1.62.3  grpcio==1.62.3

(venv: $SMOKE_FIXTURES_VENV, default /tmp/statefun-smoke-fixtures-venv; delete it freely).

fixtures.json maps NAME -> {"message", "json", "hex", "file", "note"}:
  message  the message type within package org.apache.flink.statefun.e2e.smoke: SourceCommand, Commands, Command,
           VerificationResult
  json     proto3 JSON of the message: json_format.MessageToDict(preserving_proto_field_name=True). So fields at
           their default (0, "", false, empty repeated) are omitted, int64 values are JSON strings, and a set
           submessage appears even when empty ({"increment": {}}, {"commands": {}}).
  hex      the serialized bytes (lower-case hex, "" for an empty message); NAME.bin holds the same bytes
A Swift test can rebuild each message from "json", encode it, and compare with "hex"/NAME.bin, and decode NAME.bin
and compare with "json". Serialization is deterministic (fields in field-number order, no unknown fields).
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

PINS = ["protobuf==4.25.8", "grpcio-tools==1.62.3", "grpcio==1.62.3"]
HERE = pathlib.Path(__file__).resolve().parent
PROTO = HERE / "commands.proto"
PACKAGE = "org.apache.flink.statefun.e2e.smoke"
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def ensure_venv():
    """Re-exec inside the pinned venv unless we are already there."""
    if os.environ.get("_SMOKE_FIXTURES_IN_VENV") == "1":
        return
    venv = pathlib.Path(os.environ.get("SMOKE_FIXTURES_VENV", "/tmp/statefun-smoke-fixtures-venv"))
    py = venv / "bin" / "python"
    stamp = venv / "pins.txt"
    if not py.exists() or not stamp.exists() or stamp.read_text() != "\n".join(PINS):
        print(f"creating {venv} with {' '.join(PINS)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS], check=True)
        stamp.write_text("\n".join(PINS))
    env = dict(os.environ, _SMOKE_FIXTURES_IN_VENV="1")
    os.execve(str(py), [str(py), str(pathlib.Path(__file__).resolve()), *sys.argv[1:]], env)


def compile_proto(workdir):
    from grpc_tools import protoc

    rc = protoc.main(["protoc", f"-I{HERE}", f"--python_out={workdir}", str(PROTO)])
    if rc != 0:
        raise SystemExit(f"protoc failed with {rc}")
    sys.path.insert(0, str(workdir))
    import commands_pb2  # noqa: E402  (generated just above)

    return commands_pb2


def build(pb):
    """NAME -> (message, note), in a stable order."""
    Command, Commands, SourceCommand = pb.Command, pb.Commands, pb.SourceCommand
    VerificationResult = pb.VerificationResult
    out = {}

    def add(name, message, note):
        assert name not in out, name
        out[name] = (message, note)
        return message

    def cmds(*commands):
        return Commands(command=list(commands))

    def increment():
        c = Command()
        c.increment.SetInParent()
        return c

    def send_egress():
        c = Command()
        c.send_egress.SetInParent()
        return c

    def send(target=0, commands=None):
        c = Command()
        c.send.SetInParent()
        c.send.target = target
        if commands is not None:
            c.send.commands.CopyFrom(commands)
        return c

    def send_after(target=0, commands=None, token=""):
        c = Command()
        c.send_after.SetInParent()
        c.send_after.target = target
        c.send_after.cancellation_token = token
        if commands is not None:
            c.send_after.commands.CopyFrom(commands)
        return c

    def async_op(failure=False, resolved=None):
        c = Command()
        c.async_operation.SetInParent()
        c.async_operation.failure = failure
        if resolved is not None:
            c.async_operation.resolved_commands.CopyFrom(resolved)
        return c

    def verify(expected=0):
        c = Command()
        c.verify.SetInParent()
        c.verify.expected = expected
        return c

    def cancel(target=0, token=""):
        c = Command()
        c.cancel_send_after.SetInParent()
        c.cancel_send_after.target = target
        c.cancel_send_after.cancellation_token = token
        return c

    unicode_token = "t\u00f6k-\U0001F389-\u05e9\u05dc\u05d5\u05dd-\u65e5\u672c"  # tök-🎉-שלום-日本

    # --- Command: every oneof case alone, and the edge values of each field ---
    add("command_increment", increment(), "oneof increment=1, empty message")
    add("command_send_egress", send_egress(), "oneof send_egress=4, empty message")
    add("command_send_default", send(), "send with target 0 and no commands: an empty Send, still set")
    add("command_send_empty_commands", send(0, cmds()), "send with commands present but empty")
    add("command_send_target_1", send(1, cmds(increment())), "send to target 1 with one increment")
    add("command_send_target_negative", send(-1, cmds(increment())), "negative int32: 10-byte varint")
    add("command_send_target_int32_min", send(INT32_MIN), "int32 min")
    add("command_send_target_int32_max", send(INT32_MAX), "int32 max")
    add("command_send_target_large", send(1_000_000, cmds(send_egress())), "3-byte varint target")
    add("command_send_after_default", send_after(), "send_after with all defaults")
    add("command_send_after_ascii_token", send_after(4, cmds(increment()), "cancel-4-ascii"), "ascii token")
    add("command_send_after_unicode_token", send_after(5, cmds(increment()), unicode_token), "unicode token")
    add("command_send_after_empty_token", send_after(6, cmds(increment(), increment()), ""), "empty token")
    add("command_send_after_target_negative", send_after(-7, None, "neg"), "negative target, no commands")
    add("command_send_after_target_int32_max", send_after(INT32_MAX, cmds(), "max"), "int32 max, empty commands")
    add("command_async_default", async_op(), "async_operation with all defaults")
    add("command_async_failure_true", async_op(True, cmds(increment(), verify(1))), "failure with resolved commands")
    add("command_async_failure_false", async_op(False, cmds(send_egress())), "success with resolved commands")
    add("command_async_failure_only", async_op(True), "failure, no resolved commands")
    add("command_async_empty_resolved", async_op(False, cmds()), "resolved_commands present but empty")
    add("command_verify_zero", verify(0), "expected 0: an empty Verify, still set")
    add("command_verify_one", verify(1), "expected 1")
    add("command_verify_minus_one", verify(-1), "int64 -1: 10-byte varint")
    add("command_verify_int64_max", verify(INT64_MAX), "int64 max")
    add("command_verify_int64_min", verify(INT64_MIN), "int64 min")
    add("command_cancel_default", cancel(), "cancel_send_after with all defaults")
    add("command_cancel_ascii", cancel(3, "cancel-3"), "ascii token")
    add("command_cancel_unicode", cancel(9, unicode_token), "unicode token")
    add("command_cancel_empty_token", cancel(2, ""), "empty token")
    add("command_cancel_target_negative", cancel(-2147483648, "min"), "int32 min target")

    # --- Commands ---
    add("commands_empty", cmds(), "no commands: zero bytes")
    add("commands_one_of_each",
        cmds(increment(), send(1, cmds(increment())), send_after(2, cmds(increment()), "tok"), send_egress(),
             async_op(False, cmds(increment())), verify(3), cancel(2, "tok")),
        "every oneof case, in field-number order")
    add("commands_reverse_order",
        cmds(cancel(1, "x"), verify(-3), async_op(True), send_egress(), send_after(1), send(1), increment()),
        "every oneof case, in reverse order: order must be kept")
    add("commands_repeated_increment", cmds(increment(), increment(), increment()), "the same case three times")

    deep = cmds(verify(5))
    for level in range(6):
        wrap = (send, send_after, async_op)[level % 3]
        if wrap is send:
            deep = cmds(increment(), send(level, deep))
        elif wrap is send_after:
            deep = cmds(send_after(-level, deep, f"level-{level}"))
        else:
            deep = cmds(async_op(level % 2 == 0, deep), send_egress())
    add("commands_nested_deep", deep, "six levels: send > send_after > async_operation > ..., verify at the bottom")

    # --- SourceCommand ---
    add("source_empty", SourceCommand(), "all defaults: zero bytes")
    add("source_target_only", SourceCommand(target=42), "no commands")
    add("source_empty_commands", SourceCommand(target=0, commands=cmds()), "commands present but empty")
    add("source_negative_target", SourceCommand(target=-1, commands=cmds(increment())), "negative target")
    add("source_int32_max_target", SourceCommand(target=INT32_MAX, commands=cmds(verify(INT64_MAX))), "maxima")
    every = [m for n, (m, _) in out.items() if n.startswith("command_")]
    add("source_all_commands", SourceCommand(target=17, commands=cmds(*every)),
        "every command_* fixture above, in order, in one SourceCommand")
    add("source_nested_deep", SourceCommand(target=3, commands=deep), "the commands_nested_deep tree")

    # --- VerificationResult ---
    add("verification_zero", VerificationResult(), "all zero: zero bytes")
    add("verification_typical", VerificationResult(id=3, expected=10, actual=10), "a passing check")
    add("verification_mismatch", VerificationResult(id=7, expected=10, actual=9), "a failing check")
    add("verification_negative", VerificationResult(id=-1, expected=-5, actual=-9), "negative values")
    add("verification_max", VerificationResult(id=INT32_MAX, expected=INT64_MAX, actual=INT64_MAX), "maxima")
    add("verification_min", VerificationResult(id=INT32_MIN, expected=INT64_MIN, actual=INT64_MIN), "minima")
    add("verification_actual_only", VerificationResult(actual=1), "only field 3 set")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE), help="output folder (default: next to this script)")
    args = parser.parse_args()
    ensure_venv()

    import google.protobuf
    from google.protobuf import json_format

    out_dir = pathlib.Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        pb = compile_proto(work)
        fixtures = build(pb)
        index = {
            "proto": "commands.proto",
            "package": PACKAGE,
            "generator": f"make_fixtures.py, protobuf {google.protobuf.__version__}, " + " ".join(PINS),
            "fixtures": {},
        }
        for old in out_dir.glob("*.bin"):
            if old.stem not in fixtures:
                old.unlink()
        for name, (message, note) in fixtures.items():
            data = message.SerializeToString(deterministic=True)
            parsed = type(message).FromString(data)  # sanity: the bytes parse back to the same message
            assert parsed == message, name
            (out_dir / f"{name}.bin").write_bytes(data)
            index["fixtures"][name] = {
                "message": message.DESCRIPTOR.name,
                "json": json_format.MessageToDict(message, preserving_proto_field_name=True),
                "hex": data.hex(),
                "file": f"{name}.bin",
                "note": note,
            }
        (out_dir / "fixtures.json").write_text(json.dumps(index, indent=1, ensure_ascii=True) + "\n")
    print(f"wrote {len(fixtures)} fixtures and fixtures.json to {out_dir}")


if __name__ == "__main__":
    main()
