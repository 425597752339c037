/// Several instrumentations as one: each event goes to each, in order.
public struct InstrumentationGroup: Instrumentation {
    /// The members.
    public let members: [any Instrumentation]

    /// Sends every event to each of `members`.
    public init(_ members: [any Instrumentation]) {
        self.members = members
    }

    /// A probe calling each member's probe.
    public func probe(for function: TypeName) -> any FunctionProbe {
        let probes = members.map { $0.probe(for: function) }
        return probes.count == 1 ? probes[0] : GroupProbe(probes: probes)
    }

    /// Sends the event to each member.
    public func serverEvent(_ event: ServerEvent) {
        for member in members { member.serverEvent(event) }
    }

    /// The members' probes as one (package: the handler takes the built-in metrics' probe out of it).
    package struct GroupProbe: FunctionProbe {
        let probes: [any FunctionProbe]
        package let observesInvocations: Bool

        init(probes: [any FunctionProbe]) {
            self.probes = probes
            observesInvocations = probes.contains { $0.observesInvocations }
        }

        package func batchBegan(_ batch: BatchEvent) { for probe in probes { probe.batchBegan(batch) } }
        package func batchEnded(_ batch: BatchEvent, _ outcome: BatchOutcome) {
            for probe in probes { probe.batchEnded(batch, outcome) }
        }
        package func invocationBegan(_ invocation: InvocationEvent) {
            for probe in probes where probe.observesInvocations { probe.invocationBegan(invocation) }
        }
        package func invocationEnded(_ invocation: InvocationEvent, _ outcome: InvocationOutcome) {
            for probe in probes where probe.observesInvocations { probe.invocationEnded(invocation, outcome) }
        }
    }
}
