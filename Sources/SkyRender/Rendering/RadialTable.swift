import SkyScene
import Synchronization

/// A smooth radial function f(k) tabulated on [0, kMax] for quintic interpolation (0 beyond kMax).
struct RadialTable: Sendable {
    private let step: Double
    private let values: [Double]
    private let kMax: Double

    /// Tabulates `function` with 4096 steps (at least 256 per unit of k).
    init(kMax: Double, function: (Double) -> Double) {
        self.kMax = kMax
        step = min(kMax / 4096, 1.0 / 256)
        let count = Int(kMax / step) + 8
        let h = step
        values = (0..<count).map { i in function(abs(Double(i - 2) * h)) }
    }

    /// The table of an analytic PSF's transform up to `kMax` (rad/arcsec), made once per PSF and kMax: every plan
    /// size of a scene's bands reuses it (each took ~4000 Bessel-function evaluations per band).
    static func transfer(of psf: PSFModel, kMax: Double) -> RadialTable {
        let key = Key(psf: psf.description, kMax: kMax)
        if let table = cache.withLock({ $0[key] }) { return table }
        let table = RadialTable(kMax: kMax, function: psf.fourier)
        cache.withLock { cache in
            if cache.count >= 16 { cache.removeAll() }  // ≤ ~1 MB: PSFs drawn per sample make a table each
            cache[key] = table
        }
        return table
    }

    private struct Key: Hashable {
        var psf: PSFDescription
        var kMax: Double
    }
    private static let cache = Mutex<[Key: RadialTable]>([:])

    @inline(__always)
    func callAsFunction(_ k: Double) -> Double {
        guard k <= kMax else { return 0 }
        return quinticInterpolate(values, at: k / step + 2)
    }
}
