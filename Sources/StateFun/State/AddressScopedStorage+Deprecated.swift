// The earlier by-name verbs. State has one set of verbs, typed or by name: get, set, delete.

extension AddressScopedStorage {
    /// The value of the state `name`, undecoded.
    @available(*, deprecated, renamed: "get(named:)")
    public func value(named name: String) throws -> Message? {
        try get(named: name)
    }

    /// Stores `value` under the state `name`.
    @available(*, deprecated, renamed: "set(_:named:)")
    public func setValue<V: StateFunType>(_ value: V, named name: String) throws {
        try set(value, named: name)
    }

    /// Stores an undecoded value under the state `name`.
    @available(*, deprecated, renamed: "set(_:named:)")
    public func setValue(_ message: Message, named name: String) throws {
        try set(message, named: name)
    }

    /// Deletes the value of the state `name`.
    @available(*, deprecated, renamed: "delete(named:)")
    public func deleteValue(named name: String) throws {
        try delete(named: name)
    }
}
