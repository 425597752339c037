// Mailboxes, batches, calls, retries, timers and idleness: the request-reply scheme of StateFun's
// `RequestReplyFunction` (one request in flight per address, a backlog sent as the next batch) and
// `RetryingCallback`/`BoundedExponentialBackoff` (10 ms doubling until the call timeout is used up).

extension LocalRuntime {
    // MARK: - Routing

    /// Where functions of `type` run: a remote endpoint that covers it, else the app, else nowhere.
    func route(for type: TypeName) -> Route? {
        if let endpoint = remoteEndpoints.first(where: { $0.covers(type) }) {
            return Route(
                destination: .url(endpoint.url(for: type)), maxNumBatchRequests: endpoint.maxNumBatchRequests,
                callTimeout: endpoint.callTimeout,
                listedStates: endpoint.states.map { StateRegistration(name: $0.name, typeName: "", expiration: $0.expiration) })
        }
        guard let function = appFunctions[type] else { return nil }
        let limit = app.model.endpoints.first { $0.covers(type) }?.maxNumBatchRequests ?? configuration.maxNumBatchRequests
        return Route(
            destination: .inProcess, maxNumBatchRequests: limit, callTimeout: configuration.callTimeout,
            listedStates: function.specs.map { StateRegistration(name: $0.name, typeName: "", expiration: $0.expiration) })
    }

    /// Checks that a message can be delivered to `target`.
    func checkTarget(_ target: Address) throws(RuntimeError) {
        if let reason = target.sendError { throw .invalidAddress(reason) }
        guard route(for: target.typeName) != nil else { throw .unknownFunction(target.typeName) }
    }

    /// The states the runtime knows for `type`: registered through the handshake (3.x) or declared (2.x).
    func registrations(_ state: State, _ type: TypeName, _ route: Route) -> [StateRegistration] {
        codec.registersStates ? state.registrations[type] ?? [] : route.listedStates
    }

    static func isExpired(_ value: StoredValue, _ expiration: Expiration, _ now: Duration) -> Bool {
        switch expiration {
        case .none: false
        case .afterWrite(let ttl): value.writtenAt + ttl <= now
        case .afterCall(let ttl): value.touchedAt + ttl <= now
        }
    }

    // MARK: - Mailboxes and batches

    /// Appends `envelope` to `target`'s mailbox and sends it at once if no request for `target` is in flight.
    /// The target must have been checked.
    func enqueue(_ state: inout State, _ actions: inout Actions, _ target: Address, _ envelope: Envelope) {
        state.mailboxes[target, default: Mailbox()].backlog.append(envelope)
        if state.mailboxes[target]?.inFlight == false { startBatch(&state, &actions, target) }
    }

    /// Sends the next batch of `address`'s backlog (up to the route's batch limit).
    func startBatch(_ state: inout State, _ actions: inout Actions, _ address: Address) {
        guard let route = route(for: address.typeName), var mailbox = state.mailboxes[address],
            !mailbox.backlog.isEmpty
        else { return }
        let limit = route.maxNumBatchRequests > 0 ? route.maxNumBatchRequests : Int.max
        let batch = Array(mailbox.backlog.prefix(limit))
        mailbox.backlog.removeFirst(batch.count)
        mailbox.inFlight = true
        state.mailboxes[address] = mailbox
        state.activeCalls += 1
        actions.calls.append(makeJob(&state, address, route, batch))
    }

    /// A request for `invocations` with `address`'s current state attached: every registered state, with its
    /// value when it has an unexpired one, otherwise with its name only. Attaching reads the values, which counts
    /// as access for expiration after invoke.
    func makeJob(_ state: inout State, _ address: Address, _ route: Route, _ invocations: [Envelope]) -> CallJob {
        let now = clock.now
        var slots: [StateSlot] = []
        var mailbox = state.mailboxes[address, default: Mailbox()]
        for registration in registrations(state, address.typeName, route) {
            var bytes: [UInt8]?
            if var value = mailbox.values[registration.name] {
                if Self.isExpired(value, registration.expiration, now) {
                    mailbox.values[registration.name] = nil
                } else {
                    value.touchedAt = now
                    mailbox.values[registration.name] = value
                    bytes = value.bytes
                }
            }
            slots.append(StateSlot(name: registration.name, typeName: registration.typeName, bytes: bytes))
        }
        state.mailboxes[address] = mailbox
        let request = codec.request(target: address, states: slots, invocations: invocations)
        return CallJob(
            address: address, route: route, invocations: invocations, request: request,
            sentStates: Set(slots.map(\.name)), firstAttemptAt: now, nextBackoff: configuration.initialBackoff)
    }

    // MARK: - Calls

    /// Sends `job`'s request until it is answered, handing each outcome to ``complete(_:_:_:_:)``.
    func execute(_ job: CallJob) async {
        var job = job
        while true {
            let call = FunctionCall(
                target: job.address, destination: job.route.destination, body: job.request,
                invocationCount: job.invocations.count, attempt: job.attempts + 1)
            let outcome: Result<[UInt8], RuntimeError>
            do {
                outcome = .success(try await transport.call(call))
            } catch {
                outcome = .failure(error)
            }
            job.attempts += 1
            let finished = job
            let (next, actions) = store.withLock { state in
                var actions = Actions()
                let next = complete(&state, &actions, finished, outcome)
                return (next, actions)
            }
            perform(actions)
            guard let next else { return }
            job = next
        }
    }

    /// Handles one outcome of `job`'s request; returns the request to send next in the same task (after the
    /// missing-state handshake), or `nil`.
    func complete(
        _ state: inout State, _ actions: inout Actions, _ job: CallJob, _ outcome: Result<[UInt8], RuntimeError>
    ) -> CallJob? {
        switch outcome {
        case .success(let bytes):
            do throws(RuntimeError) {
                switch try codec.response(bytes) {
                case .missingStates(let specs):
                    try register(&state, job, specs)
                    guard let route = route(for: job.address.typeName) else {
                        throw .unknownFunction(job.address.typeName)
                    }
                    // The same invocations (not the backlog), with the state as now registered: a new request.
                    return makeJob(&state, job.address, route, job.invocations)
                case .effects(let effects):
                    try apply(&state, &actions, job, effects)
                    finish(&state, &actions, job)
                }
            } catch {
                giveUp(&state, &actions, job, error)
            }
            return nil
        case .failure(let error):
            guard error.isRetryable, !state.isShutDown else {
                giveUp(&state, &actions, job, error)
                return nil
            }
            let now = clock.now
            let remaining = job.route.callTimeout - (now - job.firstAttemptAt)
            let pause = min(remaining, job.nextBackoff)
            guard pause > .zero else {
                giveUp(&state, &actions, job, error)
                return nil
            }
            var retry = job
            retry.nextBackoff = job.nextBackoff * 2
            state.schedule(Timer(id: state.makeID(), deadline: now + pause, kind: .retry(retry)))
            state.activeCalls -= 1
            state.retryingCalls += 1
            state.awaitingRetry[job.address] = RuntimeFailure(
                address: job.address, attempts: max(job.attempts, 1), error: error,
                droppedMessages: job.invocations.map(\.message), time: now)
            armDriver(&state)
            checkIdle(&state, &actions)
            return nil
        }
    }

    /// 3.x: registers the specs a function listed as missing (`PersistedRemoteFunctionValues.registerStates`).
    func register(_ state: inout State, _ job: CallJob, _ specs: [StateRegistration]) throws(RuntimeError) {
        let type = job.address.typeName
        var registered = state.registrations[type] ?? []
        var asksForNew = false
        for spec in specs {
            if let existing = registered.first(where: { $0.name == spec.name }) {
                // First registration wins (its expiration stays); another typename is an error.
                guard existing.typeName == spec.typeName else {
                    throw .stateSpecConflict(
                        function: type, state: spec.name, registered: existing.typeName, declared: spec.typeName)
                }
            } else {
                registered.append(spec)
            }
            if !job.sentStates.contains(spec.name) { asksForNew = true }
        }
        guard asksForNew else { throw .stateHandshakeLoop(function: type, states: specs.map(\.name)) }
        state.registrations[type] = registered
    }

    /// Ends `job`'s batch: the address may send its next batch.
    func finish(_ state: inout State, _ actions: inout Actions, _ job: CallJob) {
        state.mailboxes[job.address]?.inFlight = false
        startBatch(&state, &actions, job.address)
        state.activeCalls -= 1
        fireDueTimers(&state, &actions)
        checkIdle(&state, &actions)
    }

    /// Drops `job`'s batch and reports it.
    func giveUp(_ state: inout State, _ actions: inout Actions, _ job: CallJob, _ error: RuntimeError) {
        let failure = RuntimeFailure(
            address: job.address, attempts: max(job.attempts, 1), error: error,
            droppedMessages: job.invocations.map(\.message), time: clock.now)
        state.failures.append(failure)
        if state.failures.count > max(configuration.maxRecordedFailures, 0) { state.failures.removeFirst() }
        actions.failures.append(failure)
        finish(&state, &actions, job)
    }

    // MARK: - Timers

    /// Delivers the delayed messages and starts the retries whose time has come, in deadline order.
    func fireDueTimers(_ state: inout State, _ actions: inout Actions) {
        let now = clock.now
        while let first = state.timers.first, first.deadline <= now {
            state.timers.removeFirst()
            switch first.kind {
            case .delivery(let target, let envelope, let token):
                if let token { state.tokens[token.senderID]?[token.token] = nil }
                enqueue(&state, &actions, target, envelope)
            case .retry(let job):
                state.retryingCalls -= 1
                state.awaitingRetry[job.address] = nil
                state.activeCalls += 1
                actions.calls.append(job)
            }
        }
        armDriver(&state)
    }

    /// Keeps one task sleeping on the clock until the earliest timer.
    func armDriver(_ state: inout State) {
        guard !state.isShutDown, let deadline = state.timers.first?.deadline else {
            state.driver?.task.cancel()
            state.driver = nil
            return
        }
        if let driver = state.driver, driver.deadline == deadline { return }
        state.driver?.task.cancel()
        let generation = state.makeID()
        let clock = self.clock
        let task = Task { [weak self] in
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            self?.driverWoke(generation)
        }
        state.driver = (generation, deadline, task)
    }

    private func driverWoke(_ generation: UInt64) {
        let actions = store.withLock { state in
            var actions = Actions()
            if state.driver?.generation == generation { state.driver = nil }
            fireDueTimers(&state, &actions)
            checkIdle(&state, &actions)
            return actions
        }
        perform(actions)
    }

    // MARK: - Idleness and side effects

    /// Nothing runs and, unless the clock is manual, no request waits for a retry.
    func isIdle(_ state: State) -> Bool {
        state.activeCalls == 0 && (state.retryingCalls == 0 || clock is ManualClock)
    }

    func checkIdle(_ state: inout State, _ actions: inout Actions) {
        guard isIdle(state), !state.idleWaiters.isEmpty else { return }
        actions.waiters.append(contentsOf: state.idleWaiters)
        state.idleWaiters.removeAll()
    }

    /// Carries out what a locked section decided: starts calls, reports records and failures, wakes waiters.
    func perform(_ actions: Actions) {
        for job in actions.calls {
            Task { await self.execute(job) }
        }
        if !actions.egress.isEmpty || !actions.failures.isEmpty {
            let (egressHandlers, failureHandlers, streams) = store.withLock {
                ($0.egressHandlers, $0.failureHandlers, Array($0.streams.values))
            }
            for record in actions.egress {
                for handler in egressHandlers { handler(record) }
                for stream in streams { stream.yield(record) }
            }
            for failure in actions.failures {
                for handler in failureHandlers { handler(failure) }
            }
        }
        for waiter in actions.waiters { waiter.resume() }
    }
}
