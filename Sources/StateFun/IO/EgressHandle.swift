/// A declared egress, usable as a typed handle: `Emits(greets)` in a function and `greets.record(...)` in its
/// handlers. ``KafkaEgress`` and ``KinesisEgress`` are handles.
public protocol EgressHandle: Sendable {
    /// The egress id, as declared.
    var id: TypeName { get }
}

extension Emits {
    /// Names the declared egresses the function's handlers send to, by their handles.
    public init(_ egresses: any EgressHandle...) {
        self.egresses = egresses.map(\.id)
    }
}
