import Foundation
import SkyScene

/// The folded Fourier grid for one FFT size N and one set of band PSFs.
///
/// An image sampled at pixel centres has a spectrum folded (aliased) into the Nyquist square; the period in real
/// space is N pixels. Every wavenumber k = k_m + 2πj/p (j ∈ [−J, J]²) where some band's transfer function
/// T_b(k) = PSF_b(k) × sinc(k_x p/2) sinc(k_y p/2) exceeds `negligible` becomes an entry that adds into cell m
/// of the N×(N/2+1) half-plane. J is the smallest number of alias rings beyond which every PSF is < `negligible`.
final class FourierPlan: Sendable {
    /// FFT size (pixels per side of the periodic image).
    let size: Int
    /// Half-plane width N/2 + 1.
    let halfWidth: Int
    /// The entries as runs of consecutive k_x in one k_y row and one alias block, row after row, k_x increasing
    /// within a row: an entry is identified by its run, so no per-entry index is stored.
    let runs: [EntryRun]
    /// Distinct k_x values (rad/arcsec) including aliases.
    let kxValues: [Double]
    /// Distinct k_y values (rad/arcsec) including aliases.
    let kyValues: [Double]
    /// T_b for each band, band-major: transfer[b * count + e] (the real part when `transferImaginary` is set), so
    /// one band's values along a run are consecutive.
    let transfer: [Float]
    /// Imaginary parts of T_b, laid out like `transfer`; nil when every band's PSF is analytic (real, round): only
    /// pixelised kernels (PSFDescription.kernel) have complex transfer functions.
    let transferImaginary: [Float]?
    let bandCount: Int
    /// First run of each k_y row (index into `kyValues`), plus the run count at the end.
    let rowRuns: [Int32]
    /// Grid spacing of k, rad/arcsec.
    let dk: Double
    /// transferEnvelope[i]: the largest |T_b| of any band over the entries with |k| ≥ i·dk (non-increasing in i).
    let transferEnvelope: [Float]

    /// Entries whose transfer is below this are dropped (relative to unit flux): each moves a pixel by < 1e-7/N² of the
    /// flux, and the dropped ones (a few N², at high k with unrelated phases) move it by far less than their sum. Against
    /// the tight GalSim images Validation/galsim_compare.py's max |Δ| stays within ±0.5e-6 of the peak of what 1e-9
    /// gave (largest Sérsic case 1.3e-6), for ~35 % fewer entries; 1e-6 would raise the Sérsic cases to ~7e-6.
    static let negligible = 1e-7

    init(size: Int, pixelScale: Double, psfs: [PSFModel]) {
        self.size = size
        let halfWidth = size / 2 + 1
        self.halfWidth = halfWidth
        bandCount = psfs.count
        let nyquist = Double.pi / pixelScale
        // A kernel's transform is cut at a fixed number of cycles per image pixel (KernelPSF.maxImageCycles).
        let kMax = psfs.map { $0.kernel?.maxK(imagePixelScale: pixelScale) ?? $0.maxK(threshold: FourierPlan.negligible) }.max()
            ?? nyquist
        let rings = max(0, Int(((kMax / nyquist - 1) / 2).rounded(.up)))
        let dk = 2 * Double.pi / (Double(size) * pixelScale)
        let aliasCount = 2 * rings + 1
        let kxValues = (0..<(aliasCount * halfWidth)).map { i in
            let j = i / halfWidth - rings, m = i % halfWidth
            return dk * Double(m + j * size)
        }
        let kyValues = (0..<(aliasCount * size)).map { i in
            let j = i / size - rings, m = i % size
            let signed = m < size / 2 ? m : m - size
            return dk * Double(signed + j * size)
        }
        let largestK = ((kxValues.map(abs).max() ?? 0) * (kxValues.map(abs).max() ?? 0)
            + (kyValues.map(abs).max() ?? 0) * (kyValues.map(abs).max() ?? 0)).squareRoot()
        // Analytic PSFs are round and real: a radial table, zero beyond `reach` (so no entry lies farther out).
        // Kernels (complex, not round) are tabulated on the whole (k_x, k_y) grid by KernelPSF.transfer
        // (separable), zero beyond their capped maxK.
        let reach = min(largestK, kMax * 1.01)
        let radial = psfs.map { $0.kernel == nil ? RadialTable.transfer(of: $0, kMax: reach)
                                                 : RadialTable(kMax: 1, function: { _ in 0 }) }  // unused
        let kernelTables: [(re: [Double], im: [Double], kMax: Double)?] = psfs.map { psf in
            psf.kernel.map { kernel in
                let t = kernel.transfer(kx: kxValues, ky: kyValues)
                return (t.re, t.im, kernel.maxK(imagePixelScale: pixelScale))
            }
        }
        let hasKernel = kernelTables.contains { $0 != nil }
        var runs: [EntryRun] = [], transfer: [Float] = []
        // Reserved up front: grown by doubling, the transfer table of a large plan held up to twice its size.
        if !hasKernel {
            transfer.reserveCapacity(FourierPlan.gridPoints(within: reach, kx: kxValues, ky: kyValues) * psfs.count)
        }
        var rowRuns: [Int32] = []
        var count = 0
        /// Appends entry (ix, iy) to the last run when it continues it, else starts a run.
        func appendEntry(ix: Int, iy: Int) {
            let cell = (iy % size) * halfWidth + ix % halfWidth
            if let last = runs.last, Int(last.ky) == iy, Int(last.kxStart + last.count) == ix,
               Int(last.cellStart + last.count) == cell {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(EntryRun(ky: Int32(iy), kxStart: Int32(ix), cellStart: Int32(cell), entryStart: Int32(count), count: 1))
            }
            count += 1
        }
        // Largest |T_b| per bin of |k| (width dk), made a suffix maximum below.
        var envelope = [Float](repeating: 0, count: Int(largestK / dk) + 2)
        var imaginary: [Float] = []
        var re = [Double](repeating: 0, count: psfs.count), im = re  // one entry's values, reused (no array per point)
        let half = 0.5 * pixelScale
        func sinc(_ x: Double) -> Double { x == 0 ? 1 : sin(x) / x }
        let sincX = kxValues.map { sinc($0 * half) }
        for iy in 0..<kyValues.count {
            rowRuns.append(Int32(runs.count))
            let ky = kyValues[iy]
            let sincY = sinc(ky * half)
            // Analytic PSFs only: the columns within `reach` of the origin (a margin of 1e-9 for rounding).
            var columns = 0..<kxValues.count
            if !hasKernel {
                guard abs(ky) <= reach else { continue }
                let kxMax = (reach * reach - ky * ky).squareRoot() * (1 + 1e-9)
                columns = kxValues.partitioningIndex { $0 >= -kxMax }..<kxValues.partitioningIndex { $0 > kxMax }
            }
            for ix in columns {
                let kx = kxValues[ix]
                let pixel = sincX[ix] * sincY
                if abs(pixel) < FourierPlan.negligible { continue }
                let k = (kx * kx + ky * ky).squareRoot()
                if hasKernel {
                    for b in 0..<psfs.count {
                        re[b] = 0
                        im[b] = 0
                        if let table = kernelTables[b] {
                            guard abs(kx) <= table.kMax, abs(ky) <= table.kMax else { continue }
                            re[b] = table.re[iy * kxValues.count + ix] * pixel
                            im[b] = table.im[iy * kxValues.count + ix] * pixel
                        } else {
                            re[b] = radial[b](k) * pixel
                        }
                    }
                    guard (0..<psfs.count).contains(where: { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() > FourierPlan.negligible })
                    else { continue }
                    appendEntry(ix: ix, iy: iy)
                    for b in 0..<psfs.count {
                        transfer.append(Float(re[b]))
                        imaginary.append(Float(im[b]))
                        envelope[Int(k / dk)] = max(envelope[Int(k / dk)], Float((re[b] * re[b] + im[b] * im[b]).squareRoot()))
                    }
                    continue
                }
                var largest = 0.0
                for b in 0..<psfs.count {
                    re[b] = radial[b](k) * pixel
                    largest = max(largest, abs(re[b]))
                }
                guard largest > FourierPlan.negligible else { continue }
                appendEntry(ix: ix, iy: iy)
                for b in 0..<psfs.count { transfer.append(Float(re[b])) }
                envelope[Int(k / dk)] = max(envelope[Int(k / dk)], Float(largest))
            }
        }
        rowRuns.append(Int32(runs.count))
        for i in stride(from: envelope.count - 2, through: 0, by: -1) { envelope[i] = max(envelope[i], envelope[i + 1]) }
        self.rowRuns = rowRuns
        self.runs = runs
        self.count = count
        self.dk = dk
        self.transferEnvelope = envelope
        self.transferImaginary = hasKernel ? FourierPlan.bandMajor(imaginary, bands: psfs.count) : nil
        self.kxValues = kxValues
        self.kyValues = kyValues
        self.transfer = FourierPlan.bandMajor(transfer, bands: psfs.count)
    }

    /// Number of entries.
    let count: Int

    /// `values` (entry-major: values[e * bands + b]) reordered band-major (values[b * entries + e]).
    private static func bandMajor(_ values: [Float], bands: Int) -> [Float] {
        guard bands > 1 else { return values }
        let entries = values.count / bands
        return [Float](unsafeUninitializedCapacity: values.count) { out, initialised in
            for e in 0..<entries {
                for b in 0..<bands { out[b * entries + e] = values[e * bands + b] }
            }
            initialised = values.count
        }
    }

    /// Number of grid points (k_x, k_y) with |k| ≤ `radius` (an upper bound on the entries of analytic PSFs, whose
    /// radial tables are zero beyond); `kx` must be increasing.
    static func gridPoints(within radius: Double, kx: [Double], ky: [Double]) -> Int {
        ky.reduce(0) { total, k in
            guard abs(k) <= radius else { return total }
            let half = (radius * radius - k * k).squareRoot()
            return total + kx.partitioningIndex { $0 > half } - kx.partitioningIndex { $0 >= -half }
        }
    }
}
