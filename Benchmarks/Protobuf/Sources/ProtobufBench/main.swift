import Foundation
import StateFun
import StateFunWire
import SwiftProtobuf
import SwiftProtobufOrder

// Decode and encode one 10-field message many times with the generated codec (Bench_Order), the hand-written one
// (HandWrittenOrder) and swift-protobuf's (SwiftProtobufOrder.Bench_Order) in short slices, one slice of each per
// round, `rounds` rounds; prints the median ns per operation and the ratios. A ratio is the median over rounds of
// the two codecs' times in the same round: on a shared machine the load changes between rounds far more than
// within one, so pairing cancels most of it (whole-run medians of the same binary moved 2x between runs).
//
// `ProtobufBench --only "encode generated" --iterations N` runs one operation N times and prints nothing else: for
// counting instructions under valgrind, which the machine's load does not change (Benchmarks/README.md).

let arguments = Array(CommandLine.arguments.dropFirst())
func argument(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let only = argument("--only")
let iterations = argument("--iterations").flatMap { Int($0) } ?? 20_000
let rounds = 61

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

let operations: [(name: String, body: () throws -> Void)] = [
    ("decode generated", { consume(try Bench_Order.deserialize(from: bytes)) }),
    ("decode hand-written", { consume(try HandWrittenOrder.deserialize(from: bytes)) }),
    ("encode generated", { consume(generated.serialize()) }),
    ("encode hand-written", { consume(handWritten.serialize()) }),
    ("decode swift-protobuf", { consume(try SwiftProtobufOrder.Bench_Order(serializedBytes: bytes)) }),
    ("encode swift-protobuf", { consume(try swiftProtobuf.serializedBytes() as [UInt8]) }),
]

if let only {
    guard let operation = operations.first(where: { $0.name == only }) else {
        print("unknown operation \(only); one of: \(operations.map(\.name).joined(separator: ", "))")
        exit(2)
    }
    for _ in 0..<iterations { try operation.body() }
    exit(0)
}

var results: [String: [Double]] = [:]
for round in 0..<rounds {
    // Each round starts at another operation, so that none always runs first (or right after another).
    for k in 0..<operations.count {
        let operation = operations[(round + k) % operations.count]
        results[operation.name, default: []].append(try nanosPerOp(operation.body))
    }
}

/// The median over rounds of `a`'s time divided by `b`'s time in the same round.
func pairedRatio(_ a: String, _ b: String, in results: [String: [Double]]) -> Double {
    median(zip(results[a] ?? [], results[b] ?? []).map { $0 / $1 })
}

print("message: \(bytes.count) bytes, \(iterations) operations per slice, \(rounds) rounds, medians")
for operation in operations {
    print("\(operation.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", median(results[operation.name] ?? [0]))) ns/op")
}
for op in ["decode", "encode"] {
    for (a, b) in [("generated", "hand-written"), ("swift-protobuf", "hand-written"), ("generated", "swift-protobuf")] {
        print("\(op): \(a) / \(b) time = \(String(format: "%.2f", pairedRatio("\(op) \(a)", "\(op) \(b)", in: results)))")
    }
}
