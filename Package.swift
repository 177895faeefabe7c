// swift-tools-version:5.9
// The manifest SwiftPM reads when a package depends on this repository by URL:
//     .package(url: "https://github.com/antom-sdk/antom-callback", from: "1.0.0")
// with the product `.product(name: "AntomCallback", package: "antom-callback")`. A release tag
// `vX.Y.Z` is the version; SwiftPM reads `vX.Y.Z` and `X.Y.Z` tags alike.
//
// It builds the library from `generated/swift`, the package `cargo xtask codegen` writes (whose
// own `Package.swift` is for working in that folder). Written by hand: `tests/tests/swift.rs`
// checks that it declares what `generated/swift/Package.swift` does (product, module, platforms,
// sources). The XCTest target is left out: SwiftPM never builds a dependency's tests, and the
// repository's tests build it from `generated/swift/Package.swift`.

import PackageDescription

let package = Package(
    name: "AntomCallback",
    platforms: [.iOS(.v13), .macOS(.v10_15), .tvOS(.v13), .watchOS(.v6)],
    products: [
        .library(name: "AntomCallback", targets: ["AntomCallback"]),
    ],
    targets: [
        .target(name: "AntomCallback", path: "generated/swift/Sources/AntomCallback"),
    ]
)
