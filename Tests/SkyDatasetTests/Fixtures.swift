import Foundation
import XCTest
import SkyDataset
import SkyScene

/// Hand-built scenes, samples and images for the dataset tests (2 bands, 8×6 stamps).
enum Fixtures {
    static let width = 8
    static let height = 6
    static let pixelScale = 0.2
    /// Larger than Int64.max, to check the uint64 seed attribute.
    static let seed: UInt64 = 18_446_744_073_709_551_557
    static let sceneText = "name: test-scene\nseed: 18446744073709551557\n# Sérsic ✓\n"

    /// A two-band scene: band g is Moffat + CCD noise, band r Gaussian PSF + Gaussian noise.
    static func scene(count: Int, noiseless: Bool) -> SceneDescription {
        SceneDescription(
            name: "test-scene", description: "Two bands, tiny stamps, for the writer tests.", seed: seed, count: count,
            splits: Splits(train: 0.5, validation: 0.25, test: 0.25),
            image: ImageGeometry(width: width, height: height, pixelScale: pixelScale),
            bands: [
                BandDescription(name: "g", zeroPoint: 28.3, exposureTime: 90, sky: .magnitude(22.3),
                                psf: .moffat(beta: 3, fwhm: 0.9), noise: .ccd(gain: 2, readNoise: 5), gain: 2, subtractSky: true),
                BandDescription(name: "r", zeroPoint: 28.1, exposureTime: 60, sky: .electrons(150),
                                psf: .gaussian(fwhm: 0.7), noise: .gaussian(sigma: 1.5), gain: 1, subtractSky: false),
            ],
            objects: [], output: OutputOptions(noiseless: noiseless))
    }

    static let bands: [BandSpec] = [
        BandSpec(name: "g", zeroPoint: 28.3, exposureTime: 90, skyElectrons: 812.5, psf: .moffat(beta: 3, fwhm: 0.9),
                 noise: .ccd(gain: 2, readNoise: 5), gain: 2, subtractSky: true),
        BandSpec(name: "r", zeroPoint: 28.1, exposureTime: 60, skyElectrons: 150, psf: .gaussian(fwhm: 0.7),
                 noise: .gaussian(sigma: 1.5), gain: 1, subtractSky: false),
    ]

    /// Splits cycle train, train, validation, test so every split is used.
    static func split(_ index: Int) -> Split {
        [Split.train, .train, .validation, .test][index % 4]
    }

    /// Sample `index`: a Sérsic galaxy, plus a star on odd samples.
    static func spec(_ index: Int) -> SampleSpec {
        var objects = [
            ObjectSpec(id: 1, group: 0,
                       shape: .sersic(n: 1 + Double(index) / 10, halfLightRadius: 0.6, q: 0.5, beta: 30, g1: 0.1, g2: 0.2),
                       offsetX: 0.1 * Double(index), offsetY: -0.2, flux: [1000, 2000 + Double(index)], magnitude: [20.8, 19.9]),
        ]
        if index % 2 == 1 {
            objects.append(ObjectSpec(id: 2, group: 1, shape: .star, offsetX: -0.4, offsetY: 0.6,
                                      flux: [500, 700], magnitude: [21.5, 21.0]))
        }
        return SampleSpec(index: index, split: split(index),
                          image: ImageGeometry(width: width, height: height, pixelScale: pixelScale),
                          bands: bands, objects: objects)
    }

    /// Known pixel values: sample*1000 + band*100 + y*10 + x (+ `shift`), in [band][y][x] order.
    static func image(_ index: Int, shift: Float = 0.25) -> [Float] {
        var values: [Float] = []
        for band in 0..<2 {
            for y in 0..<height {
                for x in 0..<width { values.append(Float(index * 1000 + band * 100 + y * 10 + x) + shift) }
            }
        }
        return values
    }

    static let extraAttributes: [(String, String)] = [
        ("software_version", "skysynth 0.0-test"),
        ("image_unit", "ADU"),
        ("conventions", "x is the column, y the row"),
    ]

    /// A writer for the fixture scene.
    static func writer(path: String, count: Int, noiseless: Bool) throws -> DatasetWriter {
        try DatasetWriter(path: path, scene: scene(count: count, noiseless: noiseless),
                          sceneText: sceneText, attributes: extraAttributes)
    }

    /// Writes a complete dataset of `count` samples to `path`.
    static func write(to path: String, count: Int, noiseless: Bool) throws {
        let writer = try writer(path: path, count: count, noiseless: noiseless)
        for i in 0..<count {
            try writer.append(spec: spec(i), image: image(i), noiseless: noiseless ? image(i, shift: 0.5) : nil)
        }
        try writer.finish()
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skydataset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
