/// The settings of `<app> deploy kubernetes` that the app does not make: where and how big. Defaults suit a small
/// cluster; every value is checked by ``check(source:into:)`` before anything is written.
package struct KubernetesOptions: Sendable {
    /// Which runtime side is written.
    package enum Target: String, Sendable, CaseIterable {
        /// Upstream's layout: a flink-conf ConfigMap, the StateFun master and worker Deployments, their Service.
        case statefun
        /// One `FlinkDeployment` for the Flink Kubernetes operator (the maintained fork's image, Flink 2.2).
        case flinkOperator = "flink-operator"
    }

    package var target = Target.statefun
    package var namespace = "default"
    /// The folder under `/opt/statefun/modules/` and the prefix of the runtime's object names.
    package var moduleName: String
    // The function.
    package var image: String
    package var imagePullPolicy = "IfNotPresent"
    package var replicas = 2
    /// The autoscaler's upper bound; 0 writes no HorizontalPodAutoscaler.
    package var maxReplicas = 10
    /// The average CPU use, in percent of the request, the autoscaler keeps.
    package var cpuUtilization = 70
    package var cpuRequest = "100m"
    package var memoryRequest = "64Mi"
    /// `nil`: no CPU limit (throttling a request-reply server only adds latency).
    package var cpuLimit: String? = nil
    package var memoryLimit = "256Mi"
    // The runtime.
    package var statefunImage: String? = nil
    package var workers = 1
    package var taskSlots = 1
    /// `nil`: workers × task slots.
    package var parallelism: Int? = nil
    package var masterMemoryMB = 1024
    package var workerMemoryMB = 2048
    package var masterCPU = "0.5"
    package var workerCPU = "1"
    /// Checkpoints go to `<storage>/checkpoints`, savepoints to `<storage>/savepoints`.
    package var checkpointStorage = "file:///flink-state"
    package var checkpointInterval = "10s"
    // The operator.
    package var flinkVersion = "v2_2"
    package var jarURI = "local:///opt/flink/statefun.jar"
    /// The runtime pods' service account; `nil`: the operator's `flink` (flink-operator), none (statefun).
    package var serviceAccount: String? = nil
    package var upgradeMode = "savepoint"
    /// Flink settings the generated ones do not cover (`--flink-config FILE`), applied over them.
    package var extraFlinkConfiguration: [(key: String, value: String)] = []

    /// Upstream's last release, Flink 1.16: reads the components module.yaml from `/opt/statefun/modules`.
    package static let upstreamImage = "apache/flink-statefun:3.3.0"
    /// The maintained fork kzmlabs/flink-statefun: Flink 2.2, Java 21, started by the operator's entry point with
    /// the StateFun job jar at `/opt/flink/statefun.jar`.
    package static let forkImage = "ghcr.io/kzmlabs/flink-statefun:3.4.0-KZM-3.5"
    /// The operator CRD's `flinkVersion` values for Flink 2 (apache/flink-kubernetes-operator 1.15).
    package static let flinkVersions = ["v2_0", "v2_1", "v2_2"]
    package static let upgradeModes = ["stateless", "savepoint", "last-state"]
    package static let pullPolicies = ["IfNotPresent", "Always", "Never"]

    package init(moduleName: String, image: String) {
        self.moduleName = moduleName
        self.image = image
    }

    /// The runtime image: the option, else the target's default.
    package var runtimeImage: String { statefunImage ?? (target == .statefun ? Self.upstreamImage : Self.forkImage) }
    /// The service account of the runtime's pods, if any.
    package var runtimeServiceAccount: String? { serviceAccount ?? (target == .flinkOperator ? "flink" : nil) }
    /// The job's parallelism.
    package var jobParallelism: Int { parallelism ?? workers * taskSlots }
    package var checkpointsDirectory: String { checkpointStorage + "/checkpoints" }
    package var savepointsDirectory: String { checkpointStorage + "/savepoints" }
    /// The local path behind a `file://` checkpoint storage, mounted from a volume in the runtime's pods.
    package var localCheckpointPath: String? {
        checkpointStorage.hasPrefix("file://") ? String(checkpointStorage.dropFirst("file://".count)) : nil
    }

    /// Records every problem of the options, and of the app's endpoint for this namespace.
    package func check(source: DeploymentSource, into problems: inout DeployProblems) {
        problems.check(option: "namespace", DeployRules.dns1123Label(namespace))
        // The longest derived name is `<module>-statefun-worker`: it must stay a DNS-1035 label.
        if let problem = DeployRules.dns1035Label(moduleName) {
            problems.check(option: "module-name", problem)
        } else if moduleName.utf8.count > 63 - "-statefun-worker".utf8.count {
            problems.check(option: "module-name", "'\(moduleName)' is too long: at most 47 characters (names such as '\(moduleName)-statefun-worker' must fit in 63)")
        }
        problems.check(option: "image", DeployRules.imageReference(image))
        problems.check(option: "statefun-image", DeployRules.imageReference(runtimeImage))
        problems.check(option: "cpu", DeployRules.quantity(cpuRequest))
        problems.check(option: "memory", DeployRules.quantity(memoryRequest))
        if let cpuLimit { problems.check(option: "cpu-limit", DeployRules.quantity(cpuLimit)) }
        problems.check(option: "memory-limit", DeployRules.quantity(memoryLimit))
        problems.check(option: "master-cpu", DeployRules.cores(masterCPU))
        problems.check(option: "worker-cpu", DeployRules.cores(workerCPU))
        problems.check(option: "checkpoint-storage", DeployRules.fileSystemURI(checkpointStorage))
        problems.check(option: "checkpoint-interval", DeployRules.flinkDuration(checkpointInterval))
        if !Self.pullPolicies.contains(imagePullPolicy) {
            problems.check(option: "image-pull-policy", "'\(imagePullPolicy)' is not one of \(Self.pullPolicies.joined(separator: ", "))")
        }
        if maxReplicas != 0 && maxReplicas < replicas {
            problems.check(option: "max-replicas", "\(maxReplicas) is below --replicas \(replicas) (0 writes no autoscaler)")
        }
        if let parallelism, parallelism > workers * taskSlots {
            problems.check(
                option: "parallelism",
                "\(parallelism) needs more task slots than --workers × --task-slots = \(workers * taskSlots)")
        }
        if target == .flinkOperator {
            if !Self.flinkVersions.contains(flinkVersion) {
                problems.check(option: "flink-version", "'\(flinkVersion)' is not one of \(Self.flinkVersions.joined(separator: ", ")) (the fork runs on Flink 2)")
            }
            if !jarURI.hasPrefix("local:///") && DeployRules.fileSystemURI(jarURI) != nil {
                problems.check(option: "jar-uri", "'\(jarURI)' is not a jar URI such as local:///opt/flink/statefun.jar")
            }
            if !Self.upgradeModes.contains(upgradeMode) {
                problems.check(option: "upgrade-mode", "'\(upgradeMode)' is not one of \(Self.upgradeModes.joined(separator: ", "))")
            }
            if upgradeMode == "last-state" {
                problems.warning(
                    "deploy-upgrade-mode", "option --upgrade-mode",
                    "--upgrade-mode last-state needs Flink's Kubernetes high availability, which these files do not "
                        + "configure; the operator refuses the upgrade until it is")
            }
        }
        if let serviceAccount { problems.check(option: "service-account", DeployRules.dns1123Subdomain(serviceAccount)) }
        if let namespace = source.serviceNamespace, namespace != self.namespace {
            problems.error(
                "deploy-namespace-mismatch", "endpoint host \(source.host)",
                "the endpoint host '\(source.host)' names namespace '\(namespace)' but the function is deployed into "
                    + "'\(self.namespace)' (pass --namespace \(namespace), or change the Endpoint URL)")
        }
        if localCheckpointPath != nil {
            problems.warning(
                "deploy-local-checkpoints", "option --checkpoint-storage",
                "checkpoints on \(checkpointStorage) live in a volume of the pod and are lost with it; pass "
                    + "--checkpoint-storage s3://bucket/path (or another shared file system) for state that "
                    + "survives a restart")
        }
    }
}
