/// A grid of sample stamps of one band, each with its own asinh stretch, as an 8-bit gray image.
///
/// Stamps run left to right, then top to bottom (`columns` per row), in the order given. Inside a stamp, y
/// increases upward (row 0 of the array at the bottom, like `imshow(origin="lower")`) and x to the right, so
/// position angles appear counter-clockwise on screen. Stamps are separated (and framed) by 1-pixel gray lines;
/// the whole picture is then enlarged `scale` times (each pixel drawn as scale × scale).
struct Montage {
    /// Stamps per row of the grid.
    static let columns = 8
    /// Rows of the grid at most.
    static let maximumRows = 4
    /// Maximum number of stamps: columns × maximumRows.
    static var maximumStamps: Int { columns * maximumRows }
    /// Enlargement factor.
    static let scale = 2
    /// Gray level of the separator lines.
    static let separatorGray: UInt8 = 128

    let width: Int
    let height: Int
    /// Rows top to bottom, `width` bytes each.
    let pixels: [UInt8]

    /// Width and height in pixels of a montage of `stamps` stamps of `stampWidth × stampHeight`.
    static func size(stamps: Int, stampWidth: Int, stampHeight: Int) -> (width: Int, height: Int) {
        let columns = min(max(stamps, 1), Self.columns)
        let rows = (max(stamps, 1) + Self.columns - 1) / Self.columns
        return (scale * (columns * (stampWidth + 1) + 1), scale * (rows * (stampHeight + 1) + 1))
    }

    /// Lays out `stamps` (each `stampWidth × stampHeight` values, [y][x] row-major) in a grid.
    init(stamps: [[Float]], stampWidth: Int, stampHeight: Int) {
        precondition(stamps.count <= Self.maximumStamps && stampWidth > 0 && stampHeight > 0)
        let columns = min(max(stamps.count, 1), Self.columns)
        let rows = (max(stamps.count, 1) + Self.columns - 1) / Self.columns
        let baseWidth = columns * (stampWidth + 1) + 1
        let baseHeight = rows * (stampHeight + 1) + 1
        var base = [UInt8](repeating: Self.separatorGray, count: baseWidth * baseHeight)
        for (k, stamp) in stamps.enumerated() {
            precondition(stamp.count == stampWidth * stampHeight)
            let stretch = AsinhStretch(values: stamp)
            let left = 1 + (k % Self.columns) * (stampWidth + 1)
            let top = 1 + (k / Self.columns) * (stampHeight + 1)
            for y in 0..<stampHeight {
                let canvasRow = top + (stampHeight - 1 - y)  // y up
                for x in 0..<stampWidth {
                    base[canvasRow * baseWidth + left + x] = stretch.gray(stamp[y * stampWidth + x])
                }
            }
        }
        let scale = Self.scale
        width = baseWidth * scale
        height = baseHeight * scale
        var pixels = [UInt8](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = (row / scale) * baseWidth
            for column in 0..<width {
                pixels[row * width + column] = base[source + column / scale]
            }
        }
        self.pixels = pixels
    }
}
