/// The function's container image, written by `<app> deploy dockerfile`: a multi-stage build. The first stage
/// builds the app's executable in a Swift toolchain image with the Swift runtime linked in statically
/// (`--static-swift-stdlib`); the second copies only that executable into a plain distribution image, where it
/// runs as an unprivileged user and serves the app (`<product> serve`) on the endpoint's port.
package struct FunctionDockerfile: Sendable {
    /// The Swift package to build, relative to the build context (`.`: the context is the package).
    package var packagePath = "."
    /// The executable product that serves the app.
    package var product: String
    /// The port `serve` listens on (the endpoint URL's).
    package var port: Int
    /// The image with the Swift toolchain the build stage runs in.
    package var buildImage = FunctionDockerfile.defaultBuildImage
    /// The image the executable runs in: no Swift toolchain or runtime needed, only the C and C++ libraries.
    package var runtimeImage = FunctionDockerfile.defaultRuntimeImage

    package static let defaultBuildImage = "swift:6.3-noble"
    package static let defaultRuntimeImage = "ubuntu:noble"
    /// The numeric user the function runs as (numeric, so Kubernetes can check `runAsNonRoot`).
    package static let userID = 10001

    package init(product: String, port: Int) {
        self.product = product
        self.port = port
    }

    /// Records what is wrong with the settings.
    package func check(into problems: inout DeployProblems) {
        problems.check(option: "package-path", DeployRules.relativePath(packagePath))
        problems.check(option: "product", DeployRules.productName(product))
        problems.check(option: "swift-image", DeployRules.imageReference(buildImage))
        problems.check(option: "runtime-image", DeployRules.imageReference(runtimeImage))
    }

    /// The Dockerfile and the `.dockerignore` beside it (`Dockerfile.dockerignore`, which BuildKit reads for this
    /// Dockerfile whatever the context).
    package func files() -> [DeployFile] {
        [DeployFile(path: "Dockerfile", contents: dockerfile()), DeployFile(path: "Dockerfile.dockerignore", contents: Self.dockerignore)]
    }

    package func dockerfile() -> String {
        let packageOption = packagePath == "." ? "" : " --package-path \(packagePath)"
        return """
            # syntax=docker/dockerfile:1
            # The function image: `\(product) serve` on port \(port). Written by `\(product) deploy dockerfile`.
            # Build context: \(packagePath == "." ? "the package's folder" : "the folder that contains \(packagePath)").

            FROM \(buildImage) AS build
            WORKDIR /src
            COPY . .
            # --static-swift-stdlib links the Swift runtime and Foundation into the executable, so the runtime
            # image needs no Swift installation.
            RUN swift build -c release --static-swift-stdlib\(packageOption) --product \(product) \\
                && mkdir -p /out \\
                && cp "$(swift build -c release --static-swift-stdlib\(packageOption) --show-bin-path)/\(product)" /out/

            FROM \(runtimeImage)
            COPY --from=build /out/\(product) /usr/local/bin/\(product)
            USER \(Self.userID):\(Self.userID)
            EXPOSE \(port)
            ENTRYPOINT ["/usr/local/bin/\(product)"]
            CMD ["serve", "--host", "0.0.0.0", "--port", "\(port)"]

            """
    }

    /// Build folders and history stay out of the build context.
    package static let dockerignore = """
        # Build folders and history stay out of the function image's build context.
        .git
        **/.build
        **/.build-*
        **/.build_*
        **/.swiftpm

        """
}
