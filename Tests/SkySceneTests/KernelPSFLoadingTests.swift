import CHDF5
import Foundation
import XCTest
@testable import SkyScene

/// Pixelised PSF kernels (`psf: {type: kernel, ...}`): the .npy and HDF5 readers, normalisation, defaults, and
/// every error naming the file and field.
final class KernelPSFLoadingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("skysynth-kernel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("psfs"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - Helpers

    /// The bytes of a .npy file: `descr` element type, 2-D (or any) `shape`, header format `version`.
    static func npy(_ values: [Double], shape: [Int], descr: String = "<f8", fortran: Bool = false, version: UInt8 = 1) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        let prefix = version == 1 ? 10 : 12
        while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        let length = header.utf8.count
        bytes += version == 1 ? [UInt8(length & 0xff), UInt8(length >> 8)]
                              : [UInt8(length & 0xff), UInt8((length >> 8) & 0xff), UInt8((length >> 16) & 0xff), UInt8(length >> 24)]
        bytes += Array(header.utf8)
        for v in values {
            switch descr {
            case "<f4": withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { bytes += $0 }
            case "<i2": withUnsafeBytes(of: Int16(v).littleEndian) { bytes += $0 }
            case "<i4": withUnsafeBytes(of: Int32(v).littleEndian) { bytes += $0 }
            case "<i8": withUnsafeBytes(of: Int64(v).littleEndian) { bytes += $0 }
            case ">f8": withUnsafeBytes(of: v.bitPattern.bigEndian) { bytes += $0 }
            default: withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 }
            }
        }
        return bytes
    }

    /// A W×H Gaussian blob (σ in pixels) centred at (cx, cy) pixels from the array centre.
    static func blob(width: Int, height: Int, sigma: Double, cx: Double = 0, cy: Double = 0) -> [Double] {
        var values: [Double] = []
        for j in 0..<height {
            for i in 0..<width {
                let x = Double(i) - Double(width - 1) / 2 - cx, y = Double(j) - Double(height - 1) / 2 - cy
                values.append(exp(-0.5 * (x * x + y * y) / (sigma * sigma)))
            }
        }
        return values
    }

    @discardableResult
    private func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `datasets` (path → (dims, row-major values)) into an HDF5 file with the C API.
    private func writeHDF5(_ name: String, groups: [String], datasets: [(String, [Int], [Double])]) throws {
        let path = folder.appendingPathComponent(name).path
        let file = H5Fcreate(path, skysynth_H5F_ACC_TRUNC(), skysynth_H5P_DEFAULT(), skysynth_H5P_DEFAULT())
        XCTAssertGreaterThanOrEqual(file, 0)
        for g in groups {
            let group = H5Gcreate2(file, g, skysynth_H5P_DEFAULT(), skysynth_H5P_DEFAULT(), skysynth_H5P_DEFAULT())
            XCTAssertGreaterThanOrEqual(group, 0)
            H5Gclose(group)
        }
        for (datasetPath, dims, values) in datasets {
            var sizes = dims.map { hsize_t($0) }
            let space = H5Screate_simple(Int32(dims.count), &sizes, nil)
            let data = H5Dcreate2(file, datasetPath, skysynth_H5T_IEEE_F64LE(), space, skysynth_H5P_DEFAULT(),
                                  skysynth_H5P_DEFAULT(), skysynth_H5P_DEFAULT())
            XCTAssertGreaterThanOrEqual(data, 0)
            let status = values.withUnsafeBytes {
                H5Dwrite(data, skysynth_H5T_NATIVE_DOUBLE(), skysynth_H5S_ALL(), skysynth_H5S_ALL(), skysynth_H5P_DEFAULT(), $0.baseAddress)
            }
            XCTAssertGreaterThanOrEqual(status, 0)
            H5Dclose(data)
            H5Sclose(space)
        }
        H5Fclose(file)
    }

    /// A one-band scene whose PSF line is `psf`, written next to the kernels; returns its path.
    private func scene(_ psf: String, size: Int = 32, scale: Double = 0.2) throws -> String {
        let text = """
        name: kernel-test
        seed: 1
        count: 2
        image: {size: \(size), pixel_scale: \(scale)}
        bands:
          - name: r
            zero_point: 28
            exposure_time: 60
            sky: {electrons: 10}
            psf: \(psf)
            noise: {type: none}
        objects:
          - type: star
            magnitude: 20
        """
        let url = folder.appendingPathComponent("scene.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func load(_ psf: String, size: Int = 32, scale: Double = 0.2) throws -> PSFKernel {
        let scene = try SceneLoader.load(path: try self.scene(psf, size: size, scale: scale))
        guard case .kernel(let kernel) = scene.bands[0].psf else {
            XCTFail("not a kernel PSF: \(scene.bands[0].psf)")
            throw KernelReadError("not a kernel")
        }
        return kernel
    }

    /// The single issue loading the scene with `psf` reports.
    private func issue(_ psf: String, size: Int = 32, file: StaticString = #filePath, line: UInt = #line) throws -> SceneIssue? {
        let path = try scene(psf, size: size)
        do {
            _ = try SceneLoader.load(path: path)
            XCTFail("expected the scene to be rejected", file: file, line: line)
            return nil
        } catch let errors as SceneErrors {
            XCTAssertEqual(errors.issues.count, 1, errors.description, file: file, line: line)
            XCTAssertEqual(errors.issues.first?.file, path, file: file, line: line)
            XCTAssertEqual(errors.issues.first?.line, 10, "the psf line", file: file, line: line)
            return errors.issues.first
        }
    }

    private func assertMessage(_ issue: SceneIssue?, field: String, _ fragments: [String],
                               file: StaticString = #filePath, line: UInt = #line) {
        guard let issue else { return XCTFail("no issue", file: file, line: line) }
        XCTAssertEqual(issue.field, field, issue.description, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(issue.message.contains(fragment), "'\(issue.message)' lacks '\(fragment)'", file: file, line: line)
        }
    }

    // MARK: - .npy reader

    func testNPYReaderReadsFloat64WithVersion1Header() throws {
        let values = (0..<12).map { Double($0) * 0.25 - 1 }
        let array = try KernelReader.readNPY(Self.npy(values, shape: [3, 4]))
        XCTAssertEqual(array.width, 4)
        XCTAssertEqual(array.height, 3)
        XCTAssertEqual(array.values, values)
    }

    func testNPYReaderReadsFloat32AndIntegersAndVersion2And3Headers() throws {
        let values: [Double] = [1, 2, 3, -4, 5, 6]
        for (descr, version) in [("<f4", UInt8(1)), ("<i2", 2), ("<i4", 3), ("<i8", 1), ("<f8", 2)] {
            let array = try KernelReader.readNPY(Self.npy(values, shape: [2, 3], descr: descr, version: version))
            XCTAssertEqual(array.values, values, descr)
            XCTAssertEqual([array.height, array.width], [2, 3], descr)
        }
        let fractional = try KernelReader.readNPY(Self.npy([0.1, 0.2], shape: [1, 2], descr: "<f4"))
        XCTAssertEqual(fractional.values, [Double(Float(0.1)), Double(Float(0.2))])
    }

    func testNPYReaderRejectsFortranOrderTruncationBigEndianAndWrongRank() {
        func message(_ bytes: [UInt8]) -> String {
            do {
                _ = try KernelReader.readNPY(bytes)
                return "accepted"
            } catch let error as KernelReadError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(message(Self.npy([1, 2, 3, 4], shape: [2, 2], fortran: true)).contains("Fortran order"))
        var truncated = Self.npy([1, 2, 3, 4], shape: [2, 2])
        truncated.removeLast(5)
        XCTAssertTrue(message(truncated).contains("truncated"), message(truncated))
        XCTAssertTrue(message(Array(Self.npy([1, 2, 3, 4], shape: [2, 2]).prefix(20))).contains("truncated"))
        XCTAssertTrue(message(Self.npy([1, 2, 3, 4], shape: [2, 2], descr: ">f8")).contains("unsupported .npy element type '>f8'"))
        XCTAssertTrue(message(Self.npy([1, 2, 3, 4], shape: [4])).contains("2-D"))
        XCTAssertTrue(message(Self.npy([1, 2, 3, 4], shape: [1, 2, 2])).contains("2-D"))
        XCTAssertTrue(message(Array("not numpy at all".utf8)).contains("not a NumPy .npy file"))
    }

    // MARK: - Loading

    func testNPYKernelIsNormalisedAndTakesTheImagePixelScaleByDefault() throws {
        let values = Self.blob(width: 9, height: 7, sigma: 1.5).map { $0 * 37 }
        try write(Self.npy(values, shape: [7, 9]), "psfs/k.npy")
        let kernel = try load("{type: kernel, file: psfs/k.npy}", scale: 0.25)
        XCTAssertEqual(kernel.width, 9)
        XCTAssertEqual(kernel.height, 7)
        XCTAssertEqual(kernel.pixelScale, 0.25)
        XCTAssertTrue(kernel.recentre)
        XCTAssertNil(kernel.dataset)
        XCTAssertEqual(kernel.file, "psfs/k.npy")
        XCTAssertEqual(kernel.values.reduce(0, +), 1, accuracy: 1e-12)
        let total = values.reduce(0, +)
        XCTAssertEqual(kernel.values[3 * 9 + 4], values[3 * 9 + 4] / total, accuracy: 1e-15)
        XCTAssertEqual(kernel.sha256.count, 64)
        // The FWHM of a sampled Gaussian: 2.3548 σ.
        XCTAssertEqual(kernel.fwhm, 2 * (2 * log(2.0)).squareRoot() * 1.5 * 0.25, accuracy: 0.03)

        let explicit = try load("{type: kernel, file: psfs/k.npy, pixel_scale: 0.1, recentre: false}")
        XCTAssertEqual(explicit.pixelScale, 0.1)
        XCTAssertFalse(explicit.recentre)
    }

    func testNegativePixelsAreAllowedWhenTheSumIsPositive() throws {
        var values = Self.blob(width: 5, height: 5, sigma: 1)
        values[0] = -0.01
        try write(Self.npy(values, shape: [5, 5]), "psfs/ringing.npy")
        let kernel = try load("{type: kernel, file: psfs/ringing.npy}")
        XCTAssertLessThan(kernel.values[0], 0)
    }

    func testHDF5KernelIsReadFromItsDataset() throws {
        let values = Self.blob(width: 5, height: 3, sigma: 1, cx: 0.5)
        try writeHDF5("psfs/psf.h5", groups: ["/psf"], datasets: [("/psf/r", [3, 5], values), ("/cube", [2, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1])])
        let kernel = try load("{type: kernel, file: psfs/psf.h5, dataset: /psf/r, pixel_scale: 0.1}")
        XCTAssertEqual([kernel.width, kernel.height], [5, 3])
        XCTAssertEqual(kernel.dataset, "/psf/r")
        let total = values.reduce(0, +)
        for (a, b) in zip(kernel.values, values) { XCTAssertEqual(a, b / total, accuracy: 1e-15) }

        assertMessage(try issue("{type: kernel, file: psfs/psf.h5, dataset: /cube}"), field: "bands[0].psf.dataset",
                      ["psf.h5", "2-D"])
        assertMessage(try issue("{type: kernel, file: psfs/psf.h5, dataset: /psf/g}"), field: "bands[0].psf.dataset",
                      ["psf.h5", "no dataset '/psf/g'"])
        assertMessage(try issue("{type: kernel, file: psfs/psf.h5}"), field: "bands[0].psf.dataset",
                      ["missing required key 'dataset'", "psf.h5"])
    }

    func testKernelTruthJSONHoldsItsIdentityNotItsValues() throws {
        try write(Self.npy(Self.blob(width: 5, height: 5, sigma: 1), shape: [5, 5]), "psfs/k.npy")
        let kernel = try load("{type: kernel, file: psfs/k.npy}")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]  // as SampleSpec.canonicalJSON
        let json = try encoder.encode(PSFDescription.kernel(kernel: kernel))
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertTrue(text.contains(kernel.sha256), text)
        XCTAssertFalse(text.contains("values"), text)
        XCTAssertTrue(text.hasPrefix("{\"kernel\":{\"kernel\":{\"file\":\"psfs/k.npy\""), text)
        guard case .kernel(let decoded) = try JSONDecoder().decode(PSFDescription.self, from: json) else {
            return XCTFail("not a kernel")
        }
        XCTAssertEqual(decoded.sha256, kernel.sha256)
        XCTAssertEqual(decoded.fwhm, kernel.fwhm)
        XCTAssertTrue(decoded.values.isEmpty)
        XCTAssertEqual(try encoder.encode(PSFDescription.kernel(kernel: decoded)), json, "re-encoding a decoded kernel is stable")
    }

    // MARK: - Errors

    func testMissingAndMalformedFilesAreNamed() throws {
        assertMessage(try issue("{type: kernel, file: psfs/nope.npy}"), field: "bands[0].psf.file", ["psfs/nope.npy", "not found"])
        try write(Array("hello".utf8), "psfs/bad.npy")
        assertMessage(try issue("{type: kernel, file: psfs/bad.npy}"), field: "bands[0].psf.file", ["psfs/bad.npy", "not a NumPy"])
        try write(Array("hello".utf8), "psfs/bad.h5")
        assertMessage(try issue("{type: kernel, file: psfs/bad.h5, dataset: /x}"), field: "bands[0].psf.dataset",
                      ["psfs/bad.h5", "not an HDF5 file"])
        assertMessage(try issue("{type: kernel, file: psfs/k.fits}"), field: "bands[0].psf.file", ["k.fits", ".npy", "HDF5"])
        var truncated = Self.npy(Self.blob(width: 5, height: 5, sigma: 1), shape: [5, 5])
        truncated.removeLast(8)
        try write(truncated, "psfs/short.npy")
        assertMessage(try issue("{type: kernel, file: psfs/short.npy}"), field: "bands[0].psf.file", ["short.npy", "truncated"])
        try write(Self.npy([1, 2, 3, 4], shape: [2, 2], fortran: true), "psfs/fortran.npy")
        assertMessage(try issue("{type: kernel, file: psfs/fortran.npy}"), field: "bands[0].psf.file", ["fortran.npy", "Fortran order"])
    }

    func testNonFiniteNegativeSumAndTooLargeKernelsAreRejected() throws {
        var values = Self.blob(width: 5, height: 5, sigma: 1)
        values[7] = .nan
        try write(Self.npy(values, shape: [5, 5]), "psfs/nan.npy")
        assertMessage(try issue("{type: kernel, file: psfs/nan.npy}"), field: "bands[0].psf.file",
                      ["nan.npy", "non-finite", "row 1, column 2"])
        values[7] = .infinity
        try write(Self.npy(values, shape: [5, 5]), "psfs/inf.npy")
        assertMessage(try issue("{type: kernel, file: psfs/inf.npy}"), field: "bands[0].psf.file", ["inf.npy", "non-finite"])

        try write(Self.npy(Self.blob(width: 5, height: 5, sigma: 1).map { -$0 }, shape: [5, 5]), "psfs/negative.npy")
        assertMessage(try issue("{type: kernel, file: psfs/negative.npy}"), field: "bands[0].psf.file",
                      ["negative.npy", "negative or zero sum", "> 0"])
        try write(Self.npy([1, -1, 0, 0], shape: [2, 2]), "psfs/zero.npy")
        assertMessage(try issue("{type: kernel, file: psfs/zero.npy}"), field: "bands[0].psf.file", ["zero.npy", "sum"])

        try write(Self.npy([Double](repeating: 1, count: 256 * 3), shape: [3, 256]), "psfs/wide.npy")
        assertMessage(try issue("{type: kernel, file: psfs/wide.npy, pixel_scale: 0.001}"), field: "bands[0].psf.file",
                      ["wide.npy", "too large", "256×3", "255×255"])
        // 41 × 41 pixels of 0.2″ = 11.6″ diagonal > the 16-pixel stamp's 4.5″ diagonal.
        try write(Self.npy(Self.blob(width: 41, height: 41, sigma: 3), shape: [41, 41]), "psfs/big.npy")
        assertMessage(try issue("{type: kernel, file: psfs/big.npy}", size: 16), field: "bands[0].psf.file",
                      ["big.npy", "too large", "diagonal"])
        assertMessage(try issue("{type: kernel, file: psfs/big.npy, pixel_scale: 0.5}", size: 16), field: "bands[0].psf.pixel_scale",
                      ["big.npy", "too large", "diagonal"])
        // The same kernel fits when sampled finer.
        XCTAssertEqual(try load("{type: kernel, file: psfs/big.npy, pixel_scale: 0.05}", size: 16).width, 41)
    }

    func testBadKernelParametersAreRejected() throws {
        try write(Self.npy(Self.blob(width: 5, height: 5, sigma: 1), shape: [5, 5]), "psfs/k.npy")
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, pixel_scale: 0}"), field: "bands[0].psf.pixel_scale",
                      ["0.0 is out of range", "pixel_scale"])
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, pixel_scale: -0.1}"), field: "bands[0].psf.pixel_scale",
                      ["out of range"])
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, pixel_scale: {uniform: [0.1, 0.2]}}"), field: "bands[0].psf.pixel_scale",
                      ["expected a number"])
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, fwhm: 0.7}"), field: "bands[0].psf.fwhm", ["unknown key 'fwhm'"])
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, dataset: /x}"), field: "bands[0].psf.dataset",
                      ["HDF5 kernel files only"])
        assertMessage(try issue("{type: kernel, file: psfs/k.npy, recentre: maybe}"), field: "bands[0].psf.recentre",
                      ["true or false"])
        assertMessage(try issue("{type: kernel}"), field: "bands[0].psf.file", ["missing required key 'file'"])
    }
}
