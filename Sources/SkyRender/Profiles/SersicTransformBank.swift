import Foundation

/// Sérsic transforms for any n in [0.3, 6.2], blended by cubic interpolation in n from tables at n = 0.30, 0.35, …
/// 6.20. The node tables ship with the program (SersicNodeTables.swift, integrated by `SersicTransform(n:)` and
/// checked against it by SersicNodeTableTests), so no run spends its first seconds integrating them, and every
/// machine draws from the same bits.
public final class SersicTransformBank: Sendable {
    /// Spacing of the integrated n nodes.
    public static let nodeStep = 0.05
    static let firstNode = 0.3
    static let nodeCount = 119
    private let nodes: [SersicTransform]

    public static let shared = SersicTransformBank()

    /// The bank of the shipped node tables.
    public init() {
        nodes = SersicTransformBank.shippedTables().enumerated().map { k, table in
            let n = SersicTransformBank.nodeN(k)
            return SersicTransform(n: n, b: sersicB(n), table: table)
        }
    }

    /// n of node k: 0.3 + 0.05 k, computed as (30 + 5k)/100 so the nodes are the decimal values exactly rounded.
    static func nodeN(_ k: Int) -> Double {
        (30 + 5 * Double(k)) / 100
    }

    /// The transform for index n (0.3 ≤ n ≤ 6.2).
    public func transform(n: Double) -> SersicTransform {
        let position = (n - SersicTransformBank.firstNode) / SersicTransformBank.nodeStep
        let nearest = Int(position.rounded())
        if abs(position - Double(nearest)) < 1e-9 {
            return nodes[min(max(nearest, 0), SersicTransformBank.nodeCount - 1)]
        }
        let first = min(max(Int(position.rounded(.down)) - 1, 0), SersicTransformBank.nodeCount - 4)
        let s = position - Double(first + 1)
        let weights = [-s * (s - 1) * (s - 2) / 6, (s + 1) * (s - 1) * (s - 2) / 2,
                       -(s + 1) * s * (s - 2) / 2, (s + 1) * s * (s - 1) / 6]
        var table = [Double](repeating: 0, count: SersicTransform.tableCount)
        for (offset, weight) in weights.enumerated() {
            let t = nodes[first + offset].table
            for i in 0..<table.count { table[i] += weight * t[i] }
        }
        return SersicTransform(n: n, b: sersicB(n), table: table)
    }

    /// The shipped tables, node by node (SersicNodeTables.base64: little-endian doubles, node-major).
    static func shippedTables() -> [[Double]] {
        let values = SersicTransform.tableCount
        guard let data = Data(base64Encoded: SersicNodeTables.base64), data.count == nodeCount * values * 8 else {
            preconditionFailure("SersicNodeTables.swift does not hold \(nodeCount) tables of \(values) values: regenerate it "
                                + "with SKYSYNTH_RECORD_SERSIC_TABLES=1 swift test --filter SersicNodeTableTests")
        }
        return data.withUnsafeBytes { raw in
            (0..<nodeCount).map { k in
                (0..<values).map { i in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (k * values + i) * 8, as: UInt64.self)))
                }
            }
        }
    }
}
