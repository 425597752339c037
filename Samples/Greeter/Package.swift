// swift-tools-version: 6.2
// The greeter of the StateFun walkthrough, as a Swift app: one stateful function behind a Kafka ingress and a
// Kafka egress. A separate package that depends on the SDK in this repository.
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Greeter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "greeter", targets: ["greeter"]),
        // The app as a library: Samples/HummingbirdGreeter builds on it.
        .library(name: "GreeterApp", targets: ["GreeterApp"]),
    ],
    dependencies: [
        .package(name: "swift-statefun", path: "../..")
    ],
    targets: [
        // The app and its messages: a library, so tests (and other executables) can use them.
        .target(
            name: "GreeterApp",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
            ],
            swiftSettings: settings,
            // messages.proto becomes Example_GreetRequest, Example_GreetResponse, Example_SeenCount.
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")]
        ),
        // `greeter` (the demo) | serve | dev | module-yaml | describe | validate.
        .executableTarget(
            name: "greeter",
            dependencies: ["GreeterApp", .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings
        ),
        .testTarget(
            name: "GreeterAppTests",
            dependencies: [
                "GreeterApp", .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
                .product(name: "StateFunTesting", package: "swift-statefun"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: settings
        ),
    ]
)
