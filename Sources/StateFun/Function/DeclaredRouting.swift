/// What a function declares it talks to (``Sends``, ``Emits``), as the ``Context`` checks each send against it.
///
/// A class, so a batch's context holds one reference; `nil` in the context for a function that declares no
/// routing, which is not checked (one comparison per send). The lists are short and compared linearly: a
/// typename made from the same declaration compares its strings by identity first.
package final class DeclaredRouting: Sendable {
    /// The function whose sends are checked.
    package let function: TypeName
    /// The function types it declares with ``Sends``.
    package let sends: [TypeName]
    /// The egresses it declares with ``Emits``.
    package let emits: [TypeName]

    /// The routing `definition` declares, or `nil` when it declares none.
    package init?(_ definition: FunctionDefinition) {
        guard definition.declaresRouting else { return nil }
        function = definition.typeName
        sends = definition.sends
        emits = definition.egresses
    }

    /// Whether a message to `target` is declared: a declared function type, the function's own type, or
    /// `caller` (a reply).
    @inline(__always)
    package func allowsSend(to target: Address, caller: Address?) -> Bool {
        let type = target.typeName
        if type == function { return true }
        for declared in sends where declared == type { return true }
        return target == caller
    }

    /// Whether a record to `egress` is declared.
    @inline(__always)
    package func allowsEgress(_ egress: TypeName) -> Bool {
        for declared in emits where declared == egress { return true }
        return false
    }
}
