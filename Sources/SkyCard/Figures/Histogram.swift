import Foundation

/// Counts of a label's values (NaN ignored) in equal-width bins, and its bar chart as an RGB image.
///
/// Continuous labels get `bins(for:)` bins spanning [min, max]; integer-valued labels one bin per integer
/// from min to max (centred on the integer). The chart has no text: the card prints the axis ranges next to it.
struct Histogram: Equatable {
    /// Bins for `count` continuous values: the Rice rule ⌈2 ∛count⌉, kept within 8...40.
    static func bins(for count: Int) -> Int {
        min(40, max(8, Int((2 * cbrt(Double(count))).rounded(.up))))
    }
    /// Integer-valued labels with a wider span than this are binned like continuous ones.
    static let maximumIntegerBins = 100

    /// Left edge of the first bin.
    let low: Double
    /// Right edge of the last bin.
    let high: Double
    /// Count per bin, left to right.
    let counts: [Int]
    /// true when each bin holds one integer value.
    let integerBins: Bool

    var binWidth: Double { (high - low) / Double(counts.count) }

    /// Where the chart puts its x ticks: under every bar of integer bins (up to 20 of them), else at both ends of
    /// the range and its quarters.
    var ticks: [Double] {
        if integerBins && counts.count <= 20 { return counts.indices.map { low + 0.5 + Double($0) } }
        return (0...4).map { low + Double($0) * (high - low) / 4 }
    }
    var tallest: Int { counts.max() ?? 0 }

    /// Bins `values`; nil when none is a number. A single repeated value gets one bin of width 1 around it.
    init?(_ values: [Double]) {
        let numbers = values.filter { $0.isFinite }
        guard let minimum = numbers.min(), let maximum = numbers.max() else { return nil }
        let isInteger = numbers.allSatisfy { $0 == $0.rounded() } && maximum - minimum < Double(Self.maximumIntegerBins)
        let bins: Int
        if isInteger {
            low = minimum - 0.5
            high = maximum + 0.5
            bins = Int(maximum - minimum) + 1
        } else if minimum == maximum {
            low = minimum - 0.5
            high = maximum + 0.5
            bins = 1
        } else {
            low = minimum
            high = maximum
            bins = Self.bins(for: numbers.count)
        }
        integerBins = isInteger
        var counts = [Int](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for value in numbers {
            let bin = Int(((value - low) / width).rounded(.down))
            counts[min(max(bin, 0), bins - 1)] += 1
        }
        self.counts = counts
    }
}

/// The bar chart of a histogram, drawn into an RGB pixel buffer.
///
/// White background; black axes on the left and bottom; x ticks below the axis at `Histogram.ticks`; light gray horizontal grid lines at ¼, ½, ¾ and all of the tallest bar; blue
/// bars; an optional red vertical line at the median.
struct BarChart {
    static let width = 400
    static let height = 200
    /// Plot area: [left, right) × [top, bottom) in pixels; the axes sit just outside it.
    static let left = 12, right = 392, top = 8, bottom = 186

    static let background: [UInt8] = [255, 255, 255]
    static let axis: [UInt8] = [0, 0, 0]
    static let grid: [UInt8] = [215, 215, 215]
    static let bar: [UInt8] = [46, 104, 170]
    static let medianLine: [UInt8] = [210, 40, 40]

    /// Rows top to bottom, `width × 3` bytes each.
    private(set) var pixels: [UInt8]

    init(_ histogram: Histogram, median: Double?) {
        pixels = [UInt8](repeating: 255, count: Self.width * Self.height * 3)
        let plotWidth = Self.right - Self.left, plotHeight = Self.bottom - Self.top
        let tallest = max(histogram.tallest, 1)
        for quarter in 1...4 {  // grid lines at quarters of the tallest bar
            let y = Self.bottom - (quarter * plotHeight) / 4
            fill(x: Self.left..<Self.right, y: y..<(y + 1), Self.grid)
        }
        let bins = histogram.counts.count
        for (i, count) in histogram.counts.enumerated() where count > 0 {
            let x0 = Self.left + (i * plotWidth) / bins
            let x1 = Self.left + ((i + 1) * plotWidth) / bins
            let gap = x1 - x0 >= 4 ? 1 : 0
            let barHeight = max(1, Int((Double(count) / Double(tallest) * Double(plotHeight)).rounded()))
            fill(x: (x0 + gap)..<max(x0 + gap + 1, x1 - gap), y: (Self.bottom - barHeight)..<Self.bottom, Self.bar)
        }
        if let median, median.isFinite, histogram.high > histogram.low {
            let fraction = (median - histogram.low) / (histogram.high - histogram.low)
            let x = min(max(Self.left + Int((fraction * Double(plotWidth)).rounded(.down)), Self.left), Self.right - 1)
            fill(x: x..<(x + 1), y: Self.top..<Self.bottom, Self.medianLine)
        }
        fill(x: (Self.left - 1)..<Self.left, y: Self.top..<(Self.bottom + 1), Self.axis)  // y axis
        fill(x: (Self.left - 1)..<Self.right, y: Self.bottom..<(Self.bottom + 1), Self.axis)  // x axis
        for tick in histogram.ticks where histogram.high > histogram.low {
            let fraction = (tick - histogram.low) / (histogram.high - histogram.low)
            let x = min(max(Self.left + Int((fraction * Double(plotWidth)).rounded(.down)), Self.left - 1), Self.right - 1)
            fill(x: x..<(x + 1), y: (Self.bottom + 1)..<(Self.bottom + 6), Self.axis)
        }
        for quarter in 1...4 {  // y ticks at the grid lines
            let y = Self.bottom - (quarter * plotHeight) / 4
            fill(x: (Self.left - 6)..<(Self.left - 1), y: y..<(y + 1), Self.axis)
        }
    }

    private mutating func fill(x: Range<Int>, y: Range<Int>, _ color: [UInt8]) {
        for row in y where row >= 0 && row < Self.height {
            for column in x where column >= 0 && column < Self.width {
                let offset = (row * Self.width + column) * 3
                pixels[offset] = color[0]
                pixels[offset + 1] = color[1]
                pixels[offset + 2] = color[2]
            }
        }
    }
}
