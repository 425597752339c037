extension KubernetesManifests {
    /// The StateFun runtime as upstream's Kubernetes example lays it out: a flink-conf ConfigMap, the master's
    /// Service, the master Deployment (the job manager, which runs the StateFun job) and the worker Deployment
    /// (task managers, which call the function). The `apache/flink-statefun` image picks its role from `ROLE`.
    func runtimeDocuments() -> [YAMLDocument] {
        [flinkConfigMap(), masterService(), runtimeDeployment(role: "master"), runtimeDeployment(role: "worker")]
    }

    package var masterName: String { "\(options.moduleName)-statefun-master" }
    package var workerName: String { "\(options.moduleName)-statefun-worker" }
    package var flinkConfigMapName: String { "\(options.moduleName)-flink-config" }

    /// Flink's configuration for StateFun on Flink 1.16: the ports the Service opens, StateFun's parent-first
    /// class loading, RocksDB with incremental checkpoints, exactly-once checkpointing (a Kafka egress commits
    /// with each checkpoint), and process sizes that match the containers' memory.
    package func flinkConfiguration() -> String {
        let entries: [(String, String)] = [
            ("jobmanager.rpc.address", masterName),
            ("jobmanager.rpc.port", "6123"),
            ("blob.server.port", "6124"),
            ("taskmanager.rpc.port", "6122"),
            ("taskmanager.numberOfTaskSlots", String(options.taskSlots)),
            ("parallelism.default", String(options.jobParallelism)),
            ("classloader.parent-first-patterns.additional", "org.apache.flink.statefun;org.apache.kafka;com.google.protobuf"),
            ("state.backend", "rocksdb"),
            ("state.backend.rocksdb.timer-service.factory", "ROCKSDB"),
            ("state.backend.incremental", "true"),
            ("state.checkpoints.dir", options.checkpointsDirectory),
            ("state.savepoints.dir", options.savepointsDirectory),
            ("execution.checkpointing.interval", options.checkpointInterval),
            ("execution.checkpointing.mode", "EXACTLY_ONCE"),
            ("jobmanager.memory.process.size", "\(options.masterMemoryMB)m"),
            ("taskmanager.memory.process.size", "\(options.workerMemoryMB)m"),
        ]
        let merged = FlinkConfigurationFile.merge(entries.map { (key: $0.0, value: $0.1) }, options.extraFlinkConfiguration)
        return merged.map { "\($0.key): \($0.value)\n" }.joined()
    }

    /// Log to the console, as Flink's own images do: mounting the ConfigMap over `/opt/flink/conf` replaces theirs.
    package static let log4jConsole = """
        rootLogger.level = INFO
        rootLogger.appenderRef.console.ref = ConsoleAppender
        logger.kafka.name = org.apache.kafka
        logger.kafka.level = INFO
        appender.console.name = ConsoleAppender
        appender.console.type = CONSOLE
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n

        """

    func flinkConfigMap() -> YAMLDocument {
        YAMLDocument(
            comments: ["The StateFun runtime (\(options.runtimeImage)): Flink's configuration."],
            root: [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": metadata(flinkConfigMapName, component: "statefun-config"),
                "data": [
                    "flink-conf.yaml": .scalar(.literal(flinkConfiguration())),
                    "log4j-console.properties": .scalar(.literal(Self.log4jConsole)),
                ],
            ])
    }

    /// The master's ports: RPC and blob server for the workers, the web UI and REST API
    /// (`kubectl port-forward service/<module>-statefun-master 8081`).
    func masterService() -> YAMLDocument {
        YAMLDocument(root: [
            "apiVersion": "v1", "kind": "Service",
            "metadata": metadata(masterName, component: "statefun-master"),
            "spec": [
                "type": "ClusterIP",
                "selector": selector("statefun-master", name: masterName),
                "ports": [
                    ["name": "rpc", "port": 6123, "targetPort": "rpc"],
                    ["name": "blob", "port": 6124, "targetPort": "blob"],
                    ["name": "ui", "port": 8081, "targetPort": "ui"],
                ],
            ],
        ])
    }

    private func podSpec(containers: [YAMLNode], volumes: [YAMLNode]) -> [(key: String, value: YAMLNode)] {
        var spec: [(key: String, value: YAMLNode)] = []
        if let account = options.runtimeServiceAccount { spec.append(("serviceAccountName", .string(account))) }
        spec.append(("containers", .sequence(containers)))
        spec.append(("volumes", .sequence(volumes)))
        return spec
    }

    func runtimeDeployment(role: String) -> YAMLDocument {
        let isMaster = role == "master"
        let name = isMaster ? masterName : workerName
        let component = "statefun-\(role)"
        let memory = YAMLNode.string("\(isMaster ? options.masterMemoryMB : options.workerMemoryMB)Mi")
        let cpu = YAMLNode.string(isMaster ? options.masterCPU : options.workerCPU)
        let ports: YAMLNode =
            isMaster
            ? [
                ["name": "rpc", "containerPort": 6123], ["name": "blob", "containerPort": 6124],
                ["name": "ui", "containerPort": 8081],
            ]
            : [["name": "rpc", "containerPort": 6122]]
        var mounts: [YAMLNode] = [["name": "flink-config", "mountPath": "/opt/flink/conf"], moduleMount]
        var volumes: [YAMLNode] = [
            [
                "name": "flink-config",
                "configMap": [
                    "name": .string(flinkConfigMapName),
                    "items": [
                        ["key": "flink-conf.yaml", "path": "flink-conf.yaml"],
                        ["key": "log4j-console.properties", "path": "log4j-console.properties"],
                    ],
                ],
            ],
            moduleVolume,
        ]
        if let path = options.localCheckpointPath {
            mounts.append(["name": "flink-state", "mountPath": .string(path)])
            volumes.append(["name": "flink-state", "emptyDir": .emptyMapping])
        }
        let container: YAMLNode = [
            "name": .string(role),
            "image": .string(options.runtimeImage),
            "imagePullPolicy": "IfNotPresent",
            "env": [["name": "ROLE", "value": .string(role)], ["name": "MASTER_HOST", "value": .string(masterName)]],
            "ports": ports,
            "resources": ["requests": ["cpu": cpu, "memory": memory], "limits": ["memory": memory]],
            "livenessProbe": [
                "tcpSocket": ["port": "rpc"], "initialDelaySeconds": 30, "periodSeconds": 60,
            ],
            "volumeMounts": .sequence(mounts),
        ]
        return YAMLDocument(
            comments: [
                isMaster
                    ? "The master (Flink job manager): runs the StateFun job from module.yaml."
                    : "The workers (Flink task managers): run the ingresses and egresses and call the function."
            ],
            root: [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": metadata(name, component: component),
                "spec": [
                    "replicas": .int(isMaster ? 1 : Int64(options.workers)),
                    "selector": ["matchLabels": selector(component, name: name)],
                    "template": [
                        "metadata": ["labels": labels(component, name: name)],
                        "spec": .mapping(podSpec(containers: [container], volumes: volumes)),
                    ],
                ],
            ])
    }
}
