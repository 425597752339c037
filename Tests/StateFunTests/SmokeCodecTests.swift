// Codec tests for the smoke E2E messages (Sources/StateFunSmoke) against Fixtures/smoke: 49 encodings made by the
// official protobuf runtime from upstream's commands.proto (see Fixtures/smoke/README.md).
//
// For every fixture: decoding NAME.bin gives the message described by its proto3 JSON, encoding that message gives
// NAME.bin byte for byte, and decode + encode is the identity.

import Foundation
import StateFun
import StateFunSmoke
import Testing

@Suite struct SmokeCodecTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var json: [String: any Sendable]
        var hex: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = (try? loadFixtures()) ?? []

    static func loadFixtures() throws -> [Fixture] {
        func require<T>(_ value: T?, _ what: String) throws -> T {
            guard let value else { throw JSON.Problem(description: "fixtures.json: \(what)") }
            return value
        }
        let directory = try require(Bundle.module.resourceURL, "no resources").appendingPathComponent("Fixtures/smoke")
        let index = try Data(contentsOf: directory.appendingPathComponent("fixtures.json"))
        let root = try require(try JSONSerialization.jsonObject(with: index) as? [String: Any], "not an object")
        let entries = try require(root["fixtures"] as? [String: Any], "no fixtures")
        return try entries.keys.sorted().map { name in
            let entry = try require(entries[name] as? [String: Any], name)
            let file = try require(entry["file"] as? String, "\(name).file")
            return Fixture(
                name: name, message: try require(entry["message"] as? String, "\(name).message"),
                json: try JSON.sendable(try require(entry["json"] as? [String: Any], "\(name).json")),
                hex: try require(entry["hex"] as? String, "\(name).hex"),
                bytes: [UInt8](try Data(contentsOf: directory.appendingPathComponent(file))))
        }
    }

    @Test func everyFixtureIsLoaded() {
        #expect(Self.fixtures.count == 49)
        let kinds = Set(Self.fixtures.map(\.message))
        #expect(kinds == ["Command", "Commands", "SourceCommand", "VerificationResult"])
    }

    @Test(arguments: fixtures)
    func matchesTheOfficialEncoding(_ fixture: Fixture) throws {
        #expect(fixture.hex == fixture.bytes.map { String(format: "%02x", $0) }.joined(), "hex and .bin differ")
        switch fixture.message {
        case "SourceCommand": try check(fixture, try JSON.sourceCommand(fixture.json))
        case "Commands": try check(fixture, try JSON.commands(fixture.json))
        case "Command": try check(fixture, try JSON.command(fixture.json))
        case "VerificationResult": try check(fixture, try JSON.verificationResult(fixture.json))
        default: Issue.record("unknown message type \(fixture.message)")
        }
    }

    private func check<M: SmokeWireMessage & ProtobufMessage>(_ fixture: Fixture, _ expected: M) throws {
        // Encoding the message the JSON describes gives the official bytes.
        #expect(expected.serializedBytes() == fixture.bytes, "\(fixture.name): encoding differs")
        #expect(try expected.serialize() == fixture.bytes, "\(fixture.name): ProtobufMessage.serialize differs")
        // Decoding the official bytes gives that message, through both entry points.
        #expect(try M.decode(fixture.bytes) == expected, "\(fixture.name): decoding differs")
        #expect(try M.deserialize(from: fixture.bytes) == expected)
    }

    // MARK: - Presence and merging, beyond the fixtures

    @Test func unsetAndEmptyCommandsAreDifferentEncodings() {
        #expect(SourceCommand(target: 0, commands: nil).serializedBytes() == [])
        #expect(SourceCommand(target: 0, commands: Commands()).serializedBytes() == [0x12, 0x00])
        #expect(Command.send(0, nil).serializedBytes() == [0x12, 0x00])
        #expect(Command.send(0, Commands()).serializedBytes() == [0x12, 0x02, 0x12, 0x00])
        #expect(Command().serializedBytes() == [])
    }

    @Test func aRepeatedSubmessageFieldIsMerged() throws {
        // send{target 1} then send{commands{increment}}: protobuf merges both into one Send.
        let bytes: [UInt8] = [0x12, 0x02, 0x08, 0x01, 0x12, 0x06, 0x12, 0x04, 0x0A, 0x02, 0x0A, 0x00]
        #expect(try Command.decode(bytes) == .send(1, Commands([.increment])))
        // A different member replaces the one set before.
        #expect(try Command.decode([0x12, 0x02, 0x08, 0x01, 0x32, 0x02, 0x08, 0x05]) == .verify(5))
    }

    @Test func unknownFieldsAreSkipped() throws {
        // VerificationResult with an unknown varint field 9 and an unknown string field 10 between known ones.
        let bytes: [UInt8] = [0x08, 0x03, 0x48, 0x07, 0x52, 0x01, 0x41, 0x10, 0x0A, 0x18, 0x0A]
        #expect(try VerificationResult.decode(bytes) == VerificationResult(id: 3, expected: 10, actual: 10))
    }

    @Test func malformedBytesAreRejectedWithTheTypeName() {
        // A Commands whose command field claims more bytes than there are.
        #expect(throws: StateFunError.self) { try Commands.deserialize(from: [0x0A, 0x05, 0x0A]) }
        do {
            _ = try SourceCommand.deserialize(from: [0x08])
            Issue.record("a truncated varint must not decode")
        } catch let error as StateFunError {
            #expect(error.description.contains("statefun.smoke.e2e/source-command"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func typeNamesAreUpstreams() {
        #expect(SourceCommand.typeName.description == "statefun.smoke.e2e/source-command")
        #expect(Commands.typeName.description == "statefun.smoke.e2e/commands")
        #expect(VerificationResult.typeName.description == "statefun.smoke.e2e/verification-result")
        #expect(SmokeE2E.functionType.description == "statefun.smoke.e2e/command-interpreter-fn")
    }
}

/// Builds the smoke messages from the fixtures' proto3 JSON (`MessageToDict`, field names as in the proto):
/// int32 as numbers, int64 as strings, absent fields at their default, a set submessage as an object.
enum JSON {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func sendable(_ object: [String: Any]) throws -> [String: any Sendable] {
        try object.mapValues { try sendableValue($0) }
    }

    private static func sendableValue(_ value: Any) throws -> any Sendable {
        switch value {
        case let object as [String: Any]: return try sendable(object)
        case let array as [Any]: return try array.map { try sendableValue($0) }
        case let string as String: return string
        case let number as NSNumber: return number.int64Value
        default: throw Problem(description: "unexpected JSON value \(value)")
        }
    }

    private static func int32(_ object: [String: any Sendable], _ key: String) throws -> Int32 {
        guard let value = object[key] else { return 0 }
        guard let number = value as? Int64, let result = Int32(exactly: number) else {
            throw Problem(description: "\(key) is not an int32: \(value)")
        }
        return result
    }

    private static func int64(_ object: [String: any Sendable], _ key: String) throws -> Int64 {
        guard let value = object[key] else { return 0 }
        guard let text = value as? String, let number = Int64(text) else {
            throw Problem(description: "\(key) is not an int64 string: \(value)")
        }
        return number
    }

    private static func string(_ object: [String: any Sendable], _ key: String) throws -> String {
        guard let value = object[key] else { return "" }
        guard let text = value as? String else { throw Problem(description: "\(key) is not a string") }
        return text
    }

    private static func object(_ object: [String: any Sendable], _ key: String) throws -> [String: any Sendable]? {
        guard let value = object[key] else { return nil }
        guard let inner = value as? [String: any Sendable] else { throw Problem(description: "\(key) is no object") }
        return inner
    }

    private static func optionalCommands(_ object: [String: any Sendable], _ key: String) throws -> Commands? {
        try JSON.object(object, key).map(commands)
    }

    static func commands(_ object: [String: any Sendable]) throws -> Commands {
        guard let list = object["command"] else { return Commands() }
        guard let items = list as? [any Sendable] else { throw Problem(description: "command is not a list") }
        return Commands(try items.map { item in
            guard let inner = item as? [String: any Sendable] else { throw Problem(description: "command item") }
            return try command(inner)
        })
    }

    static func command(_ object: [String: any Sendable]) throws -> Command {
        guard object.count <= 1 else { throw Problem(description: "more than one oneof member: \(object.keys)") }
        guard let (key, _) = object.first else { return Command() }
        let body = try JSON.object(object, key) ?? [:]
        switch key {
        case "increment": return .increment
        case "send_egress": return .sendEgress
        case "send": return .send(try int32(body, "target"), try optionalCommands(body, "commands"))
        case "send_after":
            return .sendAfter(
                try int32(body, "target"), try optionalCommands(body, "commands"),
                token: try string(body, "cancellation_token"))
        case "async_operation":
            let failure = body["failure"] as? Bool ?? ((body["failure"] as? Int64).map { $0 != 0 } ?? false)
            return .asyncOperation(failure: failure, try optionalCommands(body, "resolved_commands"))
        case "verify": return .verify(try int64(body, "expected"))
        case "cancel_send_after":
            return .cancelSendAfter(try int32(body, "target"), token: try string(body, "cancellation_token"))
        default: throw Problem(description: "unknown command \(key)")
        }
    }

    static func sourceCommand(_ object: [String: any Sendable]) throws -> SourceCommand {
        SourceCommand(target: try int32(object, "target"), commands: try optionalCommands(object, "commands"))
    }

    static func verificationResult(_ object: [String: any Sendable]) throws -> VerificationResult {
        VerificationResult(
            id: try int32(object, "id"), expected: try int64(object, "expected"), actual: try int64(object, "actual"))
    }
}
