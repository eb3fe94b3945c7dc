import Yams

/// The keywords that introduce a distribution in a scene file.
let distributionKeywords = ["uniform", "normal", "truncated_normal", "lognormal", "log_uniform", "choice"]

extension YAMLReader {
    /// True when `n` is a mapping whose keys name a distribution (as opposed to per-band or per-axis entries).
    func isDistributionMapping(_ n: YNode) -> Bool {
        guard case .mapping(let map) = n.node else { return false }
        return map.keys.contains { distributionKeywords.contains($0.string ?? "") }
    }

    /// A constant or a distribution whose every possible value lies in `range`.
    func distribution(_ n: YNode, _ range: ValueRange, name: String? = nil, extraKeys: [String] = []) -> Distribution? {
        let fieldName = name ?? lastComponent(n.path)
        if case .scalar = n.node {
            return number(n, range, name: fieldName).map(Distribution.constant)
        }
        guard case .mapping(let map) = n.node else {
            fail(n, "expected a number or a distribution (\(distributionKeywords.joined(separator: ", "))), found \(n.kindName)")
            return nil
        }
        let present = Array(map.keys.compactMap(\.string)).filter { distributionKeywords.contains($0) }
        guard present.count == 1 else {
            fail(n, present.isEmpty
                 ? "expected a number or one distribution (\(distributionKeywords.joined(separator: ", ")))"
                 : "give one distribution, not \(present.joined(separator: " and "))")
            return nil
        }
        let keyword = present[0]
        guard let entries = mapping(n, required: [keyword], optional: (keyword == "choice" ? ["weights"] : []) + extraKeys),
              let body = entries[keyword] else { return nil }
        let result: Distribution?
        switch keyword {
        case "uniform", "log_uniform":
            guard let pair = numberPair(body) else { return nil }
            if keyword == "log_uniform" && pair.0 <= 0 {
                fail(body, "log_uniform needs 0 < low < high")
                return nil
            }
            result = keyword == "uniform" ? .uniform(low: pair.0, high: pair.1) : .logUniform(low: pair.0, high: pair.1)
        case "normal":
            guard let m = mapping(body, required: ["mean", "sigma"], optional: []),
                  let mean = m["mean"].flatMap({ number($0, .any) }),
                  let sigma = m["sigma"].flatMap({ number($0, .positive) }) else { return nil }
            result = .normal(mean: mean, sigma: sigma)
        case "truncated_normal":
            guard let m = mapping(body, required: ["mean", "sigma", "min", "max"], optional: []),
                  let mean = m["mean"].flatMap({ number($0, .any) }),
                  let sigma = m["sigma"].flatMap({ number($0, .positive) }),
                  let lo = m["min"].flatMap({ number($0, .any) }),
                  let hi = m["max"].flatMap({ number($0, .any) }) else { return nil }
            guard lo < hi else {
                fail(body, "truncated_normal needs min < max")
                return nil
            }
            result = .truncatedNormal(mean: mean, sigma: sigma, low: lo, high: hi)
        case "lognormal":
            guard let m = mapping(body, required: ["median", "sigma"], optional: []),
                  let median = m["median"].flatMap({ number($0, .positive) }),
                  let sigma = m["sigma"].flatMap({ number($0, .positive) }) else { return nil }
            result = .lognormal(median: median, sigma: sigma)
        default: // choice
            guard let items = sequence(body) else { return nil }
            let values = items.compactMap { number($0, .any) }
            guard values.count == items.count else { return nil }
            var weights = [Double](repeating: 1, count: values.count)
            if let w = entries["weights"] {
                guard let wItems = sequence(w) else { return nil }
                let ws = wItems.compactMap { number($0, .nonNegative, name: "weight") }
                guard ws.count == wItems.count else { return nil }
                guard ws.count == values.count, ws.reduce(0, +) > 0 else {
                    fail(w, "needs one weight ≥ 0 per value (\(values.count)) and a positive sum")
                    return nil
                }
                weights = ws
            }
            result = .choice(values: values, weights: weights)
        }
        guard let d = result else { return nil }
        let support = d.support
        let lowInside = support.lowerBound == -.infinity ? range.low == -.infinity : range.contains(support.lowerBound)
        let highInside = support.upperBound == .infinity ? range.high == .infinity : range.contains(support.upperBound)
        if !(lowInside && highInside) {
            let reach = lowInside ? support.upperBound : support.lowerBound
            let hint = support.lowerBound.isInfinite || support.upperBound.isInfinite ? "; use truncated_normal to bound it" : ""
            fail(n, "\(keyword) can reach \(reach), outside the allowed range \(range.describe(fieldName))\(hint)")
            return nil
        }
        return d
    }

    /// A two-element list [low, high] with low < high.
    private func numberPair(_ n: YNode) -> (Double, Double)? {
        guard let items = sequence(n) else { return nil }
        guard items.count == 2 else {
            fail(n, "expected [low, high], found a list of \(items.count)")
            return nil
        }
        guard let a = number(items[0], .any, name: "low"), let b = number(items[1], .any, name: "high") else { return nil }
        guard a < b else {
            fail(n, "expected low < high, found [\(a), \(b)]")
            return nil
        }
        return (a, b)
    }

    /// An object count: whole number, uniform_int [a, b], poisson mean, or choice of whole numbers.
    func count(_ n: YNode) -> CountDistribution? {
        if case .scalar = n.node {
            return integer(n, 0...1000).map(CountDistribution.constant)
        }
        guard let m = mapping(n, required: [], optional: ["uniform_int", "poisson", "choice", "weights"]) else { return nil }
        let kinds = ["uniform_int", "poisson", "choice"].filter { m[$0] != nil }
        if kinds.count > 1 {
            fail(n, "give one count distribution, not \(kinds.joined(separator: " and "))")
            return nil
        }
        if let w = m["weights"], m["choice"] == nil {
            fail(w, "weights go with choice")
            return nil
        }
        if let body = m["uniform_int"] {
            guard let items = sequence(body), items.count == 2,
                  let a = integer(items[0], 0...1000), let b = integer(items[1], 0...1000), a <= b else {
                fail(n, "uniform_int needs [low, high] with 0 ≤ low ≤ high ≤ 1000")
                return nil
            }
            return .uniformInt(low: a, high: b)
        }
        if let body = m["poisson"] {
            return number(body, ValueRange(0, 100, lowOpen: true), name: "mean").map { CountDistribution.poisson(mean: $0) }
        }
        if let body = m["choice"] {
            guard let items = sequence(body) else { return nil }
            let values = items.compactMap { integer($0, 0...1000) }
            guard values.count == items.count else { return nil }
            var weights = [Double](repeating: 1, count: values.count)
            if let w = m["weights"], let wItems = sequence(w) {
                let ws = wItems.compactMap { number($0, .nonNegative, name: "weight") }
                guard ws.count == values.count, ws.reduce(0, +) > 0 else {
                    fail(w, "needs one weight ≥ 0 per value (\(values.count)) and a positive sum")
                    return nil
                }
                weights = ws
            }
            return .choice(values: values, weights: weights)
        }
        fail(n, "expected a whole number, {uniform_int: [low, high]}, {poisson: mean} or {choice: [...]}")
        return nil
    }
}
