import Foundation
import GreeterApp
@testable import GreeterDeployment
import StateFun
import Synchronization
import StateFunTesting
import Testing

@Suite struct DeploymentTests {
    static let stepDirectory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let deploymentDirectory = stepDirectory.appending(path: "deployment")
    static let repositoryRoot = stepDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static func generated(_ path: String) throws -> String {
        try #require(try Deployment(app: Greeter.app).files().first { $0.path == path }).contents
    }

    @Test func theCheckedInFilesAreWhatTheGeneratorWrites() throws {
        let files = try Deployment(app: Greeter.app).files()
        for file in files {
            #expect(try Self.read(Self.deploymentDirectory.appending(path: file.path)) == file.contents, "\(file.path)")
        }
        // And nothing else is there.
        let enumerator = FileManager.default.enumerator(atPath: Self.deploymentDirectory.path)
        var onDisk: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory = false
            _ = FileManager.default.fileExists(
                atPath: Self.deploymentDirectory.appending(path: path).path, isDirectory: &isDirectory)
            if !isDirectory { onDisk.append(path) }
        }
        #expect(onDisk.sorted() == files.map(\.path).sorted())
    }

    @Test func theModuleYAMLIsTheGreeterSamplesAndStep6s() throws {
        let moduleYAML = try Self.generated("module.yaml")
        #expect(moduleYAML == Greeter.app.moduleYAML())
        // Step 6 built the same app by hand: its module.yaml is byte for byte the sample's.
        let step6 = Self.stepDirectory.deletingLastPathComponent().appending(path: "06-configuring-for-the-runtime/module.yaml")
        #expect(try Self.read(step6) == moduleYAML)
        #expect(try Self.read(Self.repositoryRoot.appending(path: "Samples/Greeter/module.yaml")) == moduleYAML)
    }

    /// The Dockerfile's instructions, continuation lines joined, comments and blank lines dropped.
    static func instructions(_ dockerfile: String) -> [(keyword: String, arguments: String)] {
        var logical: [String] = []
        var pending = ""
        for line in dockerfile.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty && (trimmed.isEmpty || trimmed.hasPrefix("#")) { continue }
            if trimmed.hasSuffix("\\") {
                pending += trimmed.dropLast() + " "
            } else {
                logical.append(pending + trimmed)
                pending = ""
            }
        }
        return logical.map { line in
            let keyword = line.prefix { !$0.isWhitespace }
            return (String(keyword), line.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces))
        }
    }

    static let dockerKeywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",
        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    @Test func theFunctionDockerfileBuildsTheSampleAndServesIt() throws {
        let steps = Self.instructions(try Self.generated("Dockerfile"))
        #expect(steps.allSatisfy { Self.dockerKeywords.contains($0.keyword) }, "\(steps.map(\.keyword))")
        #expect(steps.first?.keyword == "FROM")
        let stages = steps.filter { $0.keyword == "FROM" }.map(\.arguments)
        #expect(stages == ["swift:6.3-noble AS build", "swift:6.3-noble-slim"])
        let run = try #require(steps.first { $0.keyword == "RUN" }).arguments
        #expect(run.contains("swift build -c release --package-path Samples/Greeter --product greeter"))
        #expect(steps.contains { $0.keyword == "COPY" && $0.arguments == "--from=build /out/greeter /usr/local/bin/greeter" })
        #expect(steps.contains { $0.keyword == "EXPOSE" && $0.arguments == "8000" })
        #expect(steps.contains { $0.keyword == "ENTRYPOINT" && $0.arguments == #"["greeter"]"# })
        #expect(steps.last?.keyword == "CMD")
        #expect(steps.last?.arguments == #"["serve", "--host", "0.0.0.0", "--port", "8000"]"#)
        // The package and product it builds exist.
        let manifest = try Self.read(Self.repositoryRoot.appending(path: "Samples/Greeter/Package.swift"))
        #expect(manifest.contains(#".executable(name: "greeter""#))
    }

    @Test func theGeneratorImageIsWellFormed() throws {
        let steps = Self.instructions(try Self.generated("generator/Dockerfile"))
        #expect(steps.map(\.keyword) == ["FROM", "RUN", "COPY", "RUN", "ENTRYPOINT"])
        #expect(steps.last?.arguments == #"["python", "-u", "/app/event-generator.py"]"#)
        let script = try Self.generated("generator/event-generator.py")
        #expect(script.contains(#"REQUESTS_TOPIC = "names""#))
        #expect(script.contains(#"GREETINGS_TOPIC = "greetings""#))
        #expect(script.contains(#"BROKER = os.environ.get("KAFKA_BROKER", "kafka-broker:9092")"#))
    }

    @Test func theComposeFileWiresWhatModuleYAMLNames() throws {
        let compose = try BlockYAML.document(try Self.generated("docker-compose.yml"))
        guard case .map(let serviceEntries)? = compose["services"] else {
            Issue.record("no services")
            return
        }
        let services = Dictionary(uniqueKeysWithValues: serviceEntries.map { ($0.key, $0.value) })
        #expect(
            Set(services.keys) == [
                "zookeeper", "kafka-broker", "kafka-topics", "greeter", "statefun-master", "statefun-worker",
                "event-generator",
            ])

        // module.yaml's endpoint names the function service and the port it exposes.
        let module = try BlockYAML.documents(try Self.generated("module.yaml"))
        let endpoint = try #require(module.first { $0["kind"] == .string("io.statefun.endpoints.v2/http") })
        #expect(endpoint["spec"]?["urlPathTemplate"] == .string("http://greeter:8000/statefun"))
        #expect(services["greeter"]?["expose"] == .list([.string("8000")]))

        // Its Kafka addresses name the broker service and the port it listens on.
        let addresses = module.compactMap { $0["spec"]?["address"] }
        #expect(addresses == [.string("kafka-broker:9092"), .string("kafka-broker:9092")])
        #expect(
            services["kafka-broker"]?["environment"]?["KAFKA_ADVERTISED_LISTENERS"] == .string("PLAINTEXT://kafka-broker:9092"))

        // The runtime: the StateFun image as master and worker, each with module.yaml where the image loads modules.
        for (name, role) in [("statefun-master", "master"), ("statefun-worker", "worker")] {
            let service = services[name]
            #expect(service?["image"] == .string("apache/flink-statefun:3.3.0"))
            #expect(service?["environment"]?["ROLE"] == .string(role))
            #expect(service?["environment"]?["MASTER_HOST"] == .string("statefun-master"))
            #expect(service?["volumes"]?[0] == .string("./module.yaml:/opt/statefun/modules/greeter/module.yaml:ro"))
        }
        #expect(services["statefun-master"]?["command"]?[0] == .string("-Dexecution.checkpointing.interval=10sec"))

        // Both topics are created.
        let create = services["kafka-topics"]?["entrypoint"]?[2]?.string ?? ""
        #expect(create.contains("--create --if-not-exists --topic names "))
        #expect(create.contains("--create --if-not-exists --topic greetings "))

        // Every dependency is a service; every build context and Dockerfile exists.
        for (name, service) in services {
            switch service["depends_on"] {
            case .list(let items)?: #expect(items.allSatisfy { $0.string.map { services[$0] != nil } == true }, "\(name)")
            case .map(let entries)?: #expect(entries.allSatisfy { services[$0.key] != nil }, "\(name)")
            default: break
            }
            guard let build = service["build"] else { continue }
            let context = Self.deploymentDirectory.appending(path: try #require(build["context"]?.string)).standardizedFileURL
            let dockerfile = context.appending(path: build["dockerfile"]?.string ?? "Dockerfile")
            #expect(FileManager.default.fileExists(atPath: dockerfile.path), "\(name): \(dockerfile.path)")
        }
        #expect(compose["volumes"]?["checkpoints"] == .map([]))
    }

    @Test func everyProblemOfAnUndeployableAppIsReported() {
        let app = App {
            Function("example/a") { Handle(String.self) { _, _ in } }
            KafkaIngress(id: "example/in", address: "kafka-one:9092") {
                KafkaTopic("bad topic", valueType: String.self, targets: "example/a")
            }
            KafkaEgress(id: "example/out", address: "kafka-two:9092")
            Endpoint(functions: "example/*", urlPathTemplate: "https://secure:8443/statefun")
        }
        var options = Deployment.Options()
        options.egressTopics = []
        options.product = "green er"
        do {
            _ = try Deployment(app: app, options: options)
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count >= 3, "\(error)")
            #expect(error.problems.contains { $0.contains("egress topic") })
            #expect(error.problems.contains { $0.contains("the product 'green er'") })
            #expect(error.problems.contains { $0.contains("https://secure:8443/statefun") })
            #expect(error.problems.contains { $0.contains("one broker address") })
        }
    }

    @Test func relativePathsBetweenFolders() {
        let root = URL(filePath: "/work/repo", directoryHint: .isDirectory)
        let output = URL(filePath: "/work/repo/Walkthrough/07-deployment/deployment", directoryHint: .isDirectory)
        #expect(Deployment.relativePath(from: output, to: root) == "../../..")
        #expect(Deployment.relativePath(from: root, to: output) == "Walkthrough/07-deployment/deployment")
        #expect(Deployment.relativePath(from: root, to: root) == ".")
        #expect(Deployment.relativePath(from: URL(filePath: "/tmp/x"), to: root) == "../../work/repo")
    }

    @Test func theCommandFindsTheRepositoryWritesTheFilesAndChecksThem() async throws {
        // A repository of its own in a scratch folder: the function's package, and a folder to deploy from.
        let scratch = FileManager.default.temporaryDirectory.appending(path: "greeter-deployment-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appending(path: "repo")
        let package = root.appending(path: "Samples/Greeter")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try Data("// swift-tools-version: 6.2\n".utf8).write(to: package.appending(path: "Package.swift"))
        let output = root.appending(path: "ops/deployment")

        let text = Mutex("")
        let sink = CommandOutput(
            standardOutput: { chunk in text.withLock { $0 += chunk } },
            standardError: { chunk in text.withLock { $0 += chunk } })
        func run(_ arguments: [String]) async -> Int32 {
            await Greeter.app.runCommandLine(
                arguments: ["greeter-deployment", "generate-deployment"] + arguments, commands: [Deployment.command],
                defaultCommand: "generate-deployment", output: sink)
        }

        #expect(await run(["--output", output.path]) == 0)
        var options = Deployment.Options()
        options.repositoryRootFromOutput = "../.."
        options.outputFromRepositoryRoot = "ops/deployment"
        for file in try Deployment(app: Greeter.app, options: options).files() {
            #expect(try Self.read(output.appending(path: file.path)) == file.contents, "\(file.path)")
        }

        #expect(await run(["--output", output.path, "--check"]) == 0)
        try Data("changed\n".utf8).write(to: output.appending(path: "module.yaml"))
        #expect(await run(["--output", output.path, "--check"]) == 1)
        #expect(text.withLock { $0 }.contains("out of date: module.yaml"))

        // A deployment folder outside the repository could not build the function image.
        #expect(await run(["--output", scratch.appending(path: "elsewhere").path, "--repository-root", root.path]) == 1)
        #expect(text.withLock { $0 }.contains("is not inside the repository root"))
    }
}
