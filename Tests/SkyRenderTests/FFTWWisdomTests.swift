import XCTest
@testable import SkyRender

/// The shipped FFTW wisdom: it imports, the stamp transforms of the benchmark's 64×64 galaxies (and of larger stamps)
/// come from it (not from FFTW_ESTIMATE), and the provenance string says which wisdom made the plans.
final class FFTWWisdomTests: XCTestCase {
    func testShippedWisdomImportsAndIsNamedInTheProvenance() {
        XCTAssertFalse(FFTWWisdom.shippedText.isEmpty)
        XCTAssertEqual(FFTWWisdom.identity.count, 12)
        XCTAssertTrue(LibraryVersions.fftw.hasPrefix("fftw-"), LibraryVersions.fftw)
        XCTAssertTrue(LibraryVersions.fftw.hasSuffix(", wisdom \(FFTWWisdom.identity)"), LibraryVersions.fftw)
    }

    func testBenchmarkStampTransformsComeFromTheWisdom() {
        for size in [80, 96, 128, 160, 192, 256, 320] {
            XCTAssertTrue(PrunedInverseRealFFT.plan(size: size, rows: 64).fromWisdom, "N \(size), 64 rows")
        }
        // Recorded from quickstart drawn on 128² and 256² stamps (scripts/record-fftw-wisdom).
        for (size, rows) in [(128, 128), (256, 128), (256, 256), (512, 256)] {
            XCTAssertTrue(PrunedInverseRealFFT.plan(size: size, rows: rows).fromWisdom, "N \(size), \(rows) rows")
        }
    }
}
