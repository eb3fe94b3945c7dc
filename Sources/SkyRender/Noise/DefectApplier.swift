import Foundation
import SkyScene

/// A band's detector artefacts and missing data, drawn from the band's own keyed stream so they depend only on
/// (seed, sample, band): cosmic-ray tracks and hot pixels add charge, saturation clips at the full well, dead
/// columns read 0 electrons, and an unobserved band becomes NaN.
enum DefectApplier {
    /// Electrons a hot pixel holds when the band has no full well.
    static let hotPixelElectrons = 65_535.0

    /// Applies the defects to one band's noisy image (ADU, `pixels` values from `offset`) and returns its flags.
    static func apply(to image: inout [Float], offset: Int, width: Int, height: Int, band: BandSpec,
                      defects: DefectDescription, random: KeyedRandom) -> [UInt8] {
        let pixels = width * height
        var flags = [UInt8](repeating: 0, count: pixels)
        if random.uniform(0) < defects.missing {
            for p in 0..<pixels { image[offset + p] = .nan }
            return [UInt8](repeating: PixelFlag.notObserved, count: pixels)
        }
        let kept = band.subtractSky ? band.skyElectrons : 0
        func electrons(_ p: Int) -> Double { Double(image[offset + p]) * band.gain + kept }
        func set(_ p: Int, _ e: Double) { image[offset + p] = Float((e - kept) / band.gain) }
        var next: UInt32 = 16
        func draw() -> Double {
            next += 1
            return random.uniform(next)
        }
        // Cosmic rays: straight tracks from a uniform start, uniform angle, exponential length (mean 8 px),
        // 500–4000 electrons in every pixel they cross.
        for _ in 0..<poisson(defects.cosmicRays, random.uniform(1)) {
            let x0 = draw() * Double(width) - 0.5, y0 = draw() * Double(height) - 0.5
            let angle = 2 * Double.pi * draw(), length = -8 * log(draw())
            let charge = 500 + 3500 * draw()
            var visited = Set<Int>()
            for step in 0...Int(length * 2) {
                let t = Double(step) * 0.5
                let x = Int((x0 + t * cos(angle)).rounded()), y = Int((y0 + t * sin(angle)).rounded())
                guard x >= 0, x < width, y >= 0, y < height, visited.insert(y * width + x).inserted else { continue }
                set(y * width + x, electrons(y * width + x) + charge)
                flags[y * width + x] |= PixelFlag.defect
            }
        }
        for _ in 0..<poisson(defects.hotPixels * Double(pixels), random.uniform(2)) {
            let p = min(pixels - 1, Int(draw() * Double(pixels)))
            set(p, defects.fullWell ?? hotPixelElectrons)
            flags[p] |= PixelFlag.defect
        }
        if let fullWell = defects.fullWell {
            for p in 0..<pixels where electrons(p) > fullWell {
                set(p, fullWell)
                flags[p] |= PixelFlag.saturated
            }
        }
        for _ in 0..<poisson(defects.badColumns, random.uniform(3)) {
            let x = min(width - 1, Int(draw() * Double(width)))
            for y in 0..<height {
                set(y * width + x, 0)
                flags[y * width + x] |= PixelFlag.defect
            }
        }
        return flags
    }

    /// Poisson(mean) by inversion of one uniform (counts per stamp are small).
    static func poisson(_ mean: Double, _ u: Double) -> Int {
        guard mean > 0 else { return 0 }
        var k = 0, p = exp(-mean), cumulative = p
        while u > cumulative && k < 100_000 {
            k += 1
            p *= mean / Double(k)
            cumulative += p
        }
        return k
    }
}
