/// Signed coverage (pixel² per pixel) accumulated over the pixels of an image grid that a shape's bounding box touches.
struct CoverageWindow {
    /// Pixel columns and rows of the window (inside the image grid).
    let columns: ClosedRange<Int>
    let rows: ClosedRange<Int>
    private var values: [Double]

    /// The window of a width×height grid touched by the box (pixel coordinates); nil when the box misses the grid.
    init?(box: (xMin: Double, yMin: Double, xMax: Double, yMax: Double), width: Int, height: Int) {
        guard let columns = CoverageWindow.pixels(from: box.xMin, to: box.xMax, within: 0...(width - 1)),
              let rows = CoverageWindow.pixels(from: box.yMin, to: box.yMax, within: 0...(height - 1)) else { return nil }
        self.columns = columns
        self.rows = rows
        values = [Double](repeating: 0, count: columns.count * rows.count)
    }

    /// Pixels k of `range` whose extent [k − ½, k + ½] overlaps [lo, hi] (pixel coordinates); nil when none.
    @inline(__always)
    static func pixels(from lo: Double, to hi: Double, within range: ClosedRange<Int>) -> ClosedRange<Int>? {
        guard !range.isEmpty, lo <= hi else { return nil }
        let first = max(lo + 0.5, Double(range.lowerBound)).rounded(.down)
        let last = min(hi - 0.5, Double(range.upperBound)).rounded(.up)
        guard first <= last else { return nil }
        return Int(first)...Int(last)
    }

    /// Pixels k of `range` whose extent [k − ½, k + ½] lies inside [lo, hi]; may be empty (lowerBound > upperBound).
    @inline(__always)
    static func pixelsInside(from lo: Double, to hi: Double, within range: ClosedRange<Int>) -> (lowerBound: Int, upperBound: Int) {
        guard lo <= hi else { return (1, 0) }
        let first = max(lo + 0.5, Double(range.lowerBound)).rounded(.up)
        let last = min(hi - 0.5, Double(range.upperBound)).rounded(.down)
        guard first <= last else { return (1, 0) }
        return (Int(first), Int(last))
    }

    /// Adds value (pixel²) to pixel (i, j), which must lie in the window.
    @inline(__always)
    mutating func add(_ value: Double, column i: Int, row j: Int) {
        values[(j - rows.lowerBound) * columns.count + (i - columns.lowerBound)] += value
    }

    /// Adds weight × (coverage clamped to [0, 1]) to image[j*width + i] for every window pixel; the clamp only removes rounding.
    func flush(into image: inout [Double], width: Int, weight: Double) {
        flush(into: &image, width: width, weight: weight, times: 1)
    }

    /// Adds factor × (weight × coverage clamped to [0, 1]) to image[j*width + i] for every window pixel (the
    /// rounding of first scaling a plane by weight, then adding factor × that plane).
    func flush(into image: inout [Double], width: Int, weight: Double, times factor: Double) {
        let windowWidth = columns.count, first = columns.lowerBound
        precondition(rows.upperBound * width + columns.upperBound < image.count, "window outside the image")
        image.withUnsafeMutableBufferPointer { pixels in
            values.withUnsafeBufferPointer { window in
                for n in 0..<rows.count {
                    let row = pixels.baseAddress! + (rows.lowerBound + n) * width + first  // (no index arithmetic in loops)
                    let source = window.baseAddress! + n * windowWidth
                    for m in 0..<windowWidth {
                        let coverage = min(max(source[m], 0), 1)
                        if coverage > 0 { row[m] += factor * (weight * coverage) }
                    }
                }
            }
        }
    }
}
