// swift-tools-version: 6.2
// Walkthrough step 6: configuring for the runtime (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "walkthrough-06-configuring-for-the-runtime",
    platforms: [.macOS(.v15)],
    products: [
        // `swift run greeter`: the app's command line (demo, serve, module-yaml, describe, validate).
        .executable(name: "greeter", targets: ["GreeterCLI"])
    ],
    dependencies: [.package(name: "swift-statefun", path: "../..")],
    targets: [
        // GreetRequest, GreetResponse, SeenCount and the event generator (step 1).
        .target(
            name: "GreeterMessages",
            dependencies: [.product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        // The greeter app: function, state, ingress, egress, endpoint, and the local demo command.
        .target(
            name: "Greeter",
            dependencies: ["GreeterMessages", .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .executableTarget(
            name: "GreeterCLI",
            dependencies: ["Greeter", .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .testTarget(name: "GreeterMessagesTests", dependencies: ["GreeterMessages"], swiftSettings: settings),
        .testTarget(
            name: "GreeterTests",
            dependencies: ["Greeter", "GreeterMessages", .product(name: "StateFunTesting", package: "swift-statefun")],
            swiftSettings: settings),
    ]
)
