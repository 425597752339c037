// swift-tools-version: 6.2
// Issue 17's deliberate mistakes that must not compile (typed function references).
import PackageDescription

let package = Package(
    name: "compile-mistakes",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-statefun", path: "../../..")],
    targets: [
        .target(name: "CompileMistakes", dependencies: [.product(name: "StateFun", package: "swift-statefun")]),
    ])
