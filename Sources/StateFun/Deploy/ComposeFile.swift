/// `docker-compose.yml` for one machine, written by `<app> deploy compose`: Kafka (with ZooKeeper) and a one-shot
/// service creating the topics when the app uses Kafka; the function, built from the Dockerfile of `deploy
/// dockerfile`; and the StateFun runtime's master and worker (`apache/flink-statefun`, the roles its image's
/// entry point knows) with the app's module.yaml mounted at `/opt/statefun/modules/<module>/module.yaml`.
///
/// Service names come from the app: the function's is the endpoint URL's host, Kafka's the brokers' address host,
/// so the module.yaml works unchanged inside the compose network.
package struct ComposeFile: Sendable {
    package var source: DeploymentSource
    /// The folder under `/opt/statefun/modules/`.
    package var moduleName: String
    /// The function image's build context, relative to the compose file's folder.
    package var buildContext = "."
    /// The Dockerfile, relative to the build context.
    package var dockerfile = "Dockerfile"
    package var statefunImage = ComposeFile.defaultStatefunImage
    package var kafkaImage = "confluentinc/cp-kafka:7.6.1"
    package var zookeeperImage = "confluentinc/cp-zookeeper:7.6.1"
    /// Topics the functions write to (a record picks its topic at run time, so the app cannot say), created
    /// with the ingress topics.
    package var egressTopics: [String] = []
    /// How often Flink checkpoints; an exactly-once Kafka egress commits its records with each checkpoint.
    package var checkpointInterval = "10s"

    /// StateFun 3.3, the last upstream release: it reads the components module.yaml.
    package static let defaultStatefunImage = "apache/flink-statefun:3.3.0"

    package init(source: DeploymentSource, moduleName: String) {
        self.source = source
        self.moduleName = moduleName
    }

    /// Records what is wrong with the settings, or with the app for one compose network.
    package func check(into problems: inout DeployProblems) {
        problems.check(option: "module-name", DeployRules.dns1123Label(moduleName))
        problems.check(option: "build-context", DeployRules.composePath(buildContext))
        problems.check(option: "dockerfile", DeployRules.composePath(dockerfile))
        problems.check(option: "statefun-image", DeployRules.imageReference(statefunImage))
        problems.check(option: "kafka-image", DeployRules.imageReference(kafkaImage))
        problems.check(option: "zookeeper-image", DeployRules.imageReference(zookeeperImage))
        problems.check(option: "checkpoint-interval", DeployRules.flinkDuration(checkpointInterval))
        for topic in egressTopics { problems.check(option: "egress-topics", DeployRules.kafkaTopic(topic)) }
        for topic in source.ingressTopics {
            if let problem = DeployRules.kafkaTopic(topic) { problems.error("deploy-topic", "topic \(topic)", problem) }
        }
        if source.serviceNamespace != nil {
            problems.error(
                "deploy-compose-host", "endpoint host \(source.host)",
                "the endpoint host '\(source.host)' has several labels; in a compose network the function's "
                    + "service is reached by its one-label name (pass module-yaml --endpoint for another setup)")
        }
        if source.kafkaAddresses.count > 1 {
            problems.error(
                "deploy-compose-kafka", "app",
                "the Kafka ingresses and egresses name several addresses (\(source.kafkaAddresses.joined(separator: ", "))); "
                    + "the compose file runs one broker")
        }
        for address in source.kafkaAddresses where DeploymentSource.broker(address) == nil {
            problems.error(
                "deploy-compose-kafka", "kafka address \(address)",
                "the Kafka address '\(address)' is not one broker host:port, which the compose file would run")
        }
    }

    /// The topics created at start: the ingress topics, then the egress topics.
    package var topics: [String] {
        var all: [String] = []
        for topic in source.ingressTopics + egressTopics where !all.contains(topic) { all.append(topic) }
        return all
    }

    /// module.yaml and docker-compose.yml.
    package func files(programName: String) -> [DeployFile] {
        [
            DeployFile(path: "module.yaml", contents: source.moduleYAML),
            DeployFile(path: "docker-compose.yml", contents: YAMLWriter.render(document(programName: programName))),
        ]
    }

    package func document(programName: String) -> YAMLDocument {
        var services: [(key: String, value: YAMLNode)] = []
        let broker = source.kafkaAddresses.first.flatMap(DeploymentSource.broker)
        let topicsService = "kafka-topics"
        if let broker {
            let address = "\(broker.host):\(broker.port)"
            services.append(("zookeeper", ["image": .string(zookeeperImage), "environment": ["ZOOKEEPER_CLIENT_PORT": "2181"]]))
            services.append(
                (
                    broker.host,
                    [
                        "image": .string(kafkaImage),
                        "depends_on": ["zookeeper"],
                        "environment": [
                            "KAFKA_BROKER_ID": "1",
                            "KAFKA_ZOOKEEPER_CONNECT": "zookeeper:2181",
                            "KAFKA_LISTENERS": .string("PLAINTEXT://0.0.0.0:\(broker.port)"),
                            "KAFKA_ADVERTISED_LISTENERS": .string("PLAINTEXT://\(address)"),
                            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
                            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
                            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
                        ],
                    ]
                ))
            let create = topics.map {
                "kafka-topics --bootstrap-server \(address) --create --if-not-exists --topic \($0) --partitions 1 "
                    + "--replication-factor 1"
            }
            let script = (["until kafka-topics --bootstrap-server \(address) --list; do sleep 2; done"] + create)
                .joined(separator: " && ")
            services.append(
                (
                    topicsService,
                    [
                        "image": .string(kafkaImage), "depends_on": [.string(broker.host)],
                        "entrypoint": ["bash", "-c", .string(script)],
                    ]
                ))
        }
        services.append(
            (
                source.serviceName,
                [
                    "build": ["context": .string(buildContext), "dockerfile": .string(dockerfile)],
                    "expose": [.string(String(source.port))],
                ]
            ))
        let moduleMount = YAMLNode.string("./module.yaml:/opt/statefun/modules/\(moduleName)/module.yaml:ro")
        var masterDepends: [(key: String, value: YAMLNode)] = []
        if broker != nil { masterDepends.append((topicsService, ["condition": "service_completed_successfully"])) }
        masterDepends.append((source.serviceName, ["condition": "service_started"]))
        services.append(
            (
                "statefun-master",
                [
                    "image": .string(statefunImage),
                    "command": [.string("-Dexecution.checkpointing.interval=\(checkpointInterval)")],
                    "depends_on": .mapping(masterDepends),
                    "environment": ["ROLE": "master", "MASTER_HOST": "statefun-master"],
                    "ports": ["8081:8081"],
                    "volumes": [moduleMount, "checkpoints:/checkpoint-dir"],
                ]
            ))
        services.append(
            (
                "statefun-worker",
                [
                    "image": .string(statefunImage),
                    "depends_on": ["statefun-master"],
                    "environment": ["ROLE": "worker", "MASTER_HOST": "statefun-master"],
                    "volumes": [moduleMount, "checkpoints:/checkpoint-dir"],
                ]
            ))
        return YAMLDocument(
            comments: [
                "The app on one machine: `docker compose up --build`. The StateFun web UI is on http://localhost:8081.",
                "Written by `\(programName) deploy compose`; module.yaml beside this file is `\(programName) module-yaml`.",
            ],
            root: ["services": .mapping(services), "volumes": ["checkpoints": .emptyMapping]])
    }
}
