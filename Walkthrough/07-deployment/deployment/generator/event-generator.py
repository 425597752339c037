"""Publishes GreetRequests for random names to the `names` topic and prints the
greetings that arrive on `greetings`.

Part of the walkthrough's deployment (Walkthrough/07-deployment). Environment: KAFKA_BROKER
(default kafka-broker:9092), INTERVAL_SECONDS (default 1). `--self-test` checks the
message codecs and exits.
"""
import os
import random
import sys
import threading
import time

BROKER = os.environ.get("KAFKA_BROKER", "kafka-broker:9092")
REQUESTS_TOPIC = "names"
GREETINGS_TOPIC = "greetings"
NAMES = ["Jerry", "George", "Elaine", "Kramer", "Newman", "Frank"]


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def encode_greet_request(name):
    """example.GreetRequest { string name = 1; }"""
    data = name.encode("utf-8")
    return b"\x0a" + varint(len(data)) + data if data else b""


def read_varint(data, index):
    shift = result = 0
    while True:
        if index >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[index]
        index += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, index
        shift += 7


def decode_greet_response(data):
    """example.GreetResponse { string name = 1; string greeting = 2; }, unknown fields skipped."""
    fields = {1: "", 2: ""}
    index = 0
    while index < len(data):
        key, index = read_varint(data, index)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            _, index = read_varint(data, index)
        elif wire_type == 1:
            index += 8
        elif wire_type == 5:
            index += 4
        elif wire_type == 2:
            length, index = read_varint(data, index)
            if index + length > len(data):
                raise ValueError("truncated field")
            if number in fields:
                fields[number] = data[index:index + length].decode("utf-8")
            index += length
        else:
            raise ValueError("unsupported wire type %d" % wire_type)
    return fields[1], fields[2]


def produce():
    from kafka import KafkaProducer

    interval = float(os.environ.get("INTERVAL_SECONDS", "1"))
    producer = KafkaProducer(bootstrap_servers=[BROKER])
    while True:
        name = random.choice(NAMES)
        producer.send(REQUESTS_TOPIC, key=name.encode("utf-8"), value=encode_greet_request(name))
        producer.flush()
        time.sleep(interval)


def consume():
    from kafka import KafkaConsumer

    # The egress is exactly-once: records become visible when Flink's checkpoint commits them.
    consumer = KafkaConsumer(
        GREETINGS_TOPIC,
        bootstrap_servers=[BROKER],
        auto_offset_reset="earliest",
        group_id="event-generator",
        isolation_level="read_committed",
    )
    for record in consumer:
        name, greeting = decode_greet_response(record.value)
        print("%s:\t%s" % (name, greeting), flush=True)


def forever(work):
    from kafka.errors import NoBrokersAvailable

    while True:
        try:
            work()
        except NoBrokersAvailable:
            time.sleep(2)


def self_test():
    checks = [
        (encode_greet_request("Jerry"), bytes.fromhex("0a054a65727279")),
        (decode_greet_response(bytes.fromhex("0a02416c12024869")), ("Al", "Hi")),
        (decode_greet_response(bytes.fromhex("10070a02416c")), ("Al", "")),
    ]
    for got, expected in checks:
        if got != expected:
            sys.exit("self-test failed: %r != %r" % (got, expected))
    print("self-test ok")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    threads = [threading.Thread(target=forever, args=[work], daemon=True) for work in (produce, consume)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
