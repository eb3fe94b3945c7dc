/// Sub-pixel ray positions of a W×H stamp: pixel (i, j) has centre ((i − (W−1)/2) p, (j − (H−1)/2) p) arcsec and
/// s×s rays at offsets ((k + 0.5)/s − 0.5) p; rays are stored pixel-major, index ((j·W + i)·s + l)·s + k
/// for sub-row l and sub-column k.
enum StampRays {
    /// Calls `body(index, x, y)` for every ray in storage order.
    @inline(__always)
    static func forEach(width: Int, height: Int, pixelScale: Double, supersample s: Int,
                        _ body: (Int, Double, Double) -> Void) {
        precondition(width > 0 && height > 0 && s > 0 && pixelScale > 0, "invalid stamp \(width)×\(height), scale \(pixelScale), supersample \(s)")
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        let offsets = (0..<s).map { (Double($0) + 0.5) / Double(s) - 0.5 }
        var index = 0
        for j in 0..<height {
            let pj = Double(j) - cy
            for i in 0..<width {
                let pi = Double(i) - cx
                for l in 0..<s {
                    let y = (pj + offsets[l]) * pixelScale
                    for k in 0..<s {
                        body(index, (pi + offsets[k]) * pixelScale, y)
                        index += 1
                    }
                }
            }
        }
    }
}
