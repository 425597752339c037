// swift-tools-version: 6.2
// The walkthrough's greeter served by Hummingbird 2 instead of the SDK's built-in HTTP server: the SDK's
// request-reply handler (bytes in, bytes out) mounted at POST /statefun, as the Python walkthrough mounts its
// handler in Flask. Unlike the SDK, this sample depends on an outside package (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "HummingbirdGreeter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hummingbird-greeter", targets: ["HummingbirdGreeter"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(name: "swift-statefun", path: "../.."),
        .package(name: "Greeter", path: "../Greeter"),
    ],
    targets: [
        // The route: any RequestReplyHandler behind POST <path> on a Hummingbird router.
        .target(
            name: "StateFunHummingbird",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "StateFun", package: "swift-statefun"),
            ],
            swiftSettings: settings),
        // `hummingbird-greeter [--host H] [--port P]`: the greeter app on that route.
        .executableTarget(
            name: "HummingbirdGreeter",
            dependencies: [
                "StateFunHummingbird",
                .product(name: "GreeterApp", package: "Greeter"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "StateFun", package: "swift-statefun"),
            ],
            swiftSettings: settings),
        .testTarget(
            name: "StateFunHummingbirdTests",
            dependencies: [
                "StateFunHummingbird",
                .product(name: "GreeterApp", package: "Greeter"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
            ],
            swiftSettings: settings),
    ]
)
