import RunMistakes
import StateFun
import StateFunTesting
import Testing

@Suite struct MistakesTests {
    func firstInvocation(_ app: App, _ function: TypeName = "example/greeter") async -> String {
        do {
            _ = try await TestInvocation(app: app, function: function, id: "ann").invoke(with: "ann")
            return "(nothing reported)"
        } catch {
            return "\(error)"
        }
    }

    @Test func aTypoInAnIngressTarget() async {
        #expect(Mistakes.typoTarget.validate().contains { $0.severity == .error && $0.message.contains("example/greter") })
        let report = await firstInvocation(Mistakes.typoTarget)
        print("typo target:", report)
        #expect(report.contains("example/greter"))
    }

    @Test func aStateNameWithADash() async {
        #expect(Mistakes.dashedState.validate().contains { $0.severity == .error && $0.message.contains("seen-count") })
        let report = await firstInvocation(Mistakes.dashedState)
        print("dashed state:", report)
        #expect(report.contains("seen-count"))
    }

    @Test func aWriteToAnEgressTheAppDoesNotDeclare() async {
        let report = await firstInvocation(Mistakes.undeclaredEgress)
        print("undeclared egress:", report)
        #expect(report.contains("example/greet'"))
    }

    @Test func aWriteToAnEgressTheFunctionDoesNotList() async {
        let report = await firstInvocation(Mistakes.unlistedEgress)
        print("unlisted egress:", report)
        #expect(report.contains("writes to egress example/audit") && report.contains("Emits(\"example/audit\")"))
    }

    @Test func aMessageOfATypeTheTargetHasNoHandlerFor() async {
        let report = await firstInvocation(Mistakes.wrongType, "example/sender")
        print("wrong type:", report)
        #expect(report.contains("example/hello") && report.contains("io.statefun.types/long"))
    }

    @Test func aSendToAFunctionTheSenderDoesNotList() async {
        let report = await firstInvocation(Mistakes.unlistedSend, "example/sender")
        print("unlisted send:", report)
        #expect(report.contains("sends to example/hello/ann") && report.contains("Sends(\"example/hello\")"))
    }

    @Test func aTypoInADeclaredSendTarget() async {
        let report = await firstInvocation(Mistakes.sendsTypo, "example/sender")
        print("sends typo:", report)
        #expect(report.contains("Sends(\"example/helo\")") && report.contains("[unknown-send-target]"))
    }
}
