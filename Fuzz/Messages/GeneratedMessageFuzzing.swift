import StateFun
import StateFunWire

/// The fuzzing oracle for generated message code: the first byte of an input picks a message type (a well-known
/// type, or one of the messages `statefun-protoc` generated from `fuzz3.proto` and `fuzz2.proto` beside this
/// file), the rest is decoded as that message's protobuf binary form. Shared by the libFuzzer harness
/// (`Fuzz/FuzzGeneratedMessage`) and the test that replays its corpus in CI (`GeneratedMessageCorpusTests`).
///
/// Crashing (a trap, an ASan report) is the main kind of bug this finds; bad input must end as a thrown
/// `WireError`. Beyond that, ``check(_:)`` reports, for bytes that decode:
/// - re-encoding that does not decode again, or decodes to another message (compared by value, and by bytes,
///   since the encoding is deterministic: maps sorted by key);
/// - a JSON form that does not parse back, or parses to a message whose JSON differs (JSON leaves out unknown
///   fields, so the JSON texts are compared, not the messages). A message may have no JSON form (an `Any` whose
///   type is not registered, a `Timestamp` out of range); the registry knows the generated messages, so an
///   `Any` holding one is written with its fields): then writing JSON throws, which is fine.
package enum GeneratedMessageFuzzing {
    /// A message type the harness decodes into.
    typealias Fuzzable = ProtobufMessage & ProtobufJSONMessage & Equatable

    /// The types, indexed by the input's first byte (modulo their count). Append only: the corpus names types by
    /// index.
    static let types: [any Fuzzable.Type] = [
        Fuzz_Everything.self,
        Fuzz2_Legacy.self,
        Fuzz_Everything.Nested.self,
        Fuzz2_Legacy.Part.self,
        Google_Protobuf_Any.self,
        Google_Protobuf_Timestamp.self,
        Google_Protobuf_Duration.self,
        Google_Protobuf_Empty.self,
        Google_Protobuf_FieldMask.self,
        Google_Protobuf_Struct.self,
        Google_Protobuf_Value.self,
        Google_Protobuf_ListValue.self,
        Google_Protobuf_DoubleValue.self,
        Google_Protobuf_FloatValue.self,
        Google_Protobuf_Int64Value.self,
        Google_Protobuf_UInt64Value.self,
        Google_Protobuf_Int32Value.self,
        Google_Protobuf_UInt32Value.self,
        Google_Protobuf_BoolValue.self,
        Google_Protobuf_StringValue.self,
        Google_Protobuf_BytesValue.self,
    ]

    /// JSON options whose registry knows the generated messages, so that an `Any` holding one has a JSON form
    /// (the well-known types are always known).
    static let jsonOptions = ProtoJSONOptions(typeRegistry: ProtoTypeRegistry([
        Fuzz_Everything.self, Fuzz_Everything.Nested.self, Fuzz2_Legacy.self, Fuzz2_Legacy.Part.self,
    ]))

    /// The full names of ``types``, by index (for corpus names and reports).
    package static var typeNames: [String] { types.map { $0.messageName } }

    /// What decoding one input came to.
    package enum Outcome: Equatable, Sendable {
        /// The bytes decoded; the message's JSON text, or nil when it has no JSON form.
        case decoded(type: String, json: String?)
        /// Decoding threw; the type and the error.
        case rejected(type: String, error: String)
    }

    /// Decodes `input` as described above; the outcome, or a description of what is wrong.
    package static func run(_ input: [UInt8]) -> Result<Outcome, Failure> {
        guard let selector = input.first else { return .success(.rejected(type: "", error: "empty input")) }
        let type = types[Int(selector) % types.count]
        return check(type, input[1...])
    }

    /// ``run(_:)``, reduced to the problem (nil when there is none).
    package static func check(_ input: [UInt8]) -> String? {
        if case .failure(let failure) = run(input) { return failure.description }
        return nil
    }

    /// An oracle finding.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        /// What went wrong, naming the type.
        package var description: String
    }

    static func check<M: Fuzzable>(_: M.Type, _ bytes: ArraySlice<UInt8>) -> Result<Outcome, Failure> {
        let name = M.messageName
        func failure(_ what: String) -> Result<Outcome, Failure> { .failure(Failure(description: "\(name): \(what)")) }
        let first: M
        do {
            var reader = WireReader(bytes)
            first = try M(from: &reader)
        } catch {
            return .success(.rejected(type: name, error: "\(error)"))
        }
        let encoded = encode(first)
        let second: M
        do {
            var reader = WireReader(encoded[...])
            second = try M(from: &reader)
        } catch {
            return failure("the re-encoded message does not decode: \(error); bytes \(hex(encoded))")
        }
        // A NaN makes a message unequal to a copy of itself (arrays and dictionaries compare by identity first, so
        // `first == first` is no test): compare by value only when decoding the input again gives an equal message.
        var again = WireReader(bytes)
        let comparable = (try? M(from: &again)).map { $0 == first } ?? false
        if comparable && first != second {
            return failure("the re-encoded message decodes to another message; bytes \(hex(encoded))")
        }
        if encode(second) != encoded {
            return failure("re-encoding is not stable: \(hex(encoded)) then \(hex(encode(second)))")
        }
        let json: String
        do {
            json = try first.jsonString(options: jsonOptions)
        } catch {
            return .success(.decoded(type: name, json: nil))
        }
        let parsed: M
        do {
            parsed = try M(jsonString: json, options: jsonOptions)
        } catch {
            return failure("its JSON does not parse back: \(error); JSON \(json)")
        }
        do {
            let again = try parsed.jsonString(options: jsonOptions)
            if again != json { return failure("its JSON parses to another message: \(json) then \(again)") }
        } catch {
            return failure("the message parsed from its JSON has no JSON form: \(error); JSON \(json)")
        }
        return .success(.decoded(type: name, json: json))
    }

    static func encode(_ message: some ProtobufMessage) -> [UInt8] {
        var writer = WireWriter()
        message.encode(to: &writer)
        return writer.takeBytes()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes.prefix(512) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self) + (bytes.count > 512 ? "…" : "")
    }
}
