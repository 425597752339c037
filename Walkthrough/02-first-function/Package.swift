// swift-tools-version: 6.2
// Walkthrough step 2: a first function (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "walkthrough-02-first-function",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-statefun", path: "../.."),
        // GreetRequest, GreetResponse, SeenCount and the event generator: step 1, unchanged.
        .package(name: "walkthrough-01-events", path: "../01-events"),
    ],
    targets: [
        // The greeter function.
        .target(
            name: "Greeter",
            dependencies: [.product(name: "GreeterMessages", package: "walkthrough-01-events"), .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .testTarget(
            name: "GreeterTests",
            dependencies: ["Greeter", .product(name: "GreeterMessages", package: "walkthrough-01-events"), .product(name: "StateFunTesting", package: "swift-statefun")],
            swiftSettings: settings),
    ]
)
