import StateFunHTTP

/// The Kubernetes manifests of `<app> deploy kubernetes`, made from the app and ``KubernetesOptions``:
///
/// - `00-namespace.yaml`: the Namespace (unless it is `default`);
/// - `10-module.yaml`: the ConfigMap holding module.yaml, byte for byte `<app> module-yaml`;
/// - `20-function.yaml`: the function's Deployment (probes on `/health` and `/ready`, a termination grace
///   period longer than the server's drain), its Service (named after the endpoint URL's host, so the runtime's
///   calls reach it) and a HorizontalPodAutoscaler;
/// - `30-statefun.yaml`: the runtime as upstream's Kubernetes example lays it out (flink-conf ConfigMap with
///   RocksDB and checkpointing, master Service, master and worker Deployments with module.yaml at
///   `/opt/statefun/modules/<module>/module.yaml`); or, for the `flink-operator` target, `30-flink-deployment.yaml`
///   with one `FlinkDeployment`.
///
/// `kubectl apply -f <dir>` applies them in that order.
package struct KubernetesManifests: Sendable {
    package var source: DeploymentSource
    package var options: KubernetesOptions
    /// The executable's name, for the comments.
    package var programName: String

    package init(source: DeploymentSource, options: KubernetesOptions, programName: String) {
        self.source = source
        self.options = options
        self.programName = programName
    }

    /// The seconds Kubernetes waits between SIGTERM and SIGKILL: the server's drain (``HTTPServerConfiguration``'s
    /// `shutdownGracePeriod`) plus time for the endpoints to drop the pod and for the process to exit.
    package static var terminationGracePeriodSeconds: Int64 {
        HTTPServerConfiguration().shutdownGracePeriod.components.seconds + 20
    }

    /// The files, in the order `kubectl apply -f` reads them.
    package func files() -> [DeployFile] {
        var files: [DeployFile] = []
        if options.namespace != "default" {
            files.append(file("00-namespace.yaml", [namespaceDocument()]))
        }
        files.append(file("10-module.yaml", [moduleConfigMap()]))
        files.append(file("20-function.yaml", functionDocuments()))
        switch options.target {
        case .statefun: files.append(file("30-statefun.yaml", runtimeDocuments()))
        case .flinkOperator: files.append(file("30-flink-deployment.yaml", [flinkDeployment()]))
        }
        return files
    }

    private func file(_ path: String, _ documents: [YAMLDocument]) -> DeployFile {
        var documents = documents
        if !documents.isEmpty {
            documents[0].comments.insert("Written by `\(programName) deploy kubernetes`; apply with `kubectl apply -f <folder>`.", at: 0)
        }
        return DeployFile(path: path, contents: YAMLWriter.render(documents))
    }

    // MARK: - Names and labels

    /// The ConfigMap holding module.yaml.
    package var moduleConfigMapName: String { "\(options.moduleName)-module" }

    /// The labels of every object of `component`; the first two select its pods.
    package func labels(_ component: String, name: String) -> YAMLNode {
        [
            "app.kubernetes.io/name": .string(name),
            "app.kubernetes.io/component": .string(component),
            "app.kubernetes.io/part-of": .string(options.moduleName),
            "app.kubernetes.io/managed-by": "swift-statefun",
        ]
    }

    package func selector(_ component: String, name: String) -> YAMLNode {
        ["app.kubernetes.io/name": .string(name), "app.kubernetes.io/component": .string(component)]
    }

    package func metadata(_ name: String, component: String, labelName: String? = nil) -> YAMLNode {
        ["name": .string(name), "namespace": .string(options.namespace), "labels": labels(component, name: labelName ?? name)]
    }

    // MARK: - Namespace and module

    func namespaceDocument() -> YAMLDocument {
        YAMLDocument(root: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(options.namespace)]])
    }

    /// The module.yaml ConfigMap: its `module.yaml` key holds exactly what `<app> module-yaml` prints.
    package func moduleConfigMap() -> YAMLDocument {
        YAMLDocument(
            comments: ["module.yaml of the app (`\(programName) module-yaml`), mounted by the StateFun runtime."],
            root: [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": metadata(moduleConfigMapName, component: "statefun-module"),
                "data": ["module.yaml": .scalar(.literal(source.moduleYAML))],
            ])
    }

    /// The volume and mount that put module.yaml at `/opt/statefun/modules/<module>/module.yaml`.
    package var moduleVolume: YAMLNode {
        [
            "name": "statefun-module",
            "configMap": [
                "name": .string(moduleConfigMapName), "items": [["key": "module.yaml", "path": "module.yaml"]],
            ],
        ]
    }

    package var moduleDirectory: String { "/opt/statefun/modules/\(options.moduleName)" }

    package var moduleMount: YAMLNode { ["name": "statefun-module", "mountPath": .string(moduleDirectory), "readOnly": true] }
}
