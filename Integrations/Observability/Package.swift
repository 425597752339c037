// swift-tools-version: 6.2
// StateFunObservability: the SDK's instrumentation seam bridged to the Swift server ecosystem's APIs: swift-log
// (a `Logger` receives the structured log), swift-metrics (the metrics of GET /metrics under the same names and
// labels) and swift-distributed-tracing (a span per batch and per invocation). A separate package so that the SDK
// keeps `dependencies: []` (Docs/Decisions/0001-no-dependencies.md); apps already on these APIs add this one.
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "StateFunObservability",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StateFunObservability", targets: ["StateFunObservability"]),
        .executable(name: "observed-greeter", targets: ["ObservedGreeter"]),
    ],
    dependencies: [
        .package(name: "swift-statefun", path: "../.."),
        .package(name: "Greeter", path: "../../Samples/Greeter"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        // The three bridges; each is an `Instrumentation` (or a `LogSink`) the SDK calls.
        .target(
            name: "StateFunObservability",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: settings
        ),
        // `observed-greeter`: the walkthrough's greeter with its log, metrics and spans going to all three APIs.
        .executableTarget(
            name: "ObservedGreeter",
            dependencies: [
                "StateFunObservability",
                .product(name: "GreeterApp", package: "Greeter"),
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "StateFunObservabilityTests",
            dependencies: [
                "StateFunObservability",
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: settings
        ),
    ]
)
