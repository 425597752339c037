extension KubernetesManifests {
    /// One `FlinkDeployment` (flink.apache.org/v1beta1) for the Flink Kubernetes operator, with the maintained
    /// fork's image (Flink 2.2, Java 21): the operator starts the job manager with the StateFun job jar
    /// (`job.jarURI`) and the task managers; module.yaml comes from the same ConfigMap, mounted where
    /// `statefun.remote.module-name` points. Flink 2 reads only the fully qualified keys (`state.backend.type`).
    func flinkDeployment() -> YAMLDocument {
        let generated: [(key: String, value: String)] = [
            ("taskmanager.numberOfTaskSlots", String(options.taskSlots)),
            ("classloader.parent-first-patterns.additional", "org.apache.flink.statefun;org.apache.kafka;com.google.protobuf"),
            ("state.backend.type", "rocksdb"),
            ("state.backend.incremental", "true"),
            ("state.checkpoints.dir", options.checkpointsDirectory),
            ("state.savepoints.dir", options.savepointsDirectory),
            ("execution.checkpointing.interval", options.checkpointInterval),
            ("execution.checkpointing.mode", "EXACTLY_ONCE"),
            ("statefun.flink-job-name", options.moduleName),
            ("statefun.remote.module-name", "file://\(moduleDirectory)/module.yaml"),
        ]
        // Every value a string: the CRD keeps flinkConfiguration as given, and Flink reads text.
        var configuration = FlinkConfigurationFile.merge(generated, options.extraFlinkConfiguration)
            .map { (key: $0.key, value: YAMLNode.string($0.value)) }
        var mounts: [YAMLNode] = [moduleMount]
        var volumes: [YAMLNode] = [moduleVolume]
        if let path = options.localCheckpointPath {
            mounts.append(["name": "flink-state", "mountPath": .string(path)])
            volumes.append(["name": "flink-state", "emptyDir": .emptyMapping])
        }
        configuration.sort { $0.key < $1.key }
        return YAMLDocument(
            comments: [
                "The StateFun runtime as a FlinkDeployment of the Flink Kubernetes operator (1.15 or later for Flink 2.2).",
                "The operator must watch namespace \(options.namespace) and provide its service account \(options.runtimeServiceAccount ?? "flink").",
            ],
            root: [
                "apiVersion": "flink.apache.org/v1beta1", "kind": "FlinkDeployment",
                "metadata": metadata("\(options.moduleName)-statefun", component: "statefun"),
                "spec": [
                    "image": .string(options.runtimeImage),
                    "imagePullPolicy": "IfNotPresent",
                    "flinkVersion": .string(options.flinkVersion),
                    "serviceAccount": .string(options.runtimeServiceAccount ?? "flink"),
                    "flinkConfiguration": .mapping(configuration),
                    "jobManager": [
                        "resource": ["memory": .string("\(options.masterMemoryMB)m"), "cpu": cores(options.masterCPU)],
                    ],
                    // The operator starts parallelism ÷ task slots task managers (native mode).
                    "taskManager": [
                        "resource": ["memory": .string("\(options.workerMemoryMB)m"), "cpu": cores(options.workerCPU)],
                    ],
                    "podTemplate": [
                        "spec": [
                            "containers": [["name": "flink-main-container", "volumeMounts": .sequence(mounts)]],
                            "volumes": .sequence(volumes),
                        ]
                    ],
                    "job": [
                        "jarURI": .string(options.jarURI),
                        "parallelism": .int(Int64(options.jobParallelism)),
                        "upgradeMode": .string(options.upgradeMode),
                        "state": "running",
                    ],
                ],
            ])
    }

    /// The CRD types `cpu` as a number: whole cores as an integer, others as the checked decimal text.
    private func cores(_ value: String) -> YAMLNode {
        if let whole = Int64(value) { return .int(whole) }
        return .scalar(.decimal(value))
    }
}
