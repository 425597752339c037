#!/usr/bin/env bash
# Issue 14's done-when: an app whose target holds only `messages.proto` and a `Function` using its types builds with
# nothing but the toolchain. A new package outside the repository (in CI_TMP) depends on the SDK by path and lists
# StateFunProtobufPlugin; its one target is messages.proto and main.swift. Built with warnings as errors, then its
# `describe` must show the generated types as the function's state and input, and `validate` must pass.
#
# PROTO_APP_SDK (default: this checkout) is the SDK to depend on; with a fresh `git clone` and an empty
# SAMPLES_SCRATCH, without network, this is the fresh-clone check (41 s on 2 busy cores, 5 December 2026):
#   git clone REPO /tmp/x/swift-statefun
#   PROTO_APP_SDK=/tmp/x/swift-statefun SAMPLES_SCRATCH=/tmp/x/scratch unshare -rn bash .ci/steps.d/samples/41-proto-only-app.sh
# Shares the walkthrough's build folder otherwise (same SDK, same flags): only the app and the compiler are built.
set -euo pipefail
SDK=$(cd "${PROTO_APP_SDK:-$REPO}" && pwd)
SCRATCH=${SAMPLES_SCRATCH:-$REPO/.build-ci-samples}
WORK=$(mktemp -d "${CI_TMP:-/tmp}/proto-only-app.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/Sources/Greeter"

cat >"$WORK/Package.swift" <<EOF
// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "ProtoOnlyApp",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-statefun", path: "$SDK")],
    targets: [
        .executableTarget(
            name: "Greeter",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")])
    ]
)
EOF

cat >"$WORK/Sources/Greeter/messages.proto" <<'EOF'
syntax = "proto3";
package example;

message GreetRequest { string name = 1; }
message GreetResponse { string name = 1; string greeting = 2; }
message SeenCount { int64 seen = 1; }
EOF

cat >"$WORK/Sources/Greeter/main.swift" <<'EOF'
import StateFun

let seen = ValueSpec<Example_SeenCount>("seen_count")
let greets = KafkaEgress(id: "example/greets", address: "kafka-broker:9092")

let app = App {
    Function("example/greeter") {
        seen
        Handle(Example_GreetRequest.self) { context, request in
            var count = try context.storage.get(seen) ?? Example_SeenCount()
            count.seen += 1
            try context.storage.set(seen, count)
            var response = Example_GreetResponse()
            response.name = request.name
            response.greeting = "Hello \(request.name) #\(count.seen)"
            try context.send(greets.record(topic: "greetings", key: request.name, value: .typed(response)))
        }
        Emits(greets)
    }
    greets
    Endpoint(functions: "example/*", urlPathTemplate: "http://greeter:8000/statefun")
}

await app.main()
EOF

FLAGS=(--package-path "$WORK" --scratch-path "$SCRATCH" --disable-build-manifest-caching -Xswiftc -warnings-as-errors)
start=$SECONDS
swift build "${FLAGS[@]}"
echo "built the app in $((SECONDS - start)) s"
BIN=$(swift build "${FLAGS[@]}" --show-bin-path | tail -n 1)/Greeter
out=$("$BIN" describe)
echo "$out"
grep -q 'state seen_count: type.googleapis.com/example.SeenCount' <<<"$out"
grep -q 'handles type.googleapis.com/example.GreetRequest' <<<"$out"
"$BIN" validate
