import Synchronization

// How a delivery waits for the runtime to become idle, within the configured time.
extension DevRouter {
    /// Waits until the runtime has nothing queued or in flight, or `limit` has passed; true when it became idle.
    package static func waitUntilIdle(_ runtime: LocalRuntime, atMost limit: Duration) async -> Bool {
        let outcome = FirstOutcome()
        let timer = Task {
            try? await Task.sleep(for: limit)
            outcome.finish(false)
        }
        Task {
            await runtime.runUntilIdle()
            outcome.finish(true)
        }
        let idle = await outcome.value()
        timer.cancel()
        return idle
    }
}

/// The first of several racing results, handed to one waiter.
private final class FirstOutcome: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Bool, Never>?, result: Bool?)>((nil, nil))

    func finish(_ result: Bool) {
        let continuation = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
    }

    func value() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let ready = state.withLock { state -> Bool? in
                if let result = state.result { return result }
                state.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
