import Foundation
import SkyScene

/// A pixelised PSF (PSFKernel) as a continuous surface brightness: the unit-sum values v_ij at kernel pixel centres
/// x_i = (i − (W−1)/2)·s, y_j = (j − (H−1)/2)·s (arcsec), interpolated with GalSim's Quintic interpolant K:
/// I(x, y) = Σ v_ij K((x − x_i)/s) K((y − y_j)/s) / s² — GalSim's `InterpolatedImage(x_interpolant='quintic')`.
/// Its transform is T(k) = Σ v_ij e^{−i(k_x x_i + k_y y_j)} Q(k_x s/2π) Q(k_y s/2π), complex for a kernel that is not
/// centrosymmetric. With `recentre` the kernel is shifted by −(its centroid) first (a phase e^{+ik·c} in Fourier space).
public struct KernelPSF: Sendable {
    public let kernel: PSFKernel
    /// Arcsec per kernel pixel.
    public let step: Double
    /// The shift applied to the kernel's values, arcsec: −centroid with `recentre`, else 0.
    public let shiftX: Double, shiftY: Double

    /// Wavenumbers are cut at `maxImageCycles` cycles per image pixel (2π·2.5/p rad/arcsec: exactly 2 alias rings
    /// around the Nyquist square, whatever the kernel's sampling). A strict threshold on the quintic transform's
    /// envelope (|Q(u)| ≲ 2/(π³u³), u in cycles per kernel pixel) would need thousands of rings; but beyond the
    /// Nyquist square T(k) is only the interpolant's alias images, which Q (zero to fifth order at every integer u)
    /// and the detector pixel's sinc (zero at every integer cycle per image pixel) both suppress. Measured for a
    /// point source against the exact pixel integrals of the interpolated kernel (GalSim with calculate_maxk=False),
    /// kernels at the image's scale and at half of it: ≤ 3.5e-6 of the peak (9e-7 at 3 cycles, 2e-5 at 2).
    public static let maxImageCycles = 2.5

    /// Used alone (without an image), `maxImageCycles` per kernel pixel.
    public static let maxCycles = maxImageCycles

    public init(_ kernel: PSFKernel) {
        precondition(!kernel.values.isEmpty, "a kernel PSF needs its values (a kernel decoded from a truth record has none)")
        self.kernel = kernel
        step = kernel.pixelScale
        if kernel.recentre {
            let c = kernel.centroid
            shiftX = -c.x * kernel.pixelScale
            shiftY = -c.y * kernel.pixelScale
        } else {
            shiftX = 0
            shiftY = 0
        }
    }

    /// GalSim's Quintic interpolant K(u) (u in samples; support |u| < 3).
    public static func quintic(_ x: Double) -> Double {
        let u = abs(x)
        if u <= 1 { return 1 + u * u * u * (-95.0 / 12 + u * (23.0 / 2 + u * (-55.0 / 12))) }
        if u <= 2 { return (u - 1) * (u - 2) * (-23.0 / 4 + u * (29.0 / 2 + u * (-83.0 / 8 + u * (55.0 / 24)))) }
        if u < 3 { return (u - 2) * (u - 3) * (u - 3) * (-9.0 / 4 + u * (25.0 / 12 + u * (-11.0 / 24))) }
        return 0
    }

    /// Fourier transform of the Quintic interpolant at u cycles per sample (GalSim's `Quintic.uval`): with
    /// s = sinc(u) = sin(πu)/(πu), Q(u) = s⁵ (s (55 − 19π²u²) + 2 cos(πu) (π²u² − 27)).
    public static func quinticTransform(_ u: Double) -> Double {
        if abs(u) < 1e-8 { return 1 }
        let piu = Double.pi * u
        let s = sin(piu) / piu
        let piu2 = piu * piu
        let s2 = s * s
        return s * s2 * s2 * (s * (55 - 19 * piu2) + 2 * cos(piu) * (piu2 - 27))
    }

    /// Wavenumber (rad/arcsec) of `maxCycles` cycles per kernel pixel (no image given).
    public var maxK: Double { 2 * Double.pi * KernelPSF.maxCycles / step }

    /// Wavenumber (rad/arcsec) beyond which the kernel is dropped when drawn on pixels of `pixelScale` arcsec:
    /// `maxImageCycles` cycles per image pixel.
    public func maxK(imagePixelScale pixelScale: Double) -> Double {
        2 * Double.pi * KernelPSF.maxImageCycles / pixelScale
    }

    /// Radius (arcsec) holding the whole interpolated kernel: half its diagonal plus the interpolant's reach
    /// (3 kernel pixels on each axis) plus the recentring shift.
    public var extent: Double {
        kernel.halfDiagonal + 3 * step * 2.0.squareRoot() + (shiftX * shiftX + shiftY * shiftY).squareRoot()
    }

    /// Radius (arcsec) beyond which the kernel's surface brightness stays below `threshold` per arcsec²: the
    /// farthest kernel pixel centre above it (|v|/s² > threshold, after the recentring shift) plus the
    /// interpolant's reach of 3 kernel pixels; at most `extent`.
    public func extent(threshold: Double) -> Double {
        let w = kernel.width, h = kernel.height
        let cx = Double(w - 1) / 2, cy = Double(h - 1) / 2
        var farthest = 0.0
        for j in 0..<h {
            for i in 0..<w where abs(kernel.values[j * w + i]) / (step * step) > threshold {
                let x = (Double(i) - cx) * step + shiftX, y = (Double(j) - cy) * step + shiftY
                farthest = max(farthest, (x * x + y * y).squareRoot())
            }
        }
        return min(extent, farthest + 3 * step)
    }

    /// Surface brightness (per arcsec², unit flux) at (x, y) arcsec from the PSF centre.
    public func intensity(x: Double, y: Double) -> Double {
        let w = kernel.width, h = kernel.height
        // Position in kernel pixels, 0-based, of the point in the unshifted kernel.
        let u = (x - shiftX) / step + Double(w - 1) / 2
        let v = (y - shiftY) / step + Double(h - 1) / 2
        let i0 = max(0, Int(floor(u)) - 2), i1 = min(w - 1, Int(floor(u)) + 3)
        let j0 = max(0, Int(floor(v)) - 2), j1 = min(h - 1, Int(floor(v)) + 3)
        guard i0 <= i1, j0 <= j1 else { return 0 }
        let weightsX = (i0...i1).map { KernelPSF.quintic(u - Double($0)) }
        var total = 0.0
        for j in j0...j1 {
            let wy = KernelPSF.quintic(v - Double(j))
            if wy == 0 { continue }
            var row = 0.0
            for i in i0...i1 { row += kernel.values[j * w + i] * weightsX[i - i0] }
            total += row * wy
        }
        return total / (step * step)
    }

    /// T(k_x, k_y) for every pair of the given wavenumbers (rad/arcsec), as (re, im) arrays indexed
    /// [iy * kx.count + ix]. Separable: the row transforms Σ_j v_ij e^{−i k_y y_j} are computed once per k_y, then
    /// summed over the columns i for every k_x at once (column-major phases, so that loop runs over k_x and
    /// vectorises; each k_x still sums its columns in order).
    func transfer(kx: [Double], ky: [Double]) -> (re: [Double], im: [Double]) {
        let w = kernel.width, h = kernel.height, n = kx.count
        let cx = Double(w - 1) / 2, cy = Double(h - 1) / 2
        // e^{−i k x_i} for every column i and k_x ([i * n + a]); the shift's phase e^{−ik·shift} and Q go into
        // per-k factors.
        // (Raw buffers, so the k_x loop below reads them without bounds checks and vectorises.)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n * w + 2 * n)
        defer { scratch.deallocate() }
        let exRe = scratch, exIm = scratch + n * w, sumRe = exIm + n * w, sumIm = sumRe + n
        var fx = [(Double, Double)](repeating: (0, 0), count: n)
        for (a, k) in kx.enumerated() {
            for i in 0..<w {
                let phase = k * (Double(i) - cx) * step
                exRe[i * n + a] = cos(phase)
                exIm[i * n + a] = -sin(phase)
            }
            let q = KernelPSF.quinticTransform(k * step / (2 * Double.pi))
            fx[a] = (q * cos(k * shiftX), -q * sin(k * shiftX))
        }
        var re = [Double](repeating: 0, count: n * ky.count)
        var im = [Double](repeating: 0, count: n * ky.count)
        var rowRe = [Double](repeating: 0, count: w), rowIm = [Double](repeating: 0, count: w)
        let values = kernel.values
        for (b, k) in ky.enumerated() {
            let q = KernelPSF.quinticTransform(k * step / (2 * Double.pi))
            if q == 0 { continue }
            for i in 0..<w { rowRe[i] = 0; rowIm[i] = 0 }
            for j in 0..<h {
                let phase = k * (Double(j) - cy) * step
                let c = cos(phase), s = -sin(phase)
                for i in 0..<w {
                    let v = values[j * w + i]
                    rowRe[i] += v * c
                    rowIm[i] += v * s
                }
            }
            for a in 0..<n { sumRe[a] = 0; sumIm[a] = 0 }
            for i in 0..<w {
                let r = rowRe[i], m = rowIm[i], cRe = exRe + i * n, cIm = exIm + i * n
                for a in 0..<n {
                    sumRe[a] += r * cRe[a] - m * cIm[a]
                    sumIm[a] += r * cIm[a] + m * cRe[a]
                }
            }
            // Factor for k_y: Q(k_y s) e^{−i k_y shift_y}.
            let gRe = q * cos(k * shiftY), gIm = -q * sin(k * shiftY)
            for a in 0..<n {
                let (fRe, fIm) = fx[a], sRe = sumRe[a], sIm = sumIm[a]
                let tRe = sRe * fRe - sIm * fIm, tIm = sRe * fIm + sIm * fRe
                re[b * n + a] = tRe * gRe - tIm * gIm
                im[b * n + a] = tRe * gIm + tIm * gRe
            }
        }
        return (re, im)
    }
}
