import Foundation
import XCTest
@testable import SkyScene

/// `SampleSpec.canonicalJSON()` (hand-written) gives the bytes of the JSONEncoder it replaced, for every spec.
final class CanonicalJSONTests: XCTestCase {
    /// The encoder canonicalJSON() used to run: the reference for every comparison.
    static func reference(_ spec: SampleSpec) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                       nan: "nan")
        return Array(try encoder.encode(spec))
    }

    /// Compares UTF-8 bytes (String equality would accept canonically equivalent but different bytes).
    func assertSameBytes(_ spec: SampleSpec, _ what: @autoclosure () -> String, file: StaticString = #filePath,
                         line: UInt = #line) throws {
        let expected = try Self.reference(spec)
        let actual = Array(spec.canonicalJSON().utf8)
        if actual != expected {
            let common = min(actual.count, expected.count)
            let at = (0..<common).first { actual[$0] != expected[$0] } ?? common
            XCTFail("\(what()): differs at byte \(at)\n  new: \(String(decoding: actual, as: UTF8.self))\n"
                    + "  old: \(String(decoding: expected, as: UTF8.self))", file: file, line: line)
        }
    }

    // MARK: scenes

    func testEverySceneOfTheRepository() throws {
        let folder = Fixture.repositoryRoot.appendingPathComponent("Scenes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8, "\(files)")
        var compared = 0
        for file in files {
            let plan = SamplePlan(scene: try SceneLoader.load(path: folder.appendingPathComponent(file).path))
            for i in Self.indices(count: plan.count) {
                try assertSameBytes(plan.sample(i), "\(file) sample \(i)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 100 * files.count)
    }

    func testSweepScene() throws {
        let text = """
        name: sweep-json
        seed: 5
        image: {size: [24, 24], pixel_scale: 0.2}
        bands:
          - {name: g, zero_point: 28, exposure_time: 10, sky: {electrons: 50}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: ccd, gain: 2, read_noise: 3}}
          - {name: r, zero_point: 28, exposure_time: 10, sky: {magnitude: 21}, psf: {type: airy, lambda_over_d: 0.2, obscuration: 0.3}, noise: {type: gaussian, sigma: 0.5}}
          - {name: i, zero_point: 27, exposure_time: 10, sky: {electrons: 80}, psf: {type: moffat, beta: 3, fwhm: 0.8}, noise: {type: none}}
        objects:
          - {type: sersic, n: {uniform: [1, 3]}, half_light_radius: {uniform: [0.3, 0.6]}, offset: {uniform: [-0.5, 0.5]}, magnitude: 21}
          - {type: star, count: {poisson: 1}, offset: {uniform: [-1, 1]}, magnitude: 20}
        sweep:
          grid:
            bands.i.psf.fwhm: [0.6, 0.9]
            bands.g.noise.read_noise: [2, 8]
          replicates: 5

        """
        let plan = SamplePlan(scene: try SceneLoader.parse(text, file: "sweep.yaml"))
        XCTAssertEqual(plan.count, 20)
        for i in 0..<plan.count {
            XCTAssertNotNil(plan.sample(i).sweep)
            try assertSameBytes(plan.sample(i), "sweep sample \(i)")
        }
    }

    /// The first 50 samples and 50 more spread over the rest.
    static func indices(count: Int) -> [Int] {
        let first = Array(0..<min(50, count))
        let spread = count > 50 ? (0..<50).map { 50 + $0 * (count - 50) / 50 } : []
        return first + spread
    }

    // MARK: edge values

    static let edgeDoubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 2.5, 100, 0.30000000000000004, 1e-5, 1e-4, 1e-7, 1e15, 123456789012345680, 1e16, 1e21,
        1e22, -1e-300, .leastNonzeroMagnitude /* 5e-324 */, .leastNormalMagnitude, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
    ]

    static let edgeInts: [Int] = [0, 1, -1, 42, Int.max, Int.min]

    static let edgeStrings: [String] = [
        "", "g", "quote\"d", "back\\slash", "a/b/../c", "tab\there", "new\nline\r\n", "\u{8}\u{c}\u{0}\u{1f}\u{7f}",
        (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined(), "é", "e\u{301}", "Ω-band ✓ 🔭", "天文", "\u{2028}\u{feff}",
        "{\"k\":[1,2]}",
    ]

    func testEveryDoubleInEveryField() throws {
        for value in Self.edgeDoubles {
            for spec in Self.specs(double: value, int: 3, string: "r") {
                try assertSameBytes(spec, "double \(value) in \(spec.objects.map(\.shape.kindName))")
            }
        }
    }

    func testEveryIntInEveryField() throws {
        for value in Self.edgeInts {
            for spec in Self.specs(double: 0.25, int: value, string: "r") {
                try assertSameBytes(spec, "int \(value)")
            }
        }
    }

    func testEveryStringInEveryField() throws {
        for value in Self.edgeStrings {
            for spec in Self.specs(double: 1.5, int: 2, string: value) {
                try assertSameBytes(spec, "string \(value.debugDescription)")
            }
        }
    }

    func testDictionaryKeysSortLikeTheEncoder() throws {
        // UTF-8 byte order: digits < upper case < "_" < lower case < "~" < non-ASCII; a prefix sorts first; no Unicode
        // normalisation (String's < puts "e\u{301}z", NFC "éz", after "é" and "f").
        let keys = ["radius", "_0", "A", "a", "a_b", "aB", "ab", "a10", "a9", "offset", "offsetX", "é", "e\u{301}z", "e", "f",
                    "~", "Z", "0", "", "q\"", "tab\t", "line_width", "length", "start_angle", "span", "inner_ratio", "axis_ratio"]
        var parameters: [String: Double] = [:]
        for (i, key) in keys.enumerated() { parameters[key] = Double(i) / 7 }
        for count in [0, 1, 2, keys.count] {
            let subset = parameters.filter { keys.prefix(count).contains($0.key) }
            let shape = GeometricSpec(kind: .polygon, parameters: subset, vertices: 5, rotation: 10, outlineWidth: nil,
                                      convolved: true)
            try assertSameBytes(Self.spec(objects: [Self.object(.geometric(shape), double: 1)]), "\(count) parameters")
        }
    }

    func testOptionalsAndEmptyCollections() throws {
        var spec = Self.spec(objects: [])
        try assertSameBytes(spec, "no objects")
        spec.bands = []
        try assertSameBytes(spec, "no bands, no objects")
        spec.sweep = SweepPosition(point: 0, replicate: 0)
        try assertSameBytes(spec, "sweep, no bands")
        var object = Self.object(.star, double: 2)
        object.flux = []
        object.magnitude = []
        spec.objects = [object, object]
        try assertSameBytes(spec, "empty flux and magnitude")
        for split in Split.allCases {
            spec.split = split
            try assertSameBytes(spec, "split \(split)")
        }
    }

    // MARK: hand-made specs

    /// Specs covering every case of every enum and every optional present and absent, with `double`, `int` and
    /// `string` in every field of their type.
    static func specs(double d: Double, int k: Int, string s: String) -> [SampleSpec] {
        var specs: [SampleSpec] = []
        let objects = shapes(double: d, int: k).map { object($0, double: d, int: k) }
        for (i, band) in bands(double: d, string: s).enumerated() {
            let image = ImageGeometry(width: k, height: k, pixelScale: d)
            specs.append(SampleSpec(index: k, split: Split.allCases[i % 3], image: image, bands: [band, band], objects: objects,
                                    sweep: i % 2 == 0 ? nil : SweepPosition(point: k, replicate: k)))
        }
        return specs
    }

    /// One band per PSF and noise case, with and without defects (and full well).
    static func bands(double d: Double, string s: String) -> [BandSpec] {
        var kernel = PSFKernel(file: s, dataset: nil, pixelScale: d, width: 2, height: 1, recentre: true, sha256: s,
                               values: [0.5, 0.5])
        kernel.fwhm = d
        var kernelInDataset = kernel
        kernelInDataset.dataset = s
        kernelInDataset.recentre = false
        let psfs: [PSFDescription] = [.gaussian(fwhm: d), .moffat(beta: d, fwhm: d), .airy(lambdaOverD: d, obscuration: d),
                                      .kernel(kernel: kernel), .kernel(kernel: kernelInDataset)]
        let noises: [NoiseDescription] = [.none, .gaussian(sigma: d), .ccd(gain: d, readNoise: d)]
        let defects: [DefectDescription?] = [
            nil, DefectDescription(fullWell: d, hotPixels: d, badColumns: d, cosmicRays: d, missing: d),
            DefectDescription(fullWell: nil, hotPixels: d, badColumns: d, cosmicRays: d, missing: d),
        ]
        var bands: [BandSpec] = []
        for (i, psf) in psfs.enumerated() {
            for (j, noise) in noises.enumerated() {
                bands.append(BandSpec(name: s, zeroPoint: d, exposureTime: d, skyElectrons: d, psf: psf, noise: noise, gain: d,
                                      subtractSky: (i + j) % 2 == 0, defects: defects[(i + j) % defects.count]))
            }
        }
        return bands
    }

    /// Every shape case: each geometric kind, deflector profile and galaxy kind, optionals present and absent.
    static func shapes(double d: Double, int k: Int) -> [ObjectShapeSpec] {
        var shapes: [ObjectShapeSpec] = [.sersic(n: d, halfLightRadius: d, q: d, beta: d, g1: d, g2: d), .star]
        for kind in GeometricKind.allCases {
            let parameters = Dictionary(uniqueKeysWithValues: kind.requiredParameters.map { ($0, d) })
            shapes.append(.geometric(GeometricSpec(kind: kind, parameters: parameters, vertices: kind.takesVertices ? k : nil,
                                                   rotation: d, outlineWidth: kind.takesOutline ? d : nil, convolved: true)))
            shapes.append(.geometric(GeometricSpec(kind: kind, parameters: [:], vertices: kind.takesVertices ? nil : k,
                                                   rotation: d, outlineWidth: kind.takesOutline ? nil : d, convolved: false)))
        }
        let light = LensLightSpec(n: d, halfLightRadius: d, q: d, beta: d, g1: d, g2: d, offsetX: d, offsetY: d, flux: [d, d],
                                  magnitude: [d])
        for profile in DeflectorProfile.allCases {
            for lensLight in [nil, light] {
                shapes.append(.lens(LensSpec(isLensed: lensLight == nil, profile: profile, thetaE: d, q: d, phi: d, e1: d, e2: d,
                                             gamma1: d, gamma2: d, supersample: k, source: light, lensLight: lensLight)))
            }
        }
        let component = GalaxyComponentSpec(n: d, halfLightRadius: d, q: d, beta: d, g1: d, g2: d)
        let arms = SpiralArmsSpec(count: k, pitch: d, width: d, fraction: d, phase: d, supersample: k)
        for kind in GalaxyKind.allCases {
            for bulge in [nil, component] {
                for spiral in [nil, arms] {
                    shapes.append(.galaxy(GalaxySpec(kind: kind, disk: component, bulge: bulge, bulgeFraction: [d, d, d],
                                                     arms: spiral)))
                }
            }
        }
        return shapes
    }

    static func object(_ shape: ObjectShapeSpec, double d: Double, int k: Int = 1) -> ObjectSpec {
        ObjectSpec(id: k, group: k, shape: shape, offsetX: d, offsetY: d, flux: [d, d], magnitude: [d, d])
    }

    static func spec(objects: [ObjectSpec]) -> SampleSpec {
        let band = bands(double: 0.5, string: "g")[4]
        return SampleSpec(index: 7, split: .validation, image: ImageGeometry(width: 32, height: 16, pixelScale: 0.2),
                          bands: [band], objects: objects)
    }
}
