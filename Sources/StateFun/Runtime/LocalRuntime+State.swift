import StateFunProtocol
// The runtime's mutable state, guarded by LocalRuntime's mutex, and the small types it is made of.

extension LocalRuntime {
    /// How the runtime reaches one function type and how it batches and retries calls to it.
    struct Route: Sendable {
        var destination: FunctionCall.Destination
        /// 0 or less: no limit.
        var maxNumBatchRequests: Int
        var callTimeout: Duration
        /// 2.x: the states module.yaml lists (from the app's specs or the endpoint's declarations).
        var listedStates: [StateRegistration]
    }

    /// A state value of one address, with the times its expiration is measured from.
    struct StoredValue: Sendable {
        var bytes: [UInt8]
        /// The last write (AFTER_WRITE).
        var writtenAt: Duration
        /// The last read or write (AFTER_INVOKE: a call reads every registered state).
        var touchedAt: Duration
    }

    /// One function instance: its state, its queued messages and whether a request is in flight.
    struct Mailbox: Sendable {
        var values: [String: StoredValue] = [:]
        var backlog: [Envelope] = []
        /// A request is being sent, answered, or waits to be retried.
        var inFlight = false
    }

    /// One request for one batch, with its retry bookkeeping (`BoundedExponentialBackoff`).
    struct CallJob: Sendable {
        var address: Address
        var route: Route
        var invocations: [Envelope]
        /// The serialized `ToFunction`; retries send these same bytes.
        var request: [UInt8]
        /// The names of the states the request carries (to detect a function that asks for them again).
        var sentStates: Set<String>
        var attempts = 0
        var firstAttemptAt: Duration
        var nextBackoff: Duration
    }

    /// Something due at a time on the runtime's clock.
    struct Timer: Sendable {
        enum Kind: Sendable {
            /// A delayed message; `token` is its cancellation token, scoped by the sender's id.
            case delivery(target: Address, envelope: Envelope, token: (senderID: String, token: String)?)
            /// The next attempt of a failed request.
            case retry(CallJob)
        }

        var id: UInt64
        var deadline: Duration
        var kind: Kind
    }

    /// Work decided under the lock and carried out after releasing it.
    struct Actions {
        var calls: [CallJob] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
        var egress: [CapturedEgressRecord] = []
        var failures: [RuntimeFailure] = []
    }

    struct State: Sendable {
        /// 3.x: the states each function type registered through the missing-state handshake, in registration order.
        var registrations: [TypeName: [StateRegistration]] = [:]
        var mailboxes: [Address: Mailbox] = [:]
        /// Ordered by deadline, then by scheduling order.
        var timers: [Timer] = []
        /// Pending delayed messages by sender id, then cancellation token: the timer id.
        var tokens: [String: [String: UInt64]] = [:]
        var nextID: UInt64 = 0
        /// Requests being sent or answered right now.
        var activeCalls = 0
        /// Requests waiting for their next attempt.
        var retryingCalls = 0
        /// The batches waiting for a retry, with their last attempt's failure (``LocalRuntime/awaitingRetry``).
        var awaitingRetry: [Address: RuntimeFailure] = [:]
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        var egress: [CapturedEgressRecord] = []
        var failures: [RuntimeFailure] = []
        var egressHandlers: [@Sendable (CapturedEgressRecord) -> Void] = []
        var failureHandlers: [@Sendable (RuntimeFailure) -> Void] = []
        var streams: [UInt64: AsyncStream<CapturedEgressRecord>.Continuation] = [:]
        /// The task sleeping until the earliest timer, and that timer's deadline.
        var driver: (generation: UInt64, deadline: Duration, task: Task<Void, Never>)?
        var isShutDown = false

        mutating func makeID() -> UInt64 {
            nextID += 1
            return nextID
        }

        /// Inserts `timer` after every timer due at or before its deadline.
        mutating func schedule(_ timer: Timer) {
            var low = 0
            var high = timers.count
            while low < high {
                let mid = (low + high) / 2
                if timers[mid].deadline <= timer.deadline { low = mid + 1 } else { high = mid }
            }
            timers.insert(timer, at: low)
        }
    }
}
