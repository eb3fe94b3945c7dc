import ArgumentParser

/// Shard K of N (0-based K): the contiguous samples floor(K·count/N) ..< floor((K+1)·count/N).
struct Shard: ExpressibleByArgument, Equatable {
    /// 0-based shard number.
    let index: Int
    /// Number of shards.
    let total: Int

    init(index: Int, total: Int) {
        self.index = index
        self.total = total
    }

    /// Parses "K/N" with 0 ≤ K < N.
    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        self.init(index: k, total: n)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The sample indices of this shard of a dataset of `count` samples.
    func samples(of count: Int) -> Range<Int> {
        (index * count / total)..<((index + 1) * count / total)
    }

    /// "K/N".
    var description: String { "\(index)/\(total)" }
}
