/// Sub-pixel ray positions of a W×H stamp: pixel (i, j) has centre ((i − (W−1)/2) p, (j − (H−1)/2) p) arcsec and
/// s×s rays at offsets ((k + 0.5)/s − 0.5) p; rays are stored pixel-major, index ((j·W + i)·s + l)·s + k
/// for sub-row l and sub-column k.
enum StampRays {
    /// Writes the W·s² rays of pixel row j, in storage order, to x[0..<W·s²] and y[0..<W·s²] (arcsec); W, H, s and
    /// the pixel scale are positive (`DeflectionGrid` checks).
    static func row(_ j: Int, width: Int, height: Int, pixelScale: Double, supersample s: Int,
                    x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>) {
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        let pj = Double(j) - cy
        var index = 0
        for i in 0..<width {
            let pi = Double(i) - cx
            for l in 0..<s {
                let rayY = (pj + offset(l, s)) * pixelScale
                for k in 0..<s {
                    x[index] = (pi + offset(k, s)) * pixelScale
                    y[index] = rayY
                    index += 1
                }
            }
        }
    }

    /// The offset (pixels) of sub-row or sub-column k of s from the pixel centre.
    @inline(__always)
    private static func offset(_ k: Int, _ s: Int) -> Double { (Double(k) + 0.5) / Double(s) - 0.5 }
}
