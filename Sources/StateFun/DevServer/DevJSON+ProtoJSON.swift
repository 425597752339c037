// A protobuf message's JSON form (StateFunWire's ProtoJSONValue) as the development server's JSON.
import StateFunWire

extension DevJSON {
    /// The same JSON value; numbers that are integers stay integers.
    init(_ value: ProtoJSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let v): self = .bool(v)
        case .string(let v): self = .string(v)
        case .number(let text):
            if let v = Int64(text) {
                self = .int(v)
            } else if let v = UInt64(text) {
                self = .uint(v)
            } else {
                self = .double(Double(text) ?? 0)
            }
        case .array(let elements): self = .array(elements.map(DevJSON.init))
        case .object(let members): self = .object(members.map { DevJSONMember(key: $0.key, value: DevJSON($0.value)) })
        }
    }
}
