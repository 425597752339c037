// Messages in the form protoc-gen-swift 1.39 generates them, written out here so that the tests need no build of
// swift-protobuf's protoc plugin. The schema:
//
//   // greeter.proto
//   syntax = "proto3";
//   package example;
//   message GreetRequest { string name = 1; }
//   message GreetResponse { string name = 1; string greeting = 2; int64 visits = 3; }
//
//   // ticket.proto
//   syntax = "proto2";
//   package example.legacy;
//   message Ticket { required string id = 1; optional int32 seats = 2; }

import SwiftProtobuf

struct Example_GreetRequest: Sendable {
    var name: String = String()
    var unknownFields = SwiftProtobuf.UnknownStorage()
    init() {}
}

struct Example_GreetResponse: Sendable {
    var name: String = String()
    var greeting: String = String()
    var visits: Int64 = 0
    var unknownFields = SwiftProtobuf.UnknownStorage()
    init() {}
}

struct Example_Legacy_Ticket: Sendable {
    var id: String {
        get { _id ?? String() }
        set { _id = newValue }
    }
    var hasID: Bool { self._id != nil }
    mutating func clearID() { self._id = nil }

    var seats: Int32 {
        get { _seats ?? 0 }
        set { _seats = newValue }
    }
    var hasSeats: Bool { self._seats != nil }
    mutating func clearSeats() { self._seats = nil }

    var unknownFields = SwiftProtobuf.UnknownStorage()
    init() {}

    fileprivate var _id: String? = nil
    fileprivate var _seats: Int32? = nil
}

// MARK: - Support for the SwiftProtobuf runtime.

extension Example_GreetRequest: SwiftProtobuf.Message, SwiftProtobuf._MessageImplementationBase,
    SwiftProtobuf._ProtoNameProviding
{
    static let protoMessageName: String = "example.GreetRequest"
    static let _protobuf_nameMap = SwiftProtobuf._NameMap(bytecode: "\0\u{1}name\0")

    mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            switch fieldNumber {
            case 1: try decoder.decodeSingularStringField(value: &self.name)
            default: break
            }
        }
    }

    func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if !self.name.isEmpty { try visitor.visitSingularStringField(value: self.name, fieldNumber: 1) }
        try unknownFields.traverse(visitor: &visitor)
    }

    static func == (lhs: Example_GreetRequest, rhs: Example_GreetRequest) -> Bool {
        lhs.name == rhs.name && lhs.unknownFields == rhs.unknownFields
    }
}

extension Example_GreetResponse: SwiftProtobuf.Message, SwiftProtobuf._MessageImplementationBase,
    SwiftProtobuf._ProtoNameProviding
{
    static let protoMessageName: String = "example.GreetResponse"
    static let _protobuf_nameMap = SwiftProtobuf._NameMap(bytecode: "\0\u{1}name\0\u{1}greeting\0\u{1}visits\0")

    mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            switch fieldNumber {
            case 1: try decoder.decodeSingularStringField(value: &self.name)
            case 2: try decoder.decodeSingularStringField(value: &self.greeting)
            case 3: try decoder.decodeSingularInt64Field(value: &self.visits)
            default: break
            }
        }
    }

    func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if !self.name.isEmpty { try visitor.visitSingularStringField(value: self.name, fieldNumber: 1) }
        if !self.greeting.isEmpty { try visitor.visitSingularStringField(value: self.greeting, fieldNumber: 2) }
        if self.visits != 0 { try visitor.visitSingularInt64Field(value: self.visits, fieldNumber: 3) }
        try unknownFields.traverse(visitor: &visitor)
    }

    static func == (lhs: Example_GreetResponse, rhs: Example_GreetResponse) -> Bool {
        lhs.name == rhs.name && lhs.greeting == rhs.greeting && lhs.visits == rhs.visits
            && lhs.unknownFields == rhs.unknownFields
    }
}

extension Example_Legacy_Ticket: SwiftProtobuf.Message, SwiftProtobuf._MessageImplementationBase,
    SwiftProtobuf._ProtoNameProviding
{
    static let protoMessageName: String = "example.legacy.Ticket"
    static let _protobuf_nameMap = SwiftProtobuf._NameMap(bytecode: "\0\u{1}id\0\u{1}seats\0")

    var isInitialized: Bool { self._id != nil }

    mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            switch fieldNumber {
            case 1: try decoder.decodeSingularStringField(value: &self._id)
            case 2: try decoder.decodeSingularInt32Field(value: &self._seats)
            default: break
            }
        }
    }

    func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if let v = self._id { try visitor.visitSingularStringField(value: v, fieldNumber: 1) }
        if let v = self._seats { try visitor.visitSingularInt32Field(value: v, fieldNumber: 2) }
        try unknownFields.traverse(visitor: &visitor)
    }

    static func == (lhs: Example_Legacy_Ticket, rhs: Example_Legacy_Ticket) -> Bool {
        lhs._id == rhs._id && lhs._seats == rhs._seats && lhs.unknownFields == rhs.unknownFields
    }
}
