// swift-tools-version: 6.2
// Generated protobuf codecs (statefun-protoc, through the plugin) against a hand-written ProtobufMessage codec of
// the same 10-field message, in one run: `swift run -c release --package-path Benchmarks/Protobuf`.
import PackageDescription

let package = Package(
    name: "ProtobufBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-statefun", path: "../..")],
    targets: [
        .executableTarget(
            name: "ProtobufBench",
            dependencies: [.product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")]
        )
    ]
)
