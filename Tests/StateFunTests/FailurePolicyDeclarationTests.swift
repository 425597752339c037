@testable import StateFun
import Testing

/// `OnFailure` in a function body: the declared policy, its validation and how permanent failures are told apart.
@Suite struct FailurePolicyDeclarationTests {
    static let dlq = KafkaEgress(id: "test/dlq", address: "kafka:9092")
    static let stream = KinesisEgress(id: "test/dlq-stream")

    static func policy(of app: App) -> FailurePolicy? { app.model.functions.first?.failurePolicy }

    @Test func aFunctionRetriesUnlessItDeclaresAPolicy() {
        #expect(Self.policy(of: App { Function("test/f") { Otherwise { _, _ in } } }) == .retry)
        #expect(Self.policy(of: App { Function("test/f") { OnFailure(.discard) } }) == .discard)
        #expect(
            Self.policy(of: App { Function("test/f") { OnFailure(.deadLetter(to: Self.dlq, topic: "poison")) } })
                == .deadLetter(.init(egress: "test/dlq", destination: .kafka(topic: "poison"))))
        #expect(
            Self.policy(of: App { Function("test/f") { OnFailure(.deadLetter(to: Self.stream, stream: "s")) } })
                == .deadLetter(.init(egress: "test/dlq-stream", destination: .kinesis(stream: "s"))))
    }

    @Test func validationNamesAnUndeclaredDeadLetterEgress() {
        let app = App { Function("test/f") { OnFailure(.deadLetter(to: Self.dlq, topic: "poison")) } }
        #expect(app.validate().contains { $0.code == "undeclared-dead-letter-egress" && $0.severity == .error })
        let declared = App {
            Function("test/f") { OnFailure(.deadLetter(to: Self.dlq, topic: "poison")) }
            Self.dlq
        }
        #expect(!declared.validate().contains { $0.code == "undeclared-dead-letter-egress" })
        // An Egress handle names an egress another module of the job defines: nothing to declare here.
        let elsewhere = App { Function("test/f") { Otherwise { _, _ in }; OnFailure(.deadLetter(to: Egress(id: "ops/poison"))) } }
        #expect(!elsewhere.validate().contains { $0.severity == .error }, "\(elsewhere.validate())")
    }

    @Test func validationNamesADeadLetterRecordTheEgressCannotTake() {
        let untopiced = App {
            Function("test/f") { OnFailure(.deadLetter(to: Self.dlq as any EgressHandle)) }
            Self.dlq
        }
        #expect(untopiced.validate().contains { $0.code == "dead-letter-egress-kind" && $0.message.contains("topic") })
        let crossed = App {
            Function("test/f") { OnFailure(.deadLetter(DeadLetterTarget(egress: "test/dlq-stream", destination: .kafka(topic: "t")))) }
            Self.stream
        }
        #expect(crossed.validate().contains { $0.code == "dead-letter-egress-kind" && $0.message.contains("stream") })
        let fitting = App {
            Function("test/f") { OnFailure(.deadLetter(to: Self.stream, stream: "s")) }
            Self.stream
        }
        #expect(!fitting.validate().contains { $0.code == "dead-letter-egress-kind" })
    }

    @Test func twoPoliciesInOneFunctionAreReported() {
        let app = App { Function("test/f") { OnFailure(.discard); OnFailure(.retry) } }
        #expect(app.validate().contains { $0.message.contains("more than one OnFailure") })
    }

    struct Rejected: PermanentFailure {}
    struct Flaky: Error {}

    @Test func permanentFailuresAreTheOnesRetryingCannotFix() {
        let permanent: [any Error] = [
            StateFunError.unhandledMessage(function: "t/f", typeName: "t/x"),
            StateFunError.deserializationFailed(typeName: "t/x", reason: "truncated"),
            StateFunError.stateTypeMismatch(function: "t/f", state: "s", expected: "a/b", actual: "c/d"),
            Rejected(), PermanentError("bad quantity"),
            StateFunError.handlerFailed(function: "t/f", id: "1", underlying: Rejected()),
        ]
        let transient: [any Error] = [
            Flaky(), StateFunError.invalidArgument("x"), StateFunError.handlerFailed(function: "t/f", id: "1", underlying: Flaky()),
        ]
        #expect(permanent.map(FailureClassification.kind(of:)) == Array(repeating: .permanent, count: permanent.count))
        #expect(transient.map(FailureClassification.kind(of:)) == Array(repeating: .transient, count: transient.count))
    }

    @Test func permanentErrorKeepsItsCause() {
        #expect(PermanentError("bad order", underlying: Flaky()).description.hasPrefix("bad order: "))
    }
}
