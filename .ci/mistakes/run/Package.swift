// swift-tools-version: 6.2
// Issue 17's deliberate mistakes that compile: each must be reported by validate or at the first TestInvocation
// (.ci/steps.d/samples/26-deliberate-mistakes.sh copies this package out of the repository and runs its tests).
import PackageDescription

let package = Package(
    name: "run-mistakes",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-statefun", path: "../../..")],
    targets: [
        .target(name: "RunMistakes", dependencies: [.product(name: "StateFun", package: "swift-statefun")]),
        .testTarget(
            name: "MistakesTests",
            dependencies: ["RunMistakes", .product(name: "StateFunTesting", package: "swift-statefun")]),
    ])
