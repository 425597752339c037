// swift-tools-version: 6.2
// Walkthrough step 7: deployment (README.md). The app is the Greeter sample's (Samples/Greeter), used as is; this
// step adds the tool that writes the runtime-side artefacts from it.
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "walkthrough-07-deployment",
    platforms: [.macOS(.v15)],
    products: [
        // `swift run greeter-deployment`: writes deployment/ (module.yaml, Dockerfiles, docker-compose.yml).
        .executable(name: "greeter-deployment", targets: ["GreeterDeploymentCLI"])
    ],
    dependencies: [
        .package(name: "swift-statefun", path: "../.."),
        .package(name: "Greeter", path: "../../Samples/Greeter"),
    ],
    targets: [
        // The artefacts, made from an App: module.yaml, the function's Dockerfile, docker-compose.yml, the event
        // generator's image.
        .target(
            name: "GreeterDeployment",
            dependencies: [.product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .executableTarget(
            name: "GreeterDeploymentCLI",
            dependencies: [
                "GreeterDeployment",
                .product(name: "GreeterApp", package: "Greeter"),
                .product(name: "StateFun", package: "swift-statefun"),
            ],
            swiftSettings: settings),
        .testTarget(
            name: "GreeterDeploymentTests",
            dependencies: [
                "GreeterDeployment",
                .product(name: "GreeterApp", package: "Greeter"),
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunTesting", package: "swift-statefun"),
            ],
            swiftSettings: settings),
    ]
)
