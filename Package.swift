// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SkySynth",
    products: [
        .executable(name: "skysynth", targets: ["skysynth"]),
        .library(name: "SkyDataset", targets: ["SkyDataset"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5-serial"),
        .systemLibrary(name: "CGSL", path: "Sources/CGSL", pkgConfig: "gsl"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng"),
        .target(name: "SkyScene", dependencies: [.product(name: "Yams", package: "Yams"), "CHDF5"]),
        .target(name: "SkyRender", dependencies: ["SkyScene", "CFFTW", "CGSL"]),
        .target(name: "SkyDataset", dependencies: ["SkyScene", "SkyRender", "CHDF5"]),
        .target(name: "SkyCard", dependencies: ["SkyDataset", "SkyScene", "CPNG"]),
        .executableTarget(
            name: "skysynth",
            dependencies: [
                "SkyScene", "SkyRender", "SkyDataset", "SkyCard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SkySceneTests", dependencies: ["SkyScene", "CHDF5"]),
        .testTarget(name: "SkyRenderTests", dependencies: ["SkyRender", "SkyScene"]),
        .testTarget(name: "SkyDatasetTests", dependencies: ["SkyDataset", "SkyRender", "SkyScene"]),
        .target(name: "SkyTestSupport", path: "Tests/SkyTestSupport"),
        .testTarget(name: "CLITests", dependencies: ["SkyDataset", "SkyTestSupport"]),
        .testTarget(name: "GoldenTests", dependencies: ["SkyDataset", "SkyScene", "SkyTestSupport"]),
        .testTarget(name: "SkyCardTests", dependencies: ["SkyCard", "SkyDataset", "SkyScene"]),
    ]
)
