// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dmft",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DMFT", targets: ["DMFT"]),
        .executable(name: "dmft", targets: ["dmft"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3",
                       providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        // All numerics, no I/O.
        .target(name: "DMFT",
                dependencies: ["CFFTW", "COpenBLAS",
                               .product(name: "Numerics", package: "swift-numerics")]),
        // Files on disk: npy, csv, json, gnuplot, run directories.
        .target(name: "DMFTIO", dependencies: ["DMFT"]),
        // The command line: parsing, progress and printing only.
        .executableTarget(name: "dmft",
                          dependencies: ["DMFT", "DMFTIO",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "DMFTTests", dependencies: ["DMFT", "DMFTIO"]),
    ],
    swiftLanguageModes: [.v6]
)
