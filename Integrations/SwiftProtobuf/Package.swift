// swift-tools-version: 6.2
// StateFunSwiftProtobuf: swift-protobuf messages as StateFun types. A separate package so that the SDK itself keeps
// `dependencies: []` (Docs/Decisions/0001-no-dependencies.md); apps already on swift-protobuf add this one.
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "StateFunSwiftProtobuf",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StateFunSwiftProtobuf", targets: ["StateFunSwiftProtobuf"])
    ],
    dependencies: [
        .package(name: "swift-statefun", path: "../.."),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .target(
            name: "StateFunSwiftProtobuf",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "StateFunSwiftProtobufTests",
            dependencies: [
                "StateFunSwiftProtobuf",
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunTesting", package: "swift-statefun"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: settings
        ),
    ]
)
