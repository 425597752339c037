// swift-tools-version: 6.2
// swift-statefun: the Swift SDK for Apache Flink Stateful Functions.
// The package builds on the toolchain alone: no package dependencies (Docs/Decisions/0001-no-dependencies.md).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-statefun",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StateFun", targets: ["StateFun"]),
        .library(name: "StateFunTesting", targets: ["StateFunTesting"]),
        // The protobuf wire codec that hand-written and generated message types are written with.
        .library(name: "StateFunWire", targets: ["StateFunWire"]),
        .executable(name: "statefun-conformance", targets: ["StateFunConformance"]),
        .executable(name: "statefun-protoc", targets: ["StateFunProtoc"]),
        .plugin(name: "StateFunProtobufPlugin", targets: ["StateFunProtobufPlugin"]),
    ],
    dependencies: [],
    targets: [
        // Platform seam: epoll and friends that Glibc's module map does not expose.
        .target(name: "CStateFunSystem"),
        // Protobuf wire format: knows nothing of StateFun.
        .target(name: "StateFunWire", swiftSettings: strictSettings),
        // HTTP/1.1 server and loopback client: knows nothing of protobuf.
        .target(name: "StateFunHTTP", dependencies: ["CStateFunSystem"], swiftSettings: strictSettings),
        // StateFun's wire schema (ToFunction, FromFunction, TypedValue, Any, egress records, the address's fields):
        // package-only, no public API; knows the protobuf wire format, not the SDK's types.
        .target(name: "StateFunProtocol", dependencies: ["StateFunWire"], swiftSettings: strictSettings),
        // The SDK: protocol messages, types, functions, the App DSL, module.yaml, serving, the local runtime.
        .target(
            name: "StateFun", dependencies: ["StateFunWire", "StateFunProtocol", "StateFunHTTP"],
            swiftSettings: strictSettings),
        // The .proto compiler: lexer, parser, resolver, Swift generator. Knows nothing of StateFun's serving.
        .target(name: "StateFunProtobufCompiler", swiftSettings: strictSettings),
        // `statefun-protoc --swift_out=DIR [-I PATH]... FILE.proto...`.
        .executableTarget(name: "StateFunProtoc", dependencies: ["StateFunProtobufCompiler"], swiftSettings: strictSettings),
        // Runs statefun-protoc on the .proto files of a target at build time.
        .plugin(name: "StateFunProtobufPlugin", capability: .buildTool(), dependencies: ["StateFunProtoc"]),
        // Test support for users' apps.
        .target(name: "StateFunTesting", dependencies: ["StateFun", "StateFunProtocol"], swiftSettings: strictSettings),
        // The conformance functions of ../shared/oracle, declared through the public API.
        .target(
            name: "StateFunConformanceFunctions", dependencies: ["StateFun", "StateFunProtocol"],
            swiftSettings: strictSettings),
        // Upstream's smoke end-to-end test: its messages, the command interpreter, a driver (Docs/SmokeE2E.md).
        .target(
            name: "StateFunSmoke", dependencies: ["StateFun", "StateFunWire", "StateFunProtocol"],
            swiftSettings: strictSettings),
        // replay / bench / serve / smoke over those functions.
        .executableTarget(
            name: "StateFunConformance",
            dependencies: [
                "StateFun", "StateFunProtocol", "StateFunTesting", "StateFunConformanceFunctions", "StateFunSmoke",
            ],
            swiftSettings: strictSettings
        ),
        // Messages generated from Fuzz/Messages/*.proto and the generated-message fuzzing oracle, shared by the
        // libFuzzer harness (Fuzz/FuzzGeneratedMessage) and the corpus replay test.
        .target(
            name: "StateFunFuzzMessages", dependencies: ["StateFun", "StateFunWire"], path: "Fuzz/Messages",
            exclude: ["fuzz3.proto", "fuzz2.proto"], swiftSettings: strictSettings),
        .testTarget(name: "StateFunWireTests", dependencies: ["StateFunWire"], swiftSettings: strictSettings),
        .testTarget(
            name: "StateFunProtobufCompilerTests",
            dependencies: ["StateFunProtobufCompiler", "StateFun", "StateFunWire", "StateFunFuzzMessages"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StateFunHTTPTests", dependencies: ["StateFunHTTP"], swiftSettings: strictSettings),
        .testTarget(
            name: "StateFunTests",
            dependencies: [
                "StateFun", "StateFunWire", "StateFunProtocol", "StateFunTesting", "StateFunConformanceFunctions",
                "StateFunSmoke",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)

// libFuzzer targets, kept out of the default build (Fuzz/run.sh, Fuzz/README.md): the HTTP request parser, and
// 3.x and 2.x request handling over the conformance functions, and generated message code.
if Context.environment["STATEFUN_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzHTTPParser", ["StateFunHTTP"]),
        ("FuzzHandlerV3", ["StateFun", "StateFunConformanceFunctions"]),
        ("FuzzHandlerV2", ["StateFun", "StateFunConformanceFunctions"]),
        ("FuzzGeneratedMessage", ["StateFunFuzzMessages"]),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name,
                dependencies: target.dependencies,
                path: "Fuzz/\(target.name)",
                swiftSettings: strictSettings + [.unsafeFlags(["-parse-as-library"])],
                // gold drops the __start/__stop symbols of the coverage-counter sections, which
                // leaves libFuzzer blind; lld keeps them.
                linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
            ))
    }
}
