// bench.proto's Order in the form protoc-gen-swift 1.39 generates it (`protoc --swift_out=. --swift_opt=Visibility=Public
// bench.proto`), written out here so that the benchmark needs no build of swift-protobuf's protoc plugin (Benchmarks/
// README.md). A module of its own: it declares `Bench_Order` as the generated code does, beside the one
// statefun-protoc generates in the benchmark's target.

import Foundation
import SwiftProtobuf

public struct Bench_Order: Sendable {
    public var id: Int64 = 0
    public var customer: String = String()
    public var item: String = String()
    public var quantity: Int32 = 0
    public var price: Double = 0
    public var express: Bool = false
    public var warehouse: UInt32 = 0
    public var delta: Int64 = 0
    public var weight: Float = 0
    public var token: Data = Data()
    public var unknownFields = SwiftProtobuf.UnknownStorage()
    public init() {}
}

// MARK: - Support for the SwiftProtobuf runtime.

extension Bench_Order: SwiftProtobuf.Message, SwiftProtobuf._MessageImplementationBase,
    SwiftProtobuf._ProtoNameProviding
{
    public static let protoMessageName: String = "bench.Order"
    public static let _protobuf_nameMap = SwiftProtobuf._NameMap(
        bytecode: "\0\u{1}id\0\u{1}customer\0\u{1}item\0\u{1}quantity\0\u{1}price\0\u{1}express\0\u{1}warehouse\0\u{1}delta\0\u{1}weight\0\u{1}token\0")

    public mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            switch fieldNumber {
            case 1: try decoder.decodeSingularInt64Field(value: &self.id)
            case 2: try decoder.decodeSingularStringField(value: &self.customer)
            case 3: try decoder.decodeSingularStringField(value: &self.item)
            case 4: try decoder.decodeSingularInt32Field(value: &self.quantity)
            case 5: try decoder.decodeSingularDoubleField(value: &self.price)
            case 6: try decoder.decodeSingularBoolField(value: &self.express)
            case 7: try decoder.decodeSingularUInt32Field(value: &self.warehouse)
            case 8: try decoder.decodeSingularSInt64Field(value: &self.delta)
            case 9: try decoder.decodeSingularFloatField(value: &self.weight)
            case 10: try decoder.decodeSingularBytesField(value: &self.token)
            default: break
            }
        }
    }

    public func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if self.id != 0 { try visitor.visitSingularInt64Field(value: self.id, fieldNumber: 1) }
        if !self.customer.isEmpty { try visitor.visitSingularStringField(value: self.customer, fieldNumber: 2) }
        if !self.item.isEmpty { try visitor.visitSingularStringField(value: self.item, fieldNumber: 3) }
        if self.quantity != 0 { try visitor.visitSingularInt32Field(value: self.quantity, fieldNumber: 4) }
        if self.price.bitPattern != 0 { try visitor.visitSingularDoubleField(value: self.price, fieldNumber: 5) }
        if self.express != false { try visitor.visitSingularBoolField(value: self.express, fieldNumber: 6) }
        if self.warehouse != 0 { try visitor.visitSingularUInt32Field(value: self.warehouse, fieldNumber: 7) }
        if self.delta != 0 { try visitor.visitSingularSInt64Field(value: self.delta, fieldNumber: 8) }
        if self.weight.bitPattern != 0 { try visitor.visitSingularFloatField(value: self.weight, fieldNumber: 9) }
        if !self.token.isEmpty { try visitor.visitSingularBytesField(value: self.token, fieldNumber: 10) }
        try unknownFields.traverse(visitor: &visitor)
    }

    public static func == (lhs: Bench_Order, rhs: Bench_Order) -> Bool {
        lhs.id == rhs.id && lhs.customer == rhs.customer && lhs.item == rhs.item && lhs.quantity == rhs.quantity
            && lhs.price == rhs.price && lhs.express == rhs.express && lhs.warehouse == rhs.warehouse
            && lhs.delta == rhs.delta && lhs.weight == rhs.weight && lhs.token == rhs.token
            && lhs.unknownFields == rhs.unknownFields
    }
}
