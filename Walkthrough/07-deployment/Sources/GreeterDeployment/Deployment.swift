#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif
public import StateFun

/// The runtime side of an app, made from the app itself: the module.yaml the StateFun runtime loads, a
/// Dockerfile for the function, a docker-compose.yml that runs the StateFun runtime (master and worker), Kafka and
/// the function together, and an event generator that feeds the ingress topic and prints the greetings.
///
/// Everything that must agree with the app is read from it: the function service's name and port from the
/// endpoint URL (`http://greeter:8000/statefun` → service `greeter`, port 8000), the Kafka service from the
/// ingress and egress addresses, the topics to create from the ingress routes. The rest are ``Options``.
public struct Deployment: Sendable {
    /// What the app does not say: images, paths, names.
    public struct Options: Sendable {
        /// The StateFun runtime image; 3.1 or later reads the components module.yaml written here.
        public var statefunImage = "apache/flink-statefun:3.3.0"
        /// The Kafka broker image (also used to create the topics).
        public var kafkaImage = "confluentinc/cp-kafka:7.6.1"
        /// The ZooKeeper image the broker runs with.
        public var zookeeperImage = "confluentinc/cp-zookeeper:7.6.1"
        /// The image that builds the function: a Swift toolchain.
        public var swiftBuildImage = "swift:6.3-noble"
        /// The image the function runs in: the Swift runtime libraries, no toolchain.
        public var swiftRuntimeImage = "swift:6.3-noble-slim"
        /// The event generator's image.
        public var pythonImage = "python:3.12-slim"
        /// The Swift package of the function, relative to the repository root (the function image's build context).
        public var packagePath = "Samples/Greeter"
        /// The package's executable product that serves the app (`<product> serve`).
        public var product = "greeter"
        /// The repository root, relative to the deployment folder (where docker-compose.yml is).
        public var repositoryRootFromOutput = "../../.."
        /// The deployment folder, relative to the repository root.
        public var outputFromRepositoryRoot = "Walkthrough/07-deployment/deployment"
        /// The module's folder under `/opt/statefun/modules/` in the runtime containers.
        public var moduleName = "greeter"
        /// Topics the functions write to (records pick their topic at run time, so the app cannot say); created
        /// with the ingress topics. The event generator prints what arrives on the first one.
        public var egressTopics = ["greetings"]
        /// The names the event generator picks from.
        public var generatorNames = ["Jerry", "George", "Elaine", "Kramer", "Newman", "Frank"]
        /// How often Flink checkpoints; the exactly-once Kafka egress commits its records with each checkpoint.
        public var checkpointInterval = "10sec"

        /// The defaults: the versions and names the walkthrough's deployment uses.
        public init() {}
    }

    /// The app deployed.
    public let app: App
    /// The settings the app does not make.
    public let options: Options
    let topology: AppTopology

    /// Reads what the deployment needs from `app`; throws every problem that prevents it (validation errors, an
    /// endpoint that is not plain HTTP, several Kafka addresses, ...).
    public init(app: App, options: Options = Options()) throws(DeploymentError) {
        var problems: [String] = []
        if options.egressTopics.isEmpty { problems.append("name at least one egress topic") }
        for topic in options.egressTopics where !Self.isTopicName(topic) {
            problems.append("'\(topic)' is not a Kafka topic name (letters, digits, '.', '_', '-')")
        }
        if options.generatorNames.isEmpty { problems.append("give the event generator at least one name") }
        for name in options.generatorNames where name.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
            problems.append("generator name '\(name)' contains a quote, backslash or line break")
        }
        let tokens = [
            ("product", options.product), ("module name", options.moduleName),
            ("checkpoint interval", options.checkpointInterval), ("StateFun image", options.statefunImage),
            ("Kafka image", options.kafkaImage), ("ZooKeeper image", options.zookeeperImage),
            ("Swift build image", options.swiftBuildImage), ("Swift runtime image", options.swiftRuntimeImage),
            ("Python image", options.pythonImage),
        ]
        for (label, value) in tokens where !Self.isToken(value) {
            problems.append("the \(label) '\(value)' must be letters, digits and . _ - : / only")
        }
        for (label, path) in [("package path", options.packagePath), ("output path", options.outputFromRepositoryRoot)]
        where !Self.isToken(path) || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            problems.append("the \(label) '\(path)' must be relative to the repository root, without '..' (letters, digits and . _ - /)")
        }
        do {
            topology = try AppTopology(app: app)
        } catch {
            throw DeploymentError(problems: problems + error.problems)
        }
        guard problems.isEmpty else { throw DeploymentError(problems: problems) }
        for topic in topology.ingressTopics where !Self.isTopicName(topic) {
            problems.append("'\(topic)' is not a Kafka topic name (letters, digits, '.', '_', '-')")
        }
        guard problems.isEmpty else { throw DeploymentError(problems: problems) }
        self.app = app
        self.options = options
    }

    /// The files, in the order they are listed and written.
    public func files() -> [DeploymentFile] {
        [
            DeploymentFile(path: "module.yaml", contents: topology.moduleYAML),
            DeploymentFile(path: "Dockerfile", contents: functionDockerfile()),
            DeploymentFile(path: "Dockerfile.dockerignore", contents: dockerignore()),
            DeploymentFile(path: "docker-compose.yml", contents: composeFile()),
            DeploymentFile(path: "generator/Dockerfile", contents: generatorDockerfile()),
            DeploymentFile(path: "generator/event-generator.py", contents: generatorScript()),
        ]
    }

    /// Writes ``files()`` under `directory`, creating folders as needed; returns the paths written.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        var written: [URL] = []
        for file in files() {
            let url = directory.appending(path: file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
            written.append(url)
        }
        return written
    }

    /// The name of the function's service in docker-compose.yml: the endpoint URL's host.
    public var functionService: String { topology.functionHost }
    /// The port the function serves on.
    public var functionPort: Int { topology.functionPort }
    /// The Kafka broker's service name, as the module.yaml's addresses name it.
    public var kafkaService: String { topology.kafkaHost }
    /// The port the broker listens on, from the same addresses.
    public var kafkaPort: Int { topology.kafkaPort }
    /// Every topic the deployment creates: the ingress topics, then the egress topics.
    public var topics: [String] {
        var all: [String] = []
        for topic in topology.ingressTopics + options.egressTopics where !all.contains(topic) { all.append(topic) }
        return all
    }

    /// A word that goes into the generated files as it is: an image, a product, a duration.
    static func isToken(_ value: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:/")
        return !value.isEmpty && value.allSatisfy(allowed.contains)
    }

    /// Kafka's rule for topic names: 1 to 249 of letters, digits, '.', '_' and '-'.
    static func isTopicName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        return !name.isEmpty && name.count <= 249 && name.allSatisfy(allowed.contains)
    }
}
