// swift-tools-version: 6.2
// A shopping cart of three functions that message each other: carts reserve stock at the inventory and let
// reservations lapse with cancellable delayed messages, abandoned carts expire, checkouts write receipts to
// Kafka and shop events go to Kinesis (README.md).
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ShoppingCart",
    platforms: [.macOS(.v15)],
    products: [
        // `shop demo | serve | module-yaml | describe | validate`.
        .executable(name: "shop", targets: ["ShopCLI"]),
        .library(name: "ShoppingCart", targets: ["ShoppingCart"]),
    ],
    dependencies: [.package(name: "swift-statefun", path: "../..")],
    targets: [
        // The app: messages, the three functions, their IO, and the demo scenario. messages.proto becomes
        // Shop_AddToCart, Shop_Cart, ... at build time.
        .target(
            name: "ShoppingCart",
            dependencies: [
                .product(name: "StateFun", package: "swift-statefun"),
                .product(name: "StateFunWire", package: "swift-statefun"),
            ],
            swiftSettings: settings,
            plugins: [.plugin(name: "StateFunProtobufPlugin", package: "swift-statefun")]),
        .executableTarget(
            name: "ShopCLI",
            dependencies: ["ShoppingCart", .product(name: "StateFun", package: "swift-statefun")],
            swiftSettings: settings),
        .testTarget(
            name: "ShoppingCartTests",
            dependencies: ["ShoppingCart", .product(name: "StateFunTesting", package: "swift-statefun")],
            swiftSettings: settings),
    ]
)
