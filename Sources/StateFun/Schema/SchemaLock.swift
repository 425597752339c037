/// An app's contract with the data it leaves behind and the runtime that routes to it, as `<app> schema` writes it
/// and `validate --against FILE` reads it back: what a new deploy must keep so that stored state, Kafka/Kinesis
/// records and egress consumers still fit (issue 17, item 5).
///
/// Only what survives a redeploy is recorded: function typenames, the typenames each function handles, its states
/// (name, typename, expiration), its declared egresses, ingresses with their routes, and egresses. Endpoints, URLs
/// and timeouts are deployment settings and are left out, so moving a function does not look like a break.
package struct SchemaLock: Sendable, Equatable {
    /// The format version this SDK writes and reads.
    package static let formatVersion = 1

    /// One persisted value of a function.
    package struct State: Sendable, Equatable {
        /// The state's typename: stored bytes are only readable with it.
        package var typeName: String
        /// `none`, `after-call <duration>` or `after-write <duration>` (durations as module.yaml writes them).
        package var expiration: String
    }

    /// One function's contract.
    package struct Function: Sendable, Equatable {
        /// Typenames the typed handlers accept, sorted.
        package var handles: [String]
        /// Whether an `Otherwise` takes every other message.
        package var catchAll: Bool
        /// States by name.
        package var states: [String: State]
        /// Egress ids the function declares with `Emits`, sorted.
        package var emits: [String]
    }

    /// One topic (Kafka) or stream (Kinesis) of an ingress.
    package struct Route: Sendable, Equatable {
        package var topic: String
        package var valueType: String
        /// Target function typenames, sorted.
        package var targets: [String]
    }

    /// An ingress: its kind and routes (sorted by topic, then value type).
    package struct Ingress: Sendable, Equatable {
        package var kind: String
        package var routes: [Route]
    }

    /// An egress: its kind (Kafka, Kinesis). The SDK declares no value type for an egress; each write names its own.
    package struct Egress: Sendable, Equatable {
        package var kind: String
    }

    package var functions: [String: Function]
    package var ingresses: [String: Ingress]
    package var egresses: [String: Egress]

    package init(functions: [String: Function] = [:], ingresses: [String: Ingress] = [:], egresses: [String: Egress] = [:]) {
        self.functions = functions
        self.ingresses = ingresses
        self.egresses = egresses
    }
}
