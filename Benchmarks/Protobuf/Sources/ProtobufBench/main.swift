import Foundation
import StateFun
import StateFunWire
import SwiftProtobuf
import SwiftProtobufOrder

// Decode and encode one 10-field message many times with the generated codec (Bench_Order), the hand-written one
// (HandWrittenOrder) and swift-protobuf's (SwiftProtobufOrder.Bench_Order), alternating, REPEATS times; prints the
// median ns per operation and the ratios to the hand-written codec.

let iterations = 200_000
let repeats = 7

var generated = Bench_Order()
generated.id = 1_234_567_890
generated.customer = "customer-00042"
generated.item = "widget, blue, large"
generated.quantity = 3
generated.price = 19.99
generated.express = true
generated.warehouse = 17
generated.delta = -250
generated.weight = 1.25
generated.token = Array(repeating: 0xAB, count: 16)
let bytes = generated.serialize()

var handWritten = HandWrittenOrder()
handWritten.id = generated.id
handWritten.customer = generated.customer
handWritten.item = generated.item
handWritten.quantity = generated.quantity
handWritten.price = generated.price
handWritten.express = generated.express
handWritten.warehouse = generated.warehouse
handWritten.delta = generated.delta
handWritten.weight = generated.weight
handWritten.token = generated.token
precondition(handWritten.serialize() == bytes, "the generated and hand-written codecs disagree")

var swiftProtobuf = SwiftProtobufOrder.Bench_Order()
swiftProtobuf.id = generated.id
swiftProtobuf.customer = generated.customer
swiftProtobuf.item = generated.item
swiftProtobuf.quantity = generated.quantity
swiftProtobuf.price = generated.price
swiftProtobuf.express = generated.express
swiftProtobuf.warehouse = generated.warehouse
swiftProtobuf.delta = generated.delta
swiftProtobuf.weight = generated.weight
swiftProtobuf.token = Data(generated.token)
let swiftProtobufBytes: [UInt8] = try swiftProtobuf.serializedBytes()
precondition(swiftProtobufBytes == bytes, "swift-protobuf encodes differently")
let swiftProtobufDecoded = try SwiftProtobufOrder.Bench_Order(serializedBytes: bytes)
precondition(swiftProtobufDecoded == swiftProtobuf, "swift-protobuf decodes differently")

@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }

func nanosPerOp(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { try body() }
    let elapsed = clock.now - start
    let (seconds, attoseconds) = elapsed.components
    return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(iterations)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

var results: [String: [Double]] = [:]
for _ in 0..<repeats {
    results["decode generated", default: []].append(try nanosPerOp { consume(try Bench_Order.deserialize(from: bytes)) })
    results["decode hand-written", default: []].append(try nanosPerOp { consume(try HandWrittenOrder.deserialize(from: bytes)) })
    results["encode generated", default: []].append(nanosPerOp { consume(generated.serialize()) })
    results["encode hand-written", default: []].append(nanosPerOp { consume(handWritten.serialize()) })
    results["decode swift-protobuf", default: []].append(
        try nanosPerOp { consume(try SwiftProtobufOrder.Bench_Order(serializedBytes: bytes)) })
    results["encode swift-protobuf", default: []].append(
        try nanosPerOp { consume(try swiftProtobuf.serializedBytes() as [UInt8]) })
}

print("message: \(bytes.count) bytes, \(iterations) operations per run, median of \(repeats) runs")
for name in [
    "decode generated", "decode hand-written", "decode swift-protobuf",
    "encode generated", "encode hand-written", "encode swift-protobuf",
] {
    print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", median(results[name] ?? [0]))) ns/op")
}
for op in ["decode", "encode"] {
    let handWrittenTime = median(results["\(op) hand-written"] ?? [1])
    for other in ["generated", "swift-protobuf"] {
        let ratio = median(results["\(op) \(other)"] ?? [1]) / handWrittenTime
        print("\(op): \(other) / hand-written time = \(String(format: "%.2f", ratio))")
    }
    let ratio = median(results["\(op) generated"] ?? [1]) / median(results["\(op) swift-protobuf"] ?? [1])
    print("\(op): generated / swift-protobuf time = \(String(format: "%.2f", ratio))")
}
