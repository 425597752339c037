package import StateFun

/// The oracle's JSON type `example/Profile`: whatever JSON the state holds, kept whole (unknown keys survive a
/// read-modify-write, as with the Python `dict`), normally `{"id": "u1", "events": [...]}`.
package struct Profile: JSONType {
    package static let typeName: TypeName = "example/Profile"

    package var json: JSONValue

    package init(id: String) {
        json = .object(["id": .string(id), "events": .array([])])
    }

    package init(from decoder: any Decoder) throws {
        json = try JSONValue(from: decoder)
    }

    package func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    /// Python truthiness of the value, for `ctx.storage.profile or {...}`: null, false, 0, "", [] and {} are
    /// falsy and replaced by a fresh profile.
    package var isTruthy: Bool {
        switch json {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }

    /// `profile["events"].append(x)`: fails, as in Python, when the profile is no object or has no `events` list.
    package mutating func appendEvent(_ event: String) throws {
        guard case .object(var fields) = json else {
            throw StateFunError.invalidArgument("profile is not a JSON object")
        }
        guard case .array(var events)? = fields["events"] else {
            throw StateFunError.invalidArgument("profile has no 'events' list")
        }
        events.append(.string(event))
        fields["events"] = .array(events)
        json = .object(fields)
    }
}
