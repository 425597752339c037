package import StateFun
package import StateFunWire

/// `VerificationResult{int32 id = 1; int64 expected = 2; int64 actual = 3}`: an interpreter's answer to a
/// `Verify` command, sent to the egress `statefun.smoke.e2e/verification-sink` with typename
/// `statefun.smoke.e2e/verification-result`. Upstream's `SmokeRunner` passes an instance when
/// `actual == expected` and fails the run when `actual > expected` (over-counting).
package struct VerificationResult: SmokeWireMessage, ProtobufMessage {
    package static let messageName = "org.apache.flink.statefun.e2e.smoke.VerificationResult"
    package static var typeName: TypeName { SmokeE2E.verificationResultType }

    /// The interpreter instance's id, as an integer.
    package var id: Int32
    /// The count the driver expects.
    package var expected: Int64
    /// The count the instance holds in its state.
    package var actual: Int64

    package init() {
        id = 0
        expected = 0
        actual = 0
    }

    package init(id: Int32, expected: Int64, actual: Int64) {
        self.id = id
        self.expected = expected
        self.actual = actual
    }

    package init(from reader: inout WireReader) throws {
        self.init()
        try merge(from: &reader)
    }

    package mutating func merge(from reader: inout WireReader) throws(WireError) {
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: id = try reader.readInt32(tag)
            case 2: expected = try reader.readInt64(tag)
            case 3: actual = try reader.readInt64(tag)
            default: try reader.skip(tag)
            }
        }
    }

    package func encode(to writer: inout WireWriter) {
        writer.writeInt32(1, id)
        writer.writeInt64(2, expected)
        writer.writeInt64(3, actual)
    }
}
