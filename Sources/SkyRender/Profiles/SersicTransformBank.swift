import Dispatch
import Foundation

/// Sérsic transforms for any n in [0.3, 6.2], blended by cubic interpolation in n from tables integrated once per
/// process at n = 0.30, 0.35, … 6.20 (built lazily, each at most once, shared by all threads).
public final class SersicTransformBank: Sendable {
    /// Spacing of the integrated n nodes.
    public static let nodeStep = 0.05
    static let firstNode = 0.3
    static let nodeCount = 119
    /// One slot per node; a node is integrated under its own slot's lock, so no thread repeats another's work.
    private let slots: [NodeSlot] = (0..<nodeCount).map { _ in NodeSlot() }

    public static let shared = SersicTransformBank()

    public init() {}

    /// The transform for index n (0.3 ≤ n ≤ 6.2).
    public func transform(n: Double) -> SersicTransform {
        let position = (n - SersicTransformBank.firstNode) / SersicTransformBank.nodeStep
        let nearest = Int(position.rounded())
        if abs(position - Double(nearest)) < 1e-9 {
            return node(min(max(nearest, 0), SersicTransformBank.nodeCount - 1))
        }
        let first = min(max(Int(position.rounded(.down)) - 1, 0), SersicTransformBank.nodeCount - 4)
        let s = position - Double(first + 1)
        let weights = [-s * (s - 1) * (s - 2) / 6, (s + 1) * (s - 1) * (s - 2) / 2,
                       -(s + 1) * s * (s - 2) / 2, (s + 1) * s * (s - 1) / 6]
        var table = [Double](repeating: 0, count: SersicTransform.tableCount)
        for (offset, weight) in weights.enumerated() {
            let t = node(first + offset).table
            for i in 0..<table.count { table[i] += weight * t[i] }
        }
        return SersicTransform(n: n, b: sersicB(n), table: table)
    }

    /// The nodes (indices) the cubic blend reads for an n in any of `ranges`.
    public func nodes(covering ranges: [ClosedRange<Double>]) -> [Int] {
        let step = SersicTransformBank.nodeStep, first = SersicTransformBank.firstNode
        var nodes = Set<Int>()
        for range in ranges {
            // (±1e-9: an end on a node, e.g. n = 1.2, must not round to the next node through 17.999…96.)
            let low = max(Int(((range.lowerBound - first) / step + 1e-9).rounded(.down)) - 2, 0)
            let high = min(Int(((range.upperBound - first) / step - 1e-9).rounded(.up)) + 2, SersicTransformBank.nodeCount - 1)
            if low <= high { nodes.formUnion(low...high) }
        }
        return nodes.sorted()
    }

    /// Integrates `nodes` now, on `threads` threads (a run that knows its n distributions' supports; otherwise the
    /// workers build the nodes lazily, largely one after another).
    public func prepare(nodes: [Int], threads: Int) {
        let workers = max(1, min(threads, nodes.count))
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            for i in stride(from: t, to: nodes.count, by: workers) { _ = node(nodes[i]) }
        }
    }

    /// Number of nodes integrated so far.
    var builtNodeCount: Int { slots.filter(\.isBuilt).count }

    /// Node k (n = 0.3 + 0.05 k), integrated on first use.
    private func node(_ k: Int) -> SersicTransform {
        slots[k].value { SersicTransform(n: (30 + 5 * Double(k)) / 100) }
    }
}

/// A lazily computed table, made at most once; threads asking meanwhile wait for it.
private final class NodeSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var transform: SersicTransform?

    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return transform != nil
    }

    func value(_ make: () -> SersicTransform) -> SersicTransform {
        lock.lock()
        defer { lock.unlock() }
        if let t = transform { return t }
        let t = make()
        transform = t
        return t
    }
}
