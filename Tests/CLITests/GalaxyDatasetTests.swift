/// Scenes/galaxies-plus.yaml end to end: bulge + disk and spiral labels with units and descriptions, noiseless images
/// whose flux matches the labels, and files that do not depend on --jobs.
import Foundation
import SkyDataset
import XCTest

final class GalaxyDatasetTests: CLITestCase {
    var scene: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes/galaxies-plus.yaml").path
    }

    func testGalaxyLabelsAndNoiselessFlux() throws {
        // Without noise, and with both galaxies in every stamp, each stamp keeps nearly all its galaxies' flux.
        let out = outputPath("galaxies-plus.h5")
        let result = try run(["generate", scene, "--count", "4", "--no-card", "-o", out, "--set", "bands.*.noise={type: none}",
                              "--set", "objects.*.count=1", "--quiet"], timeout: 300)
        XCTAssertEqual(result.status, 0, result.transcript)
        let summary = try DatasetReader.summary(path: out)
        for name in ["bulge_n", "bulge_half_light_radius", "bulge_q", "bulge_beta", "bulge_g1", "bulge_g2", "disk_n",
                     "disk_half_light_radius", "disk_q", "disk_beta", "disk_g1", "disk_g2", "pitch", "arm_width", "arm_sharpness",
                     "arm_fraction", "phase"] {
            let column = try XCTUnwrap(summary.dataset("/objects/\(name)"), name)
            XCTAssertEqual(column.type, "float64", name)
            XCTAssertFalse(column.description.isEmpty, name)
        }
        XCTAssertEqual(summary.dataset("/objects/bulge_fraction")?.shape, [8, 4])
        XCTAssertEqual(summary.dataset("/objects/arms")?.type, "int32")
        XCTAssertEqual(summary.dataset("/objects/pitch")?.units, "deg")
        XCTAssertEqual(summary.dataset("/objects/disk_half_light_radius")?.units, "arcsec")

        let kinds = try DatasetReader.readStrings(path: out, dataset: "/objects/kind")
        XCTAssertEqual(kinds, (0..<4).flatMap { _ in ["bulge_disk", "spiral"] })
        let bulgeN = try DatasetReader.readDoubles(path: out, dataset: "/objects/bulge_n")
        let diskRadius = try DatasetReader.readDoubles(path: out, dataset: "/objects/disk_half_light_radius")
        let fraction = try DatasetReader.readDoubles(path: out, dataset: "/objects/bulge_fraction")
        let arms = try DatasetReader.readIntegers(path: out, dataset: "/objects/arms")
        let pitch = try DatasetReader.readDoubles(path: out, dataset: "/objects/pitch")
        let sharpness = try DatasetReader.readDoubles(path: out, dataset: "/objects/arm_sharpness")
        let width = try DatasetReader.readDoubles(path: out, dataset: "/objects/arm_width")
        let sersicN = try DatasetReader.readDoubles(path: out, dataset: "/objects/sersic_n")
        for (row, kind) in kinds.enumerated() {
            XCTAssertTrue((1.5...4.5).contains(bulgeN[row]), "row \(row)")
            XCTAssertTrue((0.6...2.0).contains(diskRadius[row]), "row \(row)")
            XCTAssertTrue(sersicN[row].isNaN, "a galaxy's components are in bulge_* and disk_*")
            if kind == "spiral" {
                XCTAssertTrue((2...4).contains(arms[row]) && (10...35).contains(pitch[row]), "row \(row)")
                XCTAssertEqual(sharpness[row], -log(2.0) / (2 * log(cos(Double.pi * width[row] / 2))), accuracy: 1e-12)
                XCTAssertEqual(Set(fraction[(4 * row)..<(4 * row + 4)]).count, 1, "one B/T for every band")
            } else {
                XCTAssertEqual(arms[row], 0)
                XCTAssertTrue(pitch[row].isNaN && sharpness[row].isNaN)
                XCTAssertTrue((0.05...0.30).contains(fraction[4 * row]) && (0.20...0.55).contains(fraction[4 * row + 3]),
                              "B/T per band in the scene's ranges")
            }
        }
        let samples = try DatasetReader.readIntegers(path: out, dataset: "/objects/sample")
        let flux = try DatasetReader.readDoubles(path: out, dataset: "/objects/flux")
        for sample in 0..<4 {
            let noiseless = try DatasetReader.readFloatImages(path: out, sample: sample, dataset: "/noiseless")
            for band in 0..<4 {
                let sum = noiseless[(band * 4096)..<((band + 1) * 4096)].reduce(0.0) { $0 + Double($1) }
                let labelled = samples.indices.filter { samples[$0] == sample }.reduce(0.0) { $0 + flux[4 * $1 + band] }
                XCTAssertLessThanOrEqual(sum, labelled * (1 + 1e-4), "sample \(sample) band \(band)")
                XCTAssertGreaterThanOrEqual(sum, labelled * 0.85, "sample \(sample) band \(band): little light leaves the stamp")
            }
        }
    }

    func testJobCountDoesNotChangeTheFile() throws {
        let one = outputPath("jobs1.h5"), two = outputPath("jobs2.h5")
        for (path, jobs) in [(one, "1"), (two, "2")] {
            let result = try run(["generate", scene, "--count", "6", "--no-card", "-o", path, "--jobs", jobs, "--quiet"], timeout: 300)
            XCTAssertEqual(result.status, 0, result.transcript)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: one)), b = try Data(contentsOf: URL(fileURLWithPath: two))
        XCTAssertGreaterThan(a.count, 0)
        XCTAssertTrue(a == b, "--jobs 1 and --jobs 2 give different files for Scenes/galaxies-plus.yaml")
    }
}
