import Foundation

/// The shift phases e^{−ik·d} of a plan's wavenumbers k = n·dk (n integer), by angle addition: with n = 32q + r,
/// e^{−inθ} = e^{−i32qθ} e^{−irθ} (θ = dk·d), so only the 32 values of r and one per q come from cos/sin. Each result
/// is within a few ulp of cos(k d) and −sin(k d); for a stamp's ~3N wavenumbers this takes ~N/10 + 32 libm pairs
/// instead of 3N.
enum PhaseRamp {
    /// Wavenumber steps per block (r = 0 ..< block).
    static let block = 32

    /// (cos(k d), −sin(k d)) for every k of `wavenumbers` (rad/arcsec, integer multiples of `step`), d = `shift` arcsec.
    static func phases(of wavenumbers: [Double], step: Double, shift: Double) -> [(Double, Double)] {
        let theta = step * shift
        let indices = wavenumbers.map { Int(($0 / step).rounded()) }
        guard let lowest = indices.min(), let highest = indices.max() else { return [] }
        let firstBlock = floorDivide(lowest), lastBlock = floorDivide(highest)
        let within = (0..<block).map { r in (cos(Double(r) * theta), sin(Double(r) * theta)) }
        let blocks = (firstBlock...lastBlock).map { q in
            (cos(Double(q * block) * theta), sin(Double(q * block) * theta))
        }
        return indices.map { n in
            let q = floorDivide(n), r = n - q * block
            let (cb, sb) = blocks[q - firstBlock], (cr, sr) = within[r]
            return (cb * cr - sb * sr, -(sb * cr + cb * sr))
        }
    }

    /// ⌊n / block⌋.
    private static func floorDivide(_ n: Int) -> Int {
        n >= 0 ? n / block : -((-n + block - 1) / block)
    }
}
