// swift-tools-version: 6.2
// Walkthrough step 1: the greeter's events (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "walkthrough-01-events",
    platforms: [.macOS(.v15)],
    // The messages as a library: every later step builds on them unchanged.
    products: [.library(name: "GreeterMessages", targets: ["GreeterMessages"])],
    dependencies: [.package(name: "swift-statefun", path: "../..")],
    targets: [
        // GreetRequest, GreetResponse, SeenCount and the event generator.
        .target(
            name: "GreeterMessages",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
            ],
            swiftSettings: settings,
            // messages.proto becomes Example_GreetRequest, Example_GreetResponse, Example_SeenCount.
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")]),
        // Prints the records the generator would publish to the `names` topic.
        .executableTarget(name: "event-generator", dependencies: ["GreeterMessages"], swiftSettings: settings),
        .testTarget(name: "GreeterMessagesTests", dependencies: ["GreeterMessages"], swiftSettings: settings),
    ]
)
