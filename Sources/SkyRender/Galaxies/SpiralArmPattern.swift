import Foundation
import SkyScene

/// A spiral's disk with its arms, for unit disk flux, in arcsec from the stamp centre.
///
/// With (u, v) = A⁻¹ (x − x₀) the face-on position (A the disk's area-preserving shear, as for any Sérsic),
/// r = |(u, v)| and θ = atan2(v, u):
///
///     Σ(x) = D(r) · [(1 − a) + a · S(θ, r)]
///     S(θ, r) = ((1 + cos(m (θ − ln(r / r_e) / tan ψ) − φ0)) / 2)^p / C(p),   C(p) = Γ(p + ½) / (√π Γ(p + 1))
///
/// D is the disk's unit-flux Sérsic, m the number of arms, ψ the pitch angle, p the sharpness, φ0 the phase, a the
/// arm fraction. S averages exactly 1 over θ at every r (m θ covers m whole periods), so Σ has the disk's flux and
/// Σ − D = a·D·(S − 1) (the arm term) has none.
public struct SpiralArmPattern: Sendable {
    /// Centre, arcsec from the stamp centre.
    public let centerX: Double, centerY: Double
    /// A⁻¹ (symmetric, det 1): u = m11 dx + m12 dy, v = m12 dx + m22 dy.
    let m11: Double, m12: Double, m22: Double
    let inverseRadius: Double
    let b: Double
    let inverseN: Double
    /// D(0), per arcsec², unit flux.
    let central: Double
    let isExponential: Bool
    let arms: Double
    let inverseTanPitch: Double
    let sharpness: Double
    let inverseMean: Double
    /// a.
    public let fraction: Double
    /// φ0, radians.
    let phase: Double
    /// Largest stretch of A⁻¹, 1/√q: a cell of half-diagonal d spans face-on radii within d/√q of its centre's.
    let maxStretch: Double
    /// The arm pattern's finest scale in the image at face-on radius r is at least `featureSlope` × r:
    /// √q · r sin ψ · √(2 / max(p, 1)) / m (the Gaussian σ of a sharp arm across its ridge, compressed by inclination).
    let featureSlope: Double
    /// sup |S − 1|.
    let modulationBound: Double
    /// S as a function of the phase x = m (θ − ln(r/r_e)/tan ψ) − φ0: ((1 + cos x)/2)^p / C(p) at x = 2π k / N,
    /// k = 0 … N, linearly interpolated (a periodic function: the interpolant keeps the mean 1 to ~3e-14).
    let profile: [Double]
    static let profileNodes = 8192

    public init(disk: GalaxyComponentSpec, arms a: SpiralArmsSpec, centerX: Double, centerY: Double) {
        self.centerX = centerX
        self.centerY = centerY
        let g2sum = disk.g1 * disk.g1 + disk.g2 * disk.g2
        let norm = 1 / (1 - g2sum).squareRoot()
        m11 = (1 - disk.g1) * norm
        m12 = -disk.g2 * norm
        m22 = (1 + disk.g1) * norm
        inverseRadius = 1 / disk.halfLightRadius
        b = sersicB(disk.n)
        inverseN = 1 / disk.n
        central = exp(2 * disk.n * log(b) - GSL.lnGamma(2 * disk.n)) / (2 * Double.pi * disk.n * disk.halfLightRadius * disk.halfLightRadius)
        isExponential = disk.n == 1
        arms = Double(a.count)
        let pitch = a.pitch * Double.pi / 180
        inverseTanPitch = 1 / tan(pitch)
        sharpness = a.sharpness
        inverseMean = 1 / SpiralArmsSpec.meanProfile(sharpness: sharpness)
        fraction = a.fraction
        phase = a.phase * Double.pi / 180
        let g = g2sum.squareRoot()
        maxStretch = ((1 + g) / (1 - g)).squareRoot()
        featureSlope = sin(pitch) * (2 / max(sharpness, 1)).squareRoot() / arms / maxStretch
        modulationBound = max(1, inverseMean - 1)
        let nodes = Self.profileNodes, p = sharpness, scale = inverseMean
        profile = (0...nodes).map { k in
            let c = 0.5 * (1 + cos(2 * Double.pi * Double(k) / Double(nodes)))
            return p == 0 ? 1 : (c > 0 ? exp(p * log(c)) * scale : 0)
        }
    }

    /// Face-on radius |A⁻¹ (x − x₀)| of a point at (dx, dy) from the centre, arcsec.
    @inline(__always)
    func faceOnRadius(dx: Double, dy: Double) -> Double {
        let u = m11 * dx + m12 * dy, v = m12 * dx + m22 * dy
        return (u * u + v * v).squareRoot()
    }

    /// D at face-on radius r, per arcsec², unit flux.
    @inline(__always)
    func disk(radius r: Double) -> Double {
        let s = r * inverseRadius
        return central * exp(-b * (isExponential ? s : pow(s, inverseN)))
    }

    /// S(θ, r) at a face-on position (u, v); 1 at the centre.
    @inline(__always)
    func modulation(u: Double, v: Double, radius r: Double) -> Double {
        guard r > 0, sharpness > 0 else { return 1 }
        let theta = atan2(v, u)
        let x = arms * (theta - log(r * inverseRadius) * inverseTanPitch) - phase
        var t = x * (Double(Self.profileNodes) / (2 * Double.pi))
        t -= (t / Double(Self.profileNodes)).rounded(.down) * Double(Self.profileNodes)
        let i = min(max(Int(t), 0), Self.profileNodes - 1)
        let f = t - Double(i)
        return profile.withUnsafeBufferPointer { table in table[i] + f * (table[i + 1] - table[i]) }
    }

    /// The arm term a·D·(S − 1) at (dx, dy) arcsec from the centre, per arcsec², unit disk flux.
    @inline(__always)
    public func armTerm(dx: Double, dy: Double) -> Double {
        let u = m11 * dx + m12 * dy, v = m12 * dx + m22 * dy
        let r = (u * u + v * v).squareRoot()
        return fraction * disk(radius: r) * (modulation(u: u, v: v, radius: r) - 1)
    }

    /// The whole disk with its arms, D·((1 − a) + a·S), at (x, y) arcsec from the stamp centre, unit disk flux.
    public func surfaceBrightness(x: Double, y: Double) -> Double {
        let dx = x - centerX, dy = y - centerY
        let u = m11 * dx + m12 * dy, v = m12 * dx + m22 * dy
        let r = (u * u + v * v).squareRoot()
        return disk(radius: r) * ((1 - fraction) + fraction * modulation(u: u, v: v, radius: r))
    }

    /// An upper bound of |a·D·(S − 1)| over face-on radii ≥ r.
    @inline(__always)
    func armBound(radius r: Double) -> Double {
        fraction * modulationBound * disk(radius: r)
    }
}
