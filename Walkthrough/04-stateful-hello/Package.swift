// swift-tools-version: 6.2
// Walkthrough step 4: a stateful hello (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "walkthrough-04-stateful-hello",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-statefun", path: "../..")],
    targets: [
        // GreetRequest, GreetResponse, SeenCount and the event generator (step 1).
        .target(
            name: "GreeterMessages",
            dependencies: [.product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        // The greeter function.
        .target(
            name: "Greeter",
            dependencies: ["GreeterMessages", .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .testTarget(name: "GreeterMessagesTests", dependencies: ["GreeterMessages"], swiftSettings: settings),
        .testTarget(
            name: "GreeterTests",
            dependencies: ["Greeter", "GreeterMessages", .product(name: "StateFunTesting", package: "swift-statefun")],
            swiftSettings: settings),
    ]
)
