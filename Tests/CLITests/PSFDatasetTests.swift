/// /psf in the file: one [B, 25, 25] image set for a constant PSF, one per sample when the PSF is drawn per sample
/// (Scenes/psf-family.yaml), matching the /samples PSF columns.
import Foundation
import SkyDataset
import XCTest

final class PSFDatasetTests: CLITestCase {
    func scene(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/\(name).yaml").path
    }

    func testPerSamplePSFImagesFollowTheDrawnSeeing() throws {
        let out = outputPath("psf.h5")
        // The Airy band is replaced by a fixed Gaussian and n fixed to keep the debug-build test quick.
        let result = try run(["generate", scene("psf-family"), "--count", "4", "--no-card", "--quiet", "-o", out,
                              "--set", "bands.2.psf={type: gaussian, fwhm: 0.7}", "--set", "objects.0.n=1.5"])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(try DatasetSummary.read(path: out).dataset("/psf")?.shape, [4, 3, 25, 25])
        let psf = try DatasetReader.readDoubles(path: out, dataset: "/psf")
        let fwhm = try DatasetReader.readDoubles(path: out, dataset: "/samples/psf_fwhm")
        let image = 25 * 25, centre = 12 * 25 + 12
        func peak(_ sample: Int, _ band: Int) -> Double { psf[(sample * 3 + band) * image + centre] }
        // Gaussian r band: the peak pixel falls as the drawn FWHM grows.
        let order = (0..<4).sorted { fwhm[$0 * 3 + 1] < fwhm[$1 * 3 + 1] }
        for (a, b) in zip(order, order.dropFirst()) { XCTAssertGreaterThan(peak(a, 1), peak(b, 1)) }
        XCTAssertEqual(Set((0..<4).map { fwhm[$0 * 3 + 2] }), [0.7], "the fixed band keeps its FWHM")
        XCTAssertEqual(Set((0..<4).map { peak($0, 2) }).count, 1, "and its PSF image")
        XCTAssertEqual(Set((0..<4).map { fwhm[$0 * 3] }).count, 4, "the Moffat FWHM is drawn per sample")
    }

    func testConstantPSFIsStoredOnce() throws {
        let out = outputPath("shapes.h5")
        let result = try run(["generate", scene("shapes"), "--count", "2", "--no-card", "--quiet", "-o", out])
        XCTAssertEqual(result.status, 0, result.transcript)
        XCTAssertEqual(try DatasetSummary.read(path: out).dataset("/psf")?.shape, [2, 25, 25])
        let psf = try DatasetReader.readDoubles(path: out, dataset: "/psf")
        XCTAssertEqual(psf[0..<625].reduce(0, +), 1, accuracy: 0.02, "band g: Moffat 0.5″ in 5″")
        XCTAssertEqual(psf[625..<1250].reduce(0, +), 1, accuracy: 1e-5, "band r: Gaussian 0.4″")
    }
}
