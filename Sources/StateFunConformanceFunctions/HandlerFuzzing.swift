import Dispatch
package import StateFun
import StateFunProtocol
import Synchronization

/// The fuzzing oracle for request handling: a ``RequestReplyHandler`` serving the conformance functions takes
/// arbitrary bytes as a request body, as the function endpoint would. Shared by the libFuzzer harnesses
/// (`Fuzz/FuzzHandlerV3`, `Fuzz/FuzzHandlerV2`) and the unit test that replays their corpora in CI.
///
/// Crashing (a trap, an ASan report) is the main kind of bug this finds; bad input must end as a thrown
/// ``StateFunError`` (an HTTP status). Beyond that, ``check(_:_:)`` reports:
/// - an answer that does not decode as a `FromFunction` of the handler's protocol (the writer produced bytes
///   the runtime would reject);
/// - an input handled twice with different outcomes (the handler reuses buffers from batch to batch, so state
///   leaking from one batch into the next shows here); JSON payloads compare as JSON, as in the oracle's rule.
package enum HandlerFuzzing {
    /// What handling one body came to.
    package enum Outcome: Equatable, Sendable {
        /// The handler answered these bytes (HTTP 200).
        case answered([UInt8])
        /// The handler threw (HTTP 400, 404 or 500); the error's description.
        case failed(String)
    }

    package static let handlerV3 = ConformanceFunctions.appV3().requestReplyHandler(protocolVersion: .v3)
    package static let handlerV2 = ConformanceFunctions.appV2().requestReplyHandler(protocolVersion: .v2)

    /// Handles `bytes` as a request body of `version` twice; returns a description of what is wrong, or nil.
    package static func check(_ bytes: [UInt8], _ version: ProtocolVersion) async -> String? {
        let handler = version == .v3 ? handlerV3 : handlerV2
        let first = await outcome(of: bytes, handler)
        if case .answered(let answer) = first, let problem = decodingProblem(answer, version) {
            return "the answer does not decode as FromFunction (\(version)): \(problem)"
        }
        let second = await outcome(of: bytes, handler)
        if !same(first, second, version) {
            return "the same request handled twice differently:\n first: \(first)\n second: \(second)"
        }
        return nil
    }

    /// ``check(_:_:)`` from synchronous code (libFuzzer's callback): blocks the calling thread until the check,
    /// which runs on the concurrency runtime's threads, is done.
    package static func checkBlocking(_ bytes: [UInt8], _ version: ProtocolVersion) -> String? {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        // Immediate: the check runs on this thread up to its first suspension, which only an async handler makes
        // (`example/async-greeter`); a hop to another thread and back for every input costs more than the check.
        Task.immediate {
            let problem = await check(bytes, version)
            result.value.withLock { $0 = problem }
            done.signal()
        }
        done.wait()
        return result.value.withLock { $0 }
    }

    private final class ResultBox: Sendable {
        let value = Mutex<String?>(nil)
    }

    /// Hands `bytes` to `handler` as the function endpoint does.
    package static func outcome(of bytes: [UInt8], _ handler: RequestReplyHandler) async -> Outcome {
        do {
            return .answered(try await handler.handle(bytes))
        } catch {
            return .failed(error.description)
        }
    }

    /// Equal outcomes; answers by the oracle's rule (``ResponseComparison``): `example/Profile` holds its JSON
    /// object in a dictionary, whose key order differs from instance to instance, so its payloads compare as JSON.
    private static func same(_ first: Outcome, _ second: Outcome, _ version: ProtocolVersion) -> Bool {
        if case .answered(let a) = first, case .answered(let b) = second {
            return ResponseComparison.equal(a, b, version)
        }
        return first == second
    }

    /// Why `answer` is no `FromFunction` of `version` the runtime could read, or nil. An empty answer is a
    /// `FromFunction` without response, which the runtime reads as an empty result (protocol.md §4).
    private static func decodingProblem(_ answer: [UInt8], _ version: ProtocolVersion) -> String? {
        do {
            switch version {
            case .v3: _ = try FromFunctionV3(serialized: answer)
            case .v2: _ = try FromFunctionV2(serialized: answer)
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
