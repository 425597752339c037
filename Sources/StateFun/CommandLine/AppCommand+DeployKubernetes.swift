import StateFunHTTP
extension AppCommand {
    /// `deploy kubernetes`: the function and a StateFun runtime on Kubernetes (``KubernetesManifests``).
    package static var deployKubernetes: AppCommand {
        AppCommand(
            name: "deploy kubernetes",
            summary: "Write Kubernetes manifests: the function (Deployment, Service, autoscaler), module.yaml, the StateFun runtime.",
            options: [
                .value("out", placeholder: "<dir>", defaultValue: "kubernetes", help: "The folder to write into."),
                .choice(
                    "target", KubernetesOptions.Target.allCases.map(\.rawValue), defaultValue: "statefun",
                    help: "statefun: master and worker Deployments (upstream); flink-operator: a FlinkDeployment."),
                .value("namespace", placeholder: "<name>", help: "The namespace (default: the endpoint host's, else default)."),
                .value("module-name", placeholder: "<name>", help: "Module folder and runtime name prefix (default: this program's name)."),
                .value("image", placeholder: "<image>", help: "The function image (default: <program>:latest)."),
                .value(
                    "image-pull-policy", placeholder: "<policy>", defaultValue: "IfNotPresent",
                    help: "IfNotPresent, Always or Never."),
                .integer("replicas", placeholder: "<n>", range: 1...1000, defaultValue: 2, help: "Function pods (the autoscaler's minimum)."),
                .integer(
                    "max-replicas", placeholder: "<n>", range: 0...1000, defaultValue: 10,
                    help: "The autoscaler's maximum; 0 writes no HorizontalPodAutoscaler."),
                .integer(
                    "cpu-utilization", placeholder: "<percent>", range: 1...100, defaultValue: 70,
                    help: "The average CPU use (percent of the request) the autoscaler keeps."),
                .value("cpu", placeholder: "<quantity>", defaultValue: "100m", help: "The function's CPU request."),
                .value("memory", placeholder: "<quantity>", defaultValue: "64Mi", help: "The function's memory request."),
                .value("cpu-limit", placeholder: "<quantity>", help: "The function's CPU limit (default: none)."),
                .value("memory-limit", placeholder: "<quantity>", defaultValue: "256Mi", help: "The function's memory limit."),
                .value(
                    "statefun-image", placeholder: "<image>",
                    help: "The runtime image (default: \(KubernetesOptions.upstreamImage); flink-operator: \(KubernetesOptions.forkImage))."),
                .integer("workers", placeholder: "<n>", range: 1...1000, defaultValue: 1, help: "StateFun workers (task managers)."),
                .integer("task-slots", placeholder: "<n>", range: 1...64, defaultValue: 1, help: "Task slots per worker."),
                .integer("parallelism", placeholder: "<n>", range: 1...32768, help: "The job's parallelism (default: workers × task slots)."),
                .integer(
                    "master-memory-mb", placeholder: "<MiB>", range: 768...1_048_576, defaultValue: 1024,
                    help: "The master's memory (Flink process size and container)."),
                .integer(
                    "worker-memory-mb", placeholder: "<MiB>", range: 1024...1_048_576, defaultValue: 2048,
                    help: "Each worker's memory (Flink process size and container)."),
                .value("master-cpu", placeholder: "<cores>", defaultValue: "0.5", help: "The master's CPU cores."),
                .value("worker-cpu", placeholder: "<cores>", defaultValue: "1", help: "Each worker's CPU cores."),
                .value(
                    "checkpoint-storage", placeholder: "<uri>", defaultValue: "file:///flink-state",
                    help: "Where checkpoints (<uri>/checkpoints) and savepoints go: s3://bucket/path for production."),
                .value(
                    "checkpoint-interval", placeholder: "<duration>", defaultValue: "10s",
                    help: "How often Flink checkpoints (Flink duration: 10s, 1min)."),
                .value(
                    "flink-version", placeholder: "<v2_x>", defaultValue: "v2_2",
                    help: "flink-operator: the FlinkDeployment's flinkVersion."),
                .value(
                    "jar-uri", placeholder: "<uri>", defaultValue: "local:///opt/flink/statefun.jar",
                    help: "flink-operator: the StateFun job jar in the runtime image."),
                .value(
                    "service-account", placeholder: "<name>",
                    help: "The runtime pods' service account (default: flink-operator: flink, the operator's; statefun: none)."),
                .value(
                    "flink-config", placeholder: "<file>",
                    help: "A file of extra Flink settings ('key: value' lines: credentials, HA, ...), applied over the generated ones."),
                .value(
                    "upgrade-mode", placeholder: "<mode>", defaultValue: "savepoint",
                    help: "flink-operator: stateless, savepoint or last-state."),
            ] + deployCommonOptions
        ) { invocation in
            var problems = DeployProblems()
            guard let source = DeploymentSource.read(invocation.app, into: &problems) else {
                return finishDeploy(invocation, problems: problems) { [] }
            }
            var options = kubernetesOptions(invocation, source: source)
            if let path = invocation.arguments.value("flink-config") {
                options.extraFlinkConfiguration = readFlinkConfiguration(path, into: &problems)
            }
            options.check(source: source, into: &problems)
            let manifests = KubernetesManifests(source: source, options: options, programName: invocation.programName)
            return finishDeploy(invocation, problems: problems) { manifests.files() }
        }
    }

    /// The entries of a `--flink-config` file; its problems go into `problems`.
    static func readFlinkConfiguration(_ path: String, into problems: inout DeployProblems) -> [(key: String, value: String)] {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.contents(of: path, maxBytes: FlinkConfigurationFile.maxBytes)
        } catch {
            problems.check(option: "flink-config", error.description)
            return []
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problems.check(option: "flink-config", "'\(path)' is not UTF-8 text")
            return []
        }
        let (entries, fileProblems) = FlinkConfigurationFile.parse(text)
        for problem in fileProblems { problems.check(option: "flink-config", "\(path): \(problem)") }
        return entries
    }

    /// The options as given, defaults filled in from the app and the program.
    static func kubernetesOptions(_ invocation: Invocation, source: DeploymentSource) -> KubernetesOptions {
        let arguments = invocation.arguments
        var options = KubernetesOptions(
            moduleName: arguments.value("module-name") ?? invocation.programName,
            image: arguments.value("image") ?? "\(invocation.programName):latest")
        options.target = arguments.value("target").flatMap(KubernetesOptions.Target.init(rawValue:)) ?? .statefun
        options.namespace = arguments.value("namespace") ?? source.serviceNamespace ?? "default"
        options.imagePullPolicy = arguments.value("image-pull-policy") ?? options.imagePullPolicy
        options.replicas = arguments.integer("replicas") ?? options.replicas
        options.maxReplicas = arguments.integer("max-replicas") ?? options.maxReplicas
        options.cpuUtilization = arguments.integer("cpu-utilization") ?? options.cpuUtilization
        options.cpuRequest = arguments.value("cpu") ?? options.cpuRequest
        options.memoryRequest = arguments.value("memory") ?? options.memoryRequest
        options.cpuLimit = arguments.value("cpu-limit")
        options.memoryLimit = arguments.value("memory-limit") ?? options.memoryLimit
        options.statefunImage = arguments.value("statefun-image")
        options.workers = arguments.integer("workers") ?? options.workers
        options.taskSlots = arguments.integer("task-slots") ?? options.taskSlots
        options.parallelism = arguments.integer("parallelism")
        options.masterMemoryMB = arguments.integer("master-memory-mb") ?? options.masterMemoryMB
        options.workerMemoryMB = arguments.integer("worker-memory-mb") ?? options.workerMemoryMB
        options.masterCPU = arguments.value("master-cpu") ?? options.masterCPU
        options.workerCPU = arguments.value("worker-cpu") ?? options.workerCPU
        options.checkpointStorage = arguments.value("checkpoint-storage") ?? options.checkpointStorage
        options.checkpointInterval = arguments.value("checkpoint-interval") ?? options.checkpointInterval
        options.flinkVersion = arguments.value("flink-version") ?? options.flinkVersion
        options.jarURI = arguments.value("jar-uri") ?? options.jarURI
        options.serviceAccount = arguments.value("service-account")
        options.upgradeMode = arguments.value("upgrade-mode") ?? options.upgradeMode
        return options
    }
}
