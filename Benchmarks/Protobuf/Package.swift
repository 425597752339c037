// swift-tools-version: 6.2
// A 10-field message decoded and encoded three ways in one run: the code statefun-protoc generates (through the
// plugin), a hand-written ProtobufMessage codec, and swift-protobuf 1.39 (`swift run -c release --package-path
// Benchmarks/Protobuf`). A separate package: the SDK itself keeps `dependencies: []`.
import PackageDescription

let package = Package(
    name: "ProtobufBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-statefun", path: "../.."),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .executableTarget(
            name: "ProtobufBench",
            dependencies: [
                "SwiftProtobufOrder",
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")]
        ),
        // bench.proto's Order as protoc-gen-swift generates it, in a module of its own (the same type name).
        .target(
            name: "SwiftProtobufOrder",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
