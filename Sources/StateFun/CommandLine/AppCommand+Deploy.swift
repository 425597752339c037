extension AppCommand {
    /// The `deploy` family: files that run the app beside a StateFun runtime (Docs/Deployment.md).
    package static var deployCommands: [AppCommand] { [deployKubernetes, deployCompose, deployDockerfile] }

    /// The options every deploy command has.
    static let deployCommonOptions: [Option] = [
        .flag("check", help: "Write nothing; fail if the files in the output folder differ from what would be written."),
    ]

    /// `deploy dockerfile`: the function's image.
    package static var deployDockerfile: AppCommand {
        AppCommand(
            name: "deploy dockerfile",
            summary: "Write a multi-stage Dockerfile for the function image (static Swift stdlib, small runtime image).",
            options: [
                .value("out", placeholder: "<dir>", defaultValue: ".", help: "The folder to write into."),
                .value(
                    "package-path", placeholder: "<path>", defaultValue: ".",
                    help: "The Swift package of this executable, relative to the build context."),
                .value("product", placeholder: "<name>", help: "The executable product (default: this program's name)."),
                .value(
                    "swift-image", placeholder: "<image>", defaultValue: FunctionDockerfile.defaultBuildImage,
                    help: "The Swift toolchain image of the build stage."),
                .value(
                    "runtime-image", placeholder: "<image>", defaultValue: FunctionDockerfile.defaultRuntimeImage,
                    help: "The image the function runs in."),
            ] + deployCommonOptions
        ) { invocation in
            var problems = DeployProblems()
            let port = invocation.app.model.endpoints.lazy.compactMap { DeploymentSource.hostAndPort($0.urlPathTemplate) }
                .first?.port ?? 8000
            let arguments = invocation.arguments
            var dockerfile = FunctionDockerfile(product: arguments.value("product") ?? invocation.programName, port: port)
            dockerfile.packagePath = arguments.value("package-path") ?? "."
            dockerfile.buildImage = arguments.value("swift-image") ?? dockerfile.buildImage
            dockerfile.runtimeImage = arguments.value("runtime-image") ?? dockerfile.runtimeImage
            dockerfile.check(into: &problems)
            return finishDeploy(invocation, problems: problems) { dockerfile.files() }
        }
    }

    /// `deploy compose`: the app, Kafka and a StateFun runtime on one machine.
    package static var deployCompose: AppCommand {
        AppCommand(
            name: "deploy compose",
            summary: "Write docker-compose.yml and module.yaml: the function, Kafka and a StateFun runtime on one machine.",
            options: [
                .value("out", placeholder: "<dir>", defaultValue: ".", help: "The folder to write into."),
                .value("module-name", placeholder: "<name>", help: "The folder under /opt/statefun/modules (default: this program's name)."),
                .value(
                    "build-context", placeholder: "<path>", defaultValue: ".",
                    help: "The function image's build context, relative to the output folder."),
                .value(
                    "dockerfile", placeholder: "<path>", defaultValue: "Dockerfile",
                    help: "The function's Dockerfile, relative to the build context."),
                .value("egress-topics", placeholder: "<a,b>", help: "Comma-separated topics the functions write to, created at start."),
                .value(
                    "statefun-image", placeholder: "<image>", defaultValue: ComposeFile.defaultStatefunImage,
                    help: "The StateFun runtime image."),
                .value("kafka-image", placeholder: "<image>", defaultValue: "confluentinc/cp-kafka:7.6.1", help: "The Kafka image."),
                .value(
                    "zookeeper-image", placeholder: "<image>", defaultValue: "confluentinc/cp-zookeeper:7.6.1",
                    help: "The ZooKeeper image."),
                .value(
                    "checkpoint-interval", placeholder: "<duration>", defaultValue: "10s",
                    help: "How often Flink checkpoints (Flink duration: 10s, 1min)."),
            ] + deployCommonOptions
        ) { invocation in
            var problems = DeployProblems()
            guard let source = DeploymentSource.read(invocation.app, into: &problems) else {
                return finishDeploy(invocation, problems: problems) { [] }
            }
            let arguments = invocation.arguments
            var compose = ComposeFile(source: source, moduleName: arguments.value("module-name") ?? invocation.programName)
            compose.buildContext = arguments.value("build-context") ?? compose.buildContext
            compose.dockerfile = arguments.value("dockerfile") ?? compose.dockerfile
            compose.egressTopics = list(arguments.value("egress-topics"))
            compose.statefunImage = arguments.value("statefun-image") ?? compose.statefunImage
            compose.kafkaImage = arguments.value("kafka-image") ?? compose.kafkaImage
            compose.zookeeperImage = arguments.value("zookeeper-image") ?? compose.zookeeperImage
            compose.checkpointInterval = arguments.value("checkpoint-interval") ?? compose.checkpointInterval
            compose.check(into: &problems)
            return finishDeploy(invocation, problems: problems) { compose.files(programName: invocation.programName) }
        }
    }

    /// A comma-separated list, empty items dropped.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
    }

    /// Prints the diagnostics; with no error, writes the files (or with `--check` compares them).
    static func finishDeploy(
        _ invocation: Invocation, problems: DeployProblems, files: () -> [DeployFile]
    ) -> Int32 {
        let output = invocation.output
        for diagnostic in problems.diagnostics { output.printError(diagnostic.description) }
        if problems.hasErrors {
            let count = problems.diagnostics.filter { $0.severity == .error }.count
            output.printError("error: \(count) problem\(count == 1 ? "" : "s"); nothing written")
            return failure
        }
        let folder = invocation.arguments.value("out") ?? "."
        let generated = files()
        if invocation.arguments.flag("check") {
            let stale = DeployFolder.stale(generated, in: folder)
            for path in stale { output.printError("out of date: \(path)") }
            if stale.isEmpty { output.print("\(folder): up to date (\(generated.count) files)") }
            return stale.isEmpty ? success : failure
        }
        do {
            for path in try DeployFolder.write(generated, to: folder) { output.print("wrote \(path)") }
            return success
        } catch {
            output.printError("error: cannot write into \(folder): \(error)")
            return failure
        }
    }
}
