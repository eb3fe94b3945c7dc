import Foundation
import Dispatch
import Synchronization
import XCTest
@testable import SkyRender

/// The shipped Sérsic node tables (SersicNodeTables.swift) are what `SersicTransform(n:)` integrates. With
/// SKYSYNTH_RECORD_SERSIC_TABLES=1 this test integrates all 119 nodes, rewrites the file and fails (rerun without it).
final class SersicNodeTableTests: XCTestCase {
    func testShippedTablesAreTheIntegratedOnes() throws {
        if ProcessInfo.processInfo.environment["SKYSYNTH_RECORD_SERSIC_TABLES"] == "1" {
            try record()
            return XCTFail("recorded SersicNodeTables.swift: rerun without SKYSYNTH_RECORD_SERSIC_TABLES")
        }
        let shipped = SersicTransformBank.shippedTables()
        XCTAssertEqual(shipped.count, SersicTransformBank.nodeCount)
        // Nodes across the range (each integration takes a while in a debug build).
        for k in [0, 14, 47, 118] {
            let integrated = SersicTransform(n: SersicTransformBank.nodeN(k)).table
            XCTAssertEqual(shipped[k].count, integrated.count)
            // Bit for bit on the machine that recorded them; another libm may differ in the last bits.
            let largest = zip(shipped[k], integrated).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(largest, 1e-13, "node \(k) (n = \(SersicTransformBank.nodeN(k)))")
        }
        XCTAssertEqual(SersicTransformBank.nodeN(118), 6.2)
        XCTAssertEqual(SersicTransformBank().transform(n: 1.5).table, shipped[24], "node n = 1.5 is served as shipped")
    }

    private func record() throws {
        let count = SersicTransformBank.nodeCount
        let tables = Mutex(Array(repeating: [Double](), count: count))
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let table = SersicTransform(n: SersicTransformBank.nodeN(k)).table
            tables.withLock { $0[k] = table }
        }
        var bytes = Data()
        for table in tables.withLock({ $0 }) {
            for value in table { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SkyRender/Profiles/SersicNodeTables.swift")
        var text = try String(contentsOf: file, encoding: .utf8)
        guard let start = text.range(of: "static let base64 = \""), let end = text.range(of: "\"", range: start.upperBound..<text.endIndex)
        else { return XCTFail("no base64 literal in \(file.path)") }
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: bytes.base64EncodedString())
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}
