#!/usr/bin/env python3
"""Reads `GET /metrics` of a running `statefun-conformance serve` with the Prometheus client's own text parser
(prometheus_client.parser) and checks that its counters move as requests succeed and fail.

    check_metrics.py BASE_URL VECTOR_DIR

BASE_URL is e.g. http://127.0.0.1:8000; VECTOR_DIR holds greeter_reply.request.bin (the oracle's v3 vectors).
Sends: one good batch, one whose state is at Int32.max (the greeter's increment fails: a transient failure),
one whose argument does not decode (a permanent failure), then checks the deltas. Exit 0 on success.
"""
import sys
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

FUNCTION = "example/greeter"


def scrape(base):
    with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode("utf-8")
    if not content_type.startswith("text/plain; version=0.0.4"):
        raise SystemExit(f"unexpected Content-Type {content_type!r}")
    samples = {}
    families = {}
    for family in text_string_to_metric_families(text):
        families[family.name] = family.type
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            samples[key] = sample.value
    return families, samples


def value(samples, name, **labels):
    labels.setdefault("function", FUNCTION)
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def post(base, body):
    request = urllib.request.Request(base + "/statefun", data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    base, vectors = sys.argv[1], sys.argv[2]
    good = open(f"{vectors}/greeter_reply.request.bin", "rb").read()
    # The state `seen` travels as a fixed32 int (field 1, value 1: 0d 01 00 00 00); at Int32.max the
    # greeter's increment overflows, which the handler reports as a (transient) failure.
    seen_one = bytes([0x0D, 0x01, 0x00, 0x00, 0x00])
    if good.count(seen_one) != 1:
        raise SystemExit("greeter_reply.request.bin does not hold seen=1 where expected")
    overflow = good.replace(seen_one, bytes([0x0D, 0xFF, 0xFF, 0xFF, 0x7F]))
    # The argument "ann" (0a 03 61 6e 6e) with a string length past its end: it does not decode (permanent).
    argument = bytes([0x0A, 0x03]) + b"ann"
    if good.count(argument) != 1:
        raise SystemExit("greeter_reply.request.bin does not hold the argument 'ann' where expected")
    undecodable = good.replace(argument, bytes([0x0A, 0x04]) + b"ann")

    families, before = scrape(base)
    for name, kind in [("statefun_http_open_connections", "gauge")]:
        if families.get(name) != kind:
            raise SystemExit(f"{name} missing or not a {kind}: {families.get(name)}")
    statuses = [post(base, good), post(base, good), post(base, overflow), post(base, undecodable)]
    if statuses != [200, 200, 500, 500]:
        raise SystemExit(f"unexpected statuses {statuses} (expected 200, 200, 500, 500)")
    families, after = scrape(base)

    expected_types = {
        "statefun_batches": "counter", "statefun_invocations": "counter", "statefun_invocation_failures": "counter",
        "statefun_messages_sent": "counter", "statefun_egress_records": "counter", "statefun_missing_state": "counter",
        "statefun_batch_size": "histogram", "statefun_batch_duration_seconds": "histogram",
        "statefun_request_bytes": "histogram", "statefun_response_bytes": "histogram",
        "statefun_inflight_batches": "gauge",
    }
    problems = [f"{name}: {families.get(name)} (expected {kind})" for name, kind in expected_types.items()
                if families.get(name) != kind]

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    checks = [
        ("batches succeeded", delta("statefun_batches_total", outcome="success"), 2),
        ("batches failed", delta("statefun_batches_total", outcome="failure"), 2),
        ("transient failures", delta("statefun_invocation_failures_total", kind="transient"), 1),
        ("permanent failures", delta("statefun_invocation_failures_total", kind="permanent"), 1),
        ("replies sent", delta("statefun_messages_sent_total"), 2),
        ("egress records", delta("statefun_egress_records_total", egress="example/greets"), 2),
        ("batch durations observed", delta("statefun_batch_duration_seconds_count"), 4),
        ("batch sizes observed", delta("statefun_batch_size_count"), 4),
        ("request sizes under +Inf", delta("statefun_request_bytes_bucket", le="+Inf"), 4),
        ("batches in flight", value(after, "statefun_inflight_batches"), 0),
    ]
    for label, got, want in checks:
        status = "ok" if got == want else "WRONG"
        print(f"{status}: {label}: {got:g} (expected {want})")
        if got != want:
            problems.append(label)
    open_connections = after.get(("statefun_http_open_connections", ()), -1)
    print(f"open connections now: {open_connections:g}")
    if open_connections < 1:
        problems.append("statefun_http_open_connections counts no connection while one scrapes")
    if problems:
        raise SystemExit("metrics check failed: " + "; ".join(problems))
    print(f"/metrics parsed by prometheus_client: {len(families)} families, counters moved as expected")


if __name__ == "__main__":
    main()
