// The deploy commands (`deploy kubernetes | compose | dockerfile`): golden files of the files they write for a small
// app (Fixtures/deploy/<case>/, exact text), the module ConfigMap holding `module-yaml`'s output byte for byte,
// `--check`, and every bad option reported at once, with nothing written.
//
// To regenerate the goldens after a deliberate change, run the tests with DEPLOY_GOLDEN_DIR=<dir> and copy the
// folders written there over Fixtures/deploy/. CI validates the same goldens against the Kubernetes schemas and the
// FlinkDeployment CRD (.ci/steps.d/samples/23-deploy-manifests.sh).

import Foundation
import StateFun
import StateFunTesting
import Testing

@Suite struct DeployCommandTests {
    /// The walkthrough's greeter in miniature: one function behind a Kafka ingress, a Kafka egress, one endpoint.
    static let app = App {
        Function("shop/cart") {
            ValueSpec<Int64>("items")
            Handle(String.self) { _, _ in }
        }
        KafkaIngress(id: "shop/orders", address: "kafka:9092", consumerGroupId: "shop") {
            KafkaTopic("orders", valueType: String.self, targets: "shop/cart")
        }
        KafkaEgress(id: "shop/receipts", address: "kafka:9092")
        Endpoint(functions: "shop/*", urlPathTemplate: "http://cart:8000/statefun")
    }

    /// The same app, its endpoint naming the Service with its namespace.
    static let namespacedApp = App {
        Function("shop/cart") { Handle(String.self) { _, _ in } }
        Endpoint(functions: "shop/*", urlPathTemplate: "http://cart.shop.svc.cluster.local:9000/statefun")
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func run(_ arguments: [String], app: App = Self.app) async -> (status: Int32, out: String, err: String) {
        let captured = CapturedOutput()
        let status = await app.runCommandLine(
            arguments: ["/usr/local/bin/shop"] + arguments, output: captured.output)
        return (status, captured.standardOutput, captured.standardError)
    }

    /// Runs the command into a fresh folder; returns the files written, by name.
    func generate(_ arguments: [String], app: App = Self.app) async throws -> [String: String] {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = await run(arguments + ["--out", folder], app: app)
        #expect(result.status == 0, "\(result.err)")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return files
    }

    static func compareWithGoldens(_ files: [String: String], case name: String) throws {
        if let directory = ProcessInfo.processInfo.environment["DEPLOY_GOLDEN_DIR"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
            for (file, contents) in files {
                try contents.write(toFile: "\(directory)/\(name)/\(file)", atomically: true, encoding: .utf8)
            }
        }
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/deploy/" + name)
        let goldens = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(files.keys) == Set(goldens), "\(name): files written differ from the golden folder")
        for (file, contents) in files {
            let expected = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(contents == expected, "\(name)/\(file) differs from the golden file; actual:\n\(contents)")
        }
    }

    static let kubernetesArguments = [
        "deploy", "kubernetes", "--namespace", "shop", "--image", "registry.example.com/shop/cart:1.0.0",
        "--checkpoint-storage", "s3://shop-state/statefun", "--workers", "2", "--task-slots", "2",
    ]

    @Test func kubernetesManifestsMatchTheGoldenFiles() async throws {
        let files = try await generate(Self.kubernetesArguments)
        try Self.compareWithGoldens(files, case: "kubernetes-statefun")
    }

    @Test func flinkOperatorManifestsMatchTheGoldenFiles() async throws {
        let files = try await generate(Self.kubernetesArguments + ["--target", "flink-operator", "--worker-cpu", "1.5"])
        try Self.compareWithGoldens(files, case: "kubernetes-flink-operator")
        #expect(files["30-statefun.yaml"] == nil)
    }

    @Test func composeAndDockerfileMatchTheGoldenFiles() async throws {
        try Self.compareWithGoldens(
            try await generate(["deploy", "compose", "--egress-topics", "receipts", "--build-context", "../.."]),
            case: "compose")
        try Self.compareWithGoldens(
            try await generate(["deploy", "dockerfile", "--package-path", "Apps/Shop"]), case: "dockerfile")
    }

    /// The text of the literal block scalar under `key` (a `data` entry: `  key: |`, its lines indented 4).
    static func literalBlock(_ key: String, in text: String) -> String? {
        guard let start = text.range(of: "  \(key): |\n")?.upperBound else { return nil }
        var lines: [Substring] = []
        for line in text[start...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.isEmpty || line.hasPrefix("    ") else { break }
            lines.append(line.dropFirst(4))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theModuleConfigMapHoldsModuleYAMLByteForByte() async throws {
        let files = try await generate(Self.kubernetesArguments)
        let configMap = try #require(files["10-module.yaml"])
        // The data value is a literal block (`module.yaml: |`): the module.yaml's lines, indented 4 spaces.
        let embedded = try #require(Self.literalBlock("module.yaml", in: configMap))
        let moduleYAML = await run(["module-yaml"]).out
        #expect(embedded == moduleYAML)
        #expect(moduleYAML == Self.app.moduleYAML())
    }

    @Test func theFunctionWaitsLongerThanTheServerDrains() async throws {
        let deployment = try #require(try await generate(Self.kubernetesArguments)["20-function.yaml"])
        let documents = try BlockYAML.documents(deployment)
        let spec = documents[0]["spec"]?["template"]?["spec"]
        let grace = try #require(spec?["terminationGracePeriodSeconds"])
        let drain = ServeConfiguration().http.shutdownGracePeriod.components.seconds
        guard case .int(let seconds) = grace else { Issue.record("not an integer: \(grace)"); return }
        #expect(seconds > drain)
        let container = spec?["containers"]?[0]
        #expect(container?["livenessProbe"]?["httpGet"]?["path"] == .string("/health"))
        #expect(container?["readinessProbe"]?["httpGet"]?["path"] == .string("/ready"))
        #expect(documents[1]["kind"] == .string("Service"))
        #expect(documents[1]["metadata"]?["name"] == .string("cart"))
        #expect(documents[2]["apiVersion"] == .string("autoscaling/v2"))
    }

    @Test func theNamespaceComesFromTheEndpointHost() async throws {
        let files = try await generate(["deploy", "kubernetes"], app: Self.namespacedApp)
        let service = try BlockYAML.documents(try #require(files["20-function.yaml"]))[1]
        #expect(service["metadata"]?["namespace"] == .string("shop"))
        #expect(service["spec"]?["ports"]?[0]?["port"] == .int(9000))
        #expect(files["00-namespace.yaml"] != nil)
    }

    @Test func badOptionsAreAllReportedAndNothingIsWritten() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = await run(
            [
                "deploy", "kubernetes", "--out", folder, "--namespace", "Shop_1", "--image", "Registry/Cart:1 0",
                "--cpu", "-1", "--memory", "lots", "--checkpoint-storage", "s3:/bucket", "--checkpoint-interval", "0s",
                "--module-name", "1shop", "--max-replicas", "1", "--master-cpu", "half",
                "--target", "flink-operator", "--flink-version", "v1_16", "--upgrade-mode", "fast",
            ], app: Self.namespacedApp)
        #expect(result.status == 1)
        let expected = [
            "--namespace: 'Shop_1' is not a DNS-1123 label", "--module-name: '1shop' is not a DNS-1035 label",
            "--image: 'Registry/Cart:1 0' is not a container image reference", "--cpu: '-1' is not a Kubernetes quantity",
            "--memory: 'lots' is not a Kubernetes quantity", "--master-cpu: 'half' is not a positive number of CPU cores",
            "--checkpoint-storage: 's3:/bucket' is not a file system URI",
            "--checkpoint-interval: '0s' is not a Flink duration above zero",
            "--max-replicas: 1 is below --replicas 2", "--flink-version: 'v1_16' is not one of v2_0, v2_1, v2_2",
            "--upgrade-mode: 'fast' is not one of stateless, savepoint, last-state",
            "names namespace 'shop' but the function is deployed into 'Shop_1'",
            "error: 12 problems; nothing written",
        ]
        for text in expected { #expect(result.err.contains(text), "missing: \(text)\n\(result.err)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func anAppTheRuntimeCannotReachIsRefused() async throws {
        let unreachable = App {
            Function("shop/cart") { Handle(String.self) { _, _ in } }
            Endpoint(functions: "shop/*", urlPathTemplate: "https://cart:8443/statefun")
        }
        let result = await run(["deploy", "kubernetes", "--out", "/nonexistent"], app: unreachable)
        #expect(result.status == 1)
        #expect(result.err.contains("is not http://host[:port]/path"), "\(result.err)")
        let noEndpoint = App { Function("shop/cart") { Handle(String.self) { _, _ in } } }
        let compose = await run(["deploy", "compose", "--out", "/nonexistent"], app: noEndpoint)
        #expect(compose.err.contains("the app declares no Endpoint"), "\(compose.err)")
    }

    @Test func extraFlinkSettingsApplyOverTheGeneratedOnes() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let settings = folder + "/flink.yaml"
        try """
            # credentials for the checkpoint bucket
            s3.endpoint: http://minio.storage:9000
            execution.checkpointing.interval: 1min

            """.write(toFile: settings, atomically: true, encoding: .utf8)
        let arguments = ["deploy", "kubernetes", "--flink-config", settings, "--service-account", "statefun-runtime"]
        let upstream = try await generate(arguments)
        let runtime = try #require(upstream["30-statefun.yaml"])
        let lines = try #require(Self.literalBlock("flink-conf.yaml", in: runtime)).split(separator: "\n")
        #expect(lines.contains("execution.checkpointing.interval: 1min"))
        #expect(!lines.contains("execution.checkpointing.interval: 10s"))
        #expect(lines.last == "s3.endpoint: http://minio.storage:9000")
        // Both runtime pods (master and worker) run as the account.
        #expect(runtime.components(separatedBy: "      serviceAccountName: statefun-runtime\n").count == 3)

        let onOperator = try await generate(arguments + ["--target", "flink-operator"])
        let spec = try BlockYAML.documents(try #require(onOperator["30-flink-deployment.yaml"]))[0]["spec"]
        #expect(spec?["flinkConfiguration"]?["s3.endpoint"] == .string("http://minio.storage:9000"))
        #expect(spec?["flinkConfiguration"]?["execution.checkpointing.interval"] == .string("1min"))
        #expect(spec?["serviceAccount"] == .string("statefun-runtime"))
    }

    @Test func aBadFlinkSettingsFileIsReportedLineByLine() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let settings = folder + "/flink.yaml"
        try "ok.key: 1\nno separator\nbad key!: x\nempty: \nhash: a#b\nok.key: 2\n"
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let result = await run(["deploy", "kubernetes", "--out", folder + "/out", "--flink-config", settings])
        #expect(result.status == 1)
        for text in [
            "line 2 is not 'key: value'", "line 3: 'bad key!' is not a Flink configuration key", "line 4: 'empty' has no value",
            "line 5: the value of 'hash' contains '#'", "line 6: 'ok.key' is set twice",
        ] {
            #expect(result.err.contains(text), "missing: \(text)\n\(result.err)")
        }
        let missing = await run(["deploy", "kubernetes", "--out", folder + "/out", "--flink-config", folder + "/none.yaml"])
        #expect(missing.err.contains("--flink-config: cannot read"))
        let huge = folder + "/huge.yaml"
        try String(repeating: "a.key: value\n", count: 6000).write(toFile: huge, atomically: true, encoding: .utf8)
        let tooLong = await run(["deploy", "kubernetes", "--out", folder + "/out", "--flink-config", huge])
        #expect(tooLong.err.contains("huge.yaml' is larger than 65536 bytes"))
    }

    @Test func checkReportsStaleFilesAndWritesNothing() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(await run(["deploy", "dockerfile", "--out", folder]).status == 0)
        #expect(await run(["deploy", "dockerfile", "--out", folder, "--check"]).status == 0)
        try "changed\n".write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
        let stale = await run(["deploy", "dockerfile", "--out", folder, "--check"])
        #expect(stale.status == 1)
        #expect(stale.err.contains("out of date: \(folder)/Dockerfile"))
        #expect(try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8) == "changed\n")
    }

    @Test func deployIsACommandGroup() async {
        let bare = await run(["deploy"])
        #expect(bare.status == 2)
        #expect(bare.err.contains("'deploy' needs one of: kubernetes, compose, dockerfile"))
        let help = await run(["deploy", "--help"])
        #expect(help.status == 0 && help.out.contains("deploy kubernetes"))
        let commandHelp = await run(["help", "deploy", "compose"])
        #expect(commandHelp.out.hasPrefix("USAGE: shop deploy compose"))
        #expect(await run(["deploy", "helm"]).err.contains("unknown command 'deploy helm'"))
    }

    @Test func versionPrintsTheSDKVersion() async {
        let result = await run(["--version"])
        #expect(result.status == 0)
        #expect(result.out == "swift-statefun \(StateFunSDK.version)\n")
        #expect(StateFunSDK.version.split(separator: ".").count == 3)
    }
}
