/// `skysynth bench`, on the built binary: it runs the chosen workloads, prints the table and writes the JSON figures;
/// a bad workload name is a usage error listing the allowed names. No timing assertions (figures, not a test).
import Foundation
import XCTest

final class BenchCommandTests: CLITestCase {
    func testStarAndNoiseWorkloadsPrintTableAndJSON() throws {
        let json = outputPath("bench.json")
        let result = try run(["bench", "--workloads", "star,noise-64", "--seconds", "0.2", "--json", json], timeout: 120)
        XCTAssertEqual(result.status, 0, result.transcript)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("workload") && $0.contains("samples/s") && $0.contains("µs/band-stamp")
                          && $0.contains("peak RSS MB") }, "table header\n\(result.transcript)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("star ") }, "a row for star\n\(result.transcript)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("noise-64 ") }, "a row for noise-64\n\(result.transcript)")
        XCTAssertFalse(lines.contains { $0.hasPrefix("galaxy") }, "only the chosen workloads run\n\(result.transcript)")

        let data = try Data(contentsOf: URL(fileURLWithPath: json))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "JSON object")
        XCTAssertEqual(root["jobs"] as? Int, 1)
        let instructionSet = try XCTUnwrap(root["instruction_set"] as? String, "instruction_set\n\(result.transcript)")
        XCTAssertTrue(["avx512-znver4", "avx2-haswell", "baseline"].contains(instructionSet), instructionSet)
        XCTAssertTrue(lines.first?.contains("build)") == true, "the header names the build\n\(result.transcript)")
        let rows = try XCTUnwrap(root["results"] as? [[String: Any]], "results array")
        XCTAssertEqual(rows.compactMap { $0["workload"] as? String }, ["star", "noise-64"])
        for row in rows {
            let name = row["workload"] as? String ?? "?"
            XCTAssertNil(row["unsupported"], name)
            XCTAssertGreaterThan(row["samples"] as? Int ?? 0, 0, name)
            XCTAssertGreaterThan(row["samples_per_second"] as? Double ?? 0, 0, name)
            XCTAssertGreaterThan(row["microseconds_per_band_stamp"] as? Double ?? 0, 0, name)
            XCTAssertGreaterThan(row["peak_rss_mb"] as? Double ?? 0, 0, name)
            XCTAssertEqual(row["bands"] as? Int, 1, name)
            XCTAssertEqual(row["width"] as? Int, 64, name)
        }
    }

    /// The workloads paired with lenstronomy and DeepBench in Validation/bench/bench_compare.py run and report their shape.
    func testLensAndShapesDeepBenchWorkloads() throws {
        let json = outputPath("bench.json")
        let result = try run(["bench", "--workloads", "shapes-deepbench,lens", "--count", "1", "--json", json], timeout: 300)
        XCTAssertEqual(result.status, 0, result.transcript)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("shapes-deepbench ") }, "a row for shapes-deepbench\n\(result.transcript)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("lens ") }, "a row for lens\n\(result.transcript)")

        let data = try Data(contentsOf: URL(fileURLWithPath: json))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "JSON object")
        let rows = try XCTUnwrap(root["results"] as? [[String: Any]], "results array")
        XCTAssertEqual(rows.compactMap { $0["workload"] as? String }, ["shapes-deepbench", "lens"])
        for (row, bands) in zip(rows, [1, 5]) {
            let name = row["workload"] as? String ?? "?"
            XCTAssertNil(row["unsupported"], name)
            XCTAssertEqual(row["samples"] as? Int, 1, name)
            XCTAssertGreaterThan(row["samples_per_second"] as? Double ?? 0, 0, name)
            XCTAssertEqual(row["bands"] as? Int, bands, name)
            XCTAssertEqual(row["width"] as? Int, 64, name)
            XCTAssertEqual(row["height"] as? Int, 64, name)
        }
    }

    func testUnknownWorkloadListsAllowedNames() throws {
        let json = outputPath("bench.json")
        let result = try run(["bench", "--workloads", "star,galaxies", "--seconds", "0.2", "--json", json])
        XCTAssertNotEqual(result.status, 0, result.transcript)
        XCTAssertTrue(result.stderr.contains("galaxies"), "names the bad workload\n\(result.transcript)")
        for name in ["galaxy", "galaxy-n-fixed", "galaxy-write", "star", "lens", "shapes", "shapes-deepbench", "noise-64",
                     "noise-1024", "field-2048"] {
            XCTAssertTrue(result.stderr.contains(name), "lists '\(name)'\n\(result.transcript)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: json), "nothing written\n\(result.transcript)")
    }
}
