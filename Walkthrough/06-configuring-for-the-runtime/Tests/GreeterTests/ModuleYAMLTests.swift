#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Greeter
import StateFun
import StateFunTesting
import Testing

@Suite struct ModuleYAMLTests {
    /// This step's folder, where the checked-in module.yaml files live.
    static let packageDirectory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func checkedIn(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: packageDirectory.appending(path: name)), as: UTF8.self)
    }

    @Test func theCheckedInModuleYAMLIsWhatTheAppEmits() throws {
        #expect(try Self.checkedIn("module.yaml") == GreeterApp.app.moduleYAML())
    }

    @Test func theModuleYAMLIsTheGreeterSamplesByteForByte() throws {
        // Where the walkthrough ends: Samples/Greeter's checked-in module.yaml (step 7 builds on that app).
        let sample = Self.packageDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Samples/Greeter/module.yaml")
        #expect(try String(decoding: Data(contentsOf: sample), as: UTF8.self) == GreeterApp.app.moduleYAML())
    }

    @Test func theCheckedInFormat10FileIsWhatTheAppEmits() throws {
        #expect(
            try Self.checkedIn("module-1.0.yaml")
                == GreeterApp.app.moduleYAML(format: .v1_0, endpoint: WalkthroughModule.endpoint))
    }

    @Test func format10WithThePythonWorkersEndpointIsTheWalkthroughsModule() throws {
        let generated = try BlockYAML.document(
            GreeterApp.app.moduleYAML(format: .v1_0, endpoint: WalkthroughModule.endpoint))
        let expected = try BlockYAML.document(WalkthroughModule.yaml)
        #expect(generated == expected)
    }

    @Test func theComponentsFormatHasOneDocumentPerComponent() throws {
        let documents = try BlockYAML.documents(GreeterApp.app.moduleYAML())
        #expect(
            documents.map { $0["kind"]?.string } == [
                "io.statefun.endpoints.v2/http", "io.statefun.kafka.v1/ingress", "io.statefun.kafka.v1/egress",
            ])
        let endpoint = try #require(documents.first?["spec"])
        #expect(endpoint["functions"] == .string("example/*"))
        #expect(endpoint["urlPathTemplate"] == .string("http://greeter:8000/statefun"))
        #expect(endpoint["maxNumBatchRequests"] == .int(500))
        #expect(endpoint["transport"]?["timeouts"]?["call"] == .string("2min"))
        let topic = documents[1]["spec"]?["topics"]?[0]
        #expect(topic?["valueType"] == .string("com.googleapis/example.GreetRequest"))
        #expect(topic?["targets"] == .list([.string("example/greeter")]))
        #expect(documents[2]["spec"]?["deliverySemantic"]?["transactionTimeout"] == .string("100s"))
    }

    @Test func everyFormatReadsBack() throws {
        for format in ModuleFormat.allCases {
            let documents = try BlockYAML.documents(GreeterApp.app.moduleYAML(format: format))
            #expect(!documents.isEmpty, "format \(format)")
        }
    }

    @Test func theModuleYAMLCommandPrintsTheSameText() async {
        let captured = CapturedOutput()
        let status = await GreeterApp.app.runCommandLine(
            arguments: ["greeter", "module-yaml", "--format", "1.0", "--endpoint", WalkthroughModule.endpoint],
            commands: [LocalDemo.command], defaultCommand: "demo", output: captured.output)
        #expect(status == 0)
        #expect(captured.standardOutput == GreeterApp.app.moduleYAML(format: .v1_0, endpoint: WalkthroughModule.endpoint))
    }
}
