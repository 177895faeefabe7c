// swift-tools-version:5.9
// A checkout integration's callback handling, taking the Antom callback package as any app or SDK
// does: by URL, on a release tag.

import PackageDescription

let package = Package(
    name: "CheckoutCallbacks",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    dependencies: [
        .package(url: "https://github.com/antom-sdk/antom-callback", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "CheckoutCallbacks",
            dependencies: [
                .product(name: "AntomCallback", package: "antom-callback"),
            ]
        ),
    ]
)
