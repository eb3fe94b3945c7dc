import Foundation
import SkyDataset
import SkyScene
import XCTest

/// A small hand-built dataset for the card tests: 2 bands, 16×12 stamps, a Gaussian blob on noise per sample.
enum CardFixtures {
    static let width = 16
    static let height = 12
    static let pixelScale = 0.25
    static let seed: UInt64 = 4_242
    static let sceneText = "name: card-scene\nseed: 4242\n# a `tick` and ``` a fence inside the YAML\n"

    static func scene(count: Int) -> SceneDescription {
        SceneDescription(
            name: "card-scene", description: "Blobs on noise, for the dataset card tests.", seed: seed, count: count,
            splits: Splits(train: 0.5, validation: 0.25, test: 0.25),
            image: ImageGeometry(width: width, height: height, pixelScale: pixelScale),
            bands: [
                BandDescription(name: "g", zeroPoint: 28.3, exposureTime: 90, sky: .magnitude(22.3),
                                psf: .moffat(beta: 3, fwhm: 0.9), noise: .ccd(gain: 2, readNoise: 5), gain: 2, subtractSky: true),
                BandDescription(name: "r", zeroPoint: 28.1, exposureTime: 60, sky: .electrons(150),
                                psf: .gaussian(fwhm: 0.7), noise: .gaussian(sigma: 1.5), gain: 1, subtractSky: false),
            ],
            objects: [], output: OutputOptions(noiseless: true))
    }

    static let bands: [BandSpec] = [
        BandSpec(name: "g", zeroPoint: 28.3, exposureTime: 90, skyElectrons: 812.5, psf: .moffat(beta: 3, fwhm: 0.9),
                 noise: .ccd(gain: 2, readNoise: 5), gain: 2, subtractSky: true),
        BandSpec(name: "r", zeroPoint: 28.1, exposureTime: 60, skyElectrons: 150, psf: .gaussian(fwhm: 0.7),
                 noise: .gaussian(sigma: 1.5), gain: 1, subtractSky: false),
    ]

    /// Splits cycle train, train, validation, test.
    static func split(_ index: Int) -> Split {
        [Split.train, .train, .validation, .test][index % 4]
    }

    /// Sérsic index of sample `index`'s galaxy.
    static func sersicN(_ index: Int) -> Double { 1 + Double(index) / 10 }

    /// Sample `index`: a Sérsic galaxy, plus a star on odd samples.
    static func spec(_ index: Int) -> SampleSpec {
        var objects = [
            ObjectSpec(id: 1, group: 0,
                       shape: .sersic(n: sersicN(index), halfLightRadius: 0.5 + 0.05 * Double(index), q: 0.5, beta: 30,
                                      g1: 0.1, g2: 0.2),
                       offsetX: 0.1 * Double(index), offsetY: -0.2, flux: [1000, 2000], magnitude: [20.8 + 0.01 * Double(index), 19.9]),
        ]
        if index % 2 == 1 {
            objects.append(ObjectSpec(id: 2, group: 1, shape: .star, offsetX: -0.4, offsetY: 0.6,
                                      flux: [500, 700], magnitude: [21.5, 21.0]))
        }
        return SampleSpec(index: index, split: split(index),
                          image: ImageGeometry(width: width, height: height, pixelScale: pixelScale),
                          bands: bands, objects: objects)
    }

    /// A Gaussian blob (peak 100·(band+1)) at the stamp centre on deterministic pseudo-noise of sigma ~1 around `sky`.
    static func image(_ index: Int, sky: Float = 10, noise: Bool = true) -> [Float] {
        var state = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        var values: [Float] = []
        for band in 0..<2 {
            for y in 0..<height {
                for x in 0..<width {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let uniform = Float(state >> 40) / Float(1 << 24) - 0.5
                    let dx = Float(x) - 7.5, dy = Float(y) - 5.5 - Float(index % 3)
                    let blob = Float(100 * (band + 1)) * exp(-(dx * dx + dy * dy) / 4)
                    values.append(blob + (noise ? sky + 3.4 * uniform : 0))
                }
            }
        }
        return values
    }

    static let attributes: [(String, String)] = [
        ("software", "skysynth"),
        ("software_version", "0.0-test"),
        ("command_line_overrides", "count=10"),
        ("fftw_version", "fftw-3.3.10"),
        ("gsl_version", "2.7.1"),
        ("image_unit", "ADU"),
        ("convention_array_order", "images[sample, band, y, x]: x is the column | y the row"),
        ("tracking_note", "an attribute the card does not know"),
    ]

    /// Writes a complete dataset of `count` samples (or the shard `samples` of it) to `path`.
    static func write(to path: String, count: Int, samples: Range<Int>? = nil, extra: [(String, String)] = []) throws {
        let writer = try DatasetWriter(path: path, scene: scene(count: count), sceneText: sceneText,
                                       attributes: attributes + extra, samples: samples)
        for i in samples ?? 0..<count {
            try writer.append(spec: spec(i), image: image(i), noiseless: image(i, noise: false))
        }
        try writer.finish()
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skycard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// The header fields of a PNG file that the tests check.
struct PNGHeader: Equatable {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let width: Int
    let height: Int
    let bitDepth: Int
    /// 0 gray, 2 RGB.
    let colorType: Int

    /// Parses the signature and the IHDR chunk (which must come first); nil when the bytes are not a PNG.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 33, Array(bytes[0..<8]) == Self.signature,
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        guard be32(8) == 13 else { return nil }
        width = be32(16)
        height = be32(20)
        bitDepth = Int(bytes[24])
        colorType = Int(bytes[25])
    }

    init(width: Int, height: Int, bitDepth: Int, colorType: Int) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
    }
}
