import StateFun
import StateFunWire

/// `bench.Order` with a hand-written codec, the way an app wrote messages before statefun-protoc.
struct HandWrittenOrder: ProtobufMessage, Equatable {
    static let messageName = "bench.Order"
    var id: Int64 = 0
    var customer = ""
    var item = ""
    var quantity: Int32 = 0
    var price: Double = 0
    var express = false
    var warehouse: UInt32 = 0
    var delta: Int64 = 0
    var weight: Float = 0
    var token: [UInt8] = []

    init() {}

    init(from reader: inout WireReader) throws {
        while let tag = try reader.nextField() {
            switch tag.number {
            case 1: id = try reader.readInt64(tag)
            case 2: customer = try reader.readString(tag)
            case 3: item = try reader.readString(tag)
            case 4: quantity = try reader.readInt32(tag)
            case 5: price = try reader.readDouble(tag)
            case 6: express = try reader.readBool(tag)
            case 7: warehouse = try reader.readUInt32(tag)
            case 8: delta = try reader.readSInt64(tag)
            case 9: weight = try reader.readFloat(tag)
            case 10: token = try reader.readBytes(tag)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeInt64(1, id)
        writer.writeString(2, customer)
        writer.writeString(3, item)
        writer.writeInt32(4, quantity)
        writer.writeDouble(5, price)
        writer.writeBool(6, express)
        writer.writeUInt32(7, warehouse)
        writer.writeSInt64(8, delta)
        writer.writeFloat(9, weight)
        writer.writeBytes(10, token)
    }
}
