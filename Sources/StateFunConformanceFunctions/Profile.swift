package import StateFun

/// The oracle's JSON type `example/Profile`: a JSON object such as `{"id": "u1", "events": [...]}`, kept whole
/// (unknown keys survive a read-modify-write, as with the Python `dict`).
package struct Profile: JSONType {
    package static let typeName: TypeName = "example/Profile"

    package var fields: [String: JSONValue]

    package init(id: String) {
        fields = ["id": .string(id), "events": .array([])]
    }

    package init(from decoder: any Decoder) throws {
        fields = try [String: JSONValue](from: decoder)
    }

    package func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }

    /// Appends to the `events` list; like `profile["events"].append(x)`, it fails when there is no such list.
    package mutating func appendEvent(_ event: String) throws {
        guard case .array(var events)? = fields["events"] else {
            throw StateFunError.invalidArgument("profile has no 'events' list")
        }
        events.append(.string(event))
        fields["events"] = .array(events)
    }
}
