import Foundation

/// A deflector with its per-evaluation constants (rotation, q, f = √(1−q²)) computed once.
struct PreparedDeflector: Sendable {
    enum Kind: Sendable { case isothermal, ellipsoid, pointMass }
    let kind: Kind
    let cx: Double, cy: Double
    /// θ_E (isothermal), θ_E √q (ellipsoid) or θ_E² (point mass).
    let scale: Double
    let cosPhi: Double, sinPhi: Double, q: Double, f: Double

    init(_ deflector: Deflector) {
        var cosPhi = 1.0, sinPhi = 0.0, q = 1.0, f = 0.0
        switch deflector {
        case let .sie(thetaE, e1, e2, x, y):
            let e = (e1 * e1 + e2 * e2).squareRoot()
            precondition(e < 1, "SIE ellipticity |e| = \(e) must be < 1")
            cx = x; cy = y
            if e == 0 {
                kind = .isothermal
                scale = thetaE
            } else {
                kind = .ellipsoid
                let phi = atan2(e2, e1) / 2
                cosPhi = cos(phi); sinPhi = sin(phi)
                q = (1 - e) / (1 + e)
                f = 2 * e.squareRoot() / (1 + e)  // √(1−q²) without cancellation as q → 1
                scale = thetaE * q.squareRoot()
            }
        case let .sis(thetaE, x, y):
            kind = .isothermal; cx = x; cy = y; scale = thetaE
        case let .pointMass(thetaE, x, y):
            kind = .pointMass; cx = x; cy = y; scale = thetaE * thetaE
        }
        self.cosPhi = cosPhi; self.sinPhi = sinPhi; self.q = q; self.f = f
    }

    /// An upper bound of |α| (arcsec) over the plane, nil when unbounded (point mass): θ_E for the SIS. For the SIE,
    /// (tx, ty) = (x, y)/ψ lies on q² tx² + ty² = 1, i.e. (cos t / q, sin t); on each of 64 slices of t ∈ [0, π/2]
    /// |arctan(f tx)| is largest at the slice's start and |arctanh(f ty)| at its end (exact to within ~1 %).
    var maximumDeflection: Double? {
        switch kind {
        case .isothermal: return scale
        case .pointMass: return nil
        case .ellipsoid:
            let slices = 64
            var largest = 0.0
            for i in 0..<slices {
                let start = Double.pi / 2 * Double(i) / Double(slices), end = Double.pi / 2 * Double(i + 1) / Double(slices)
                let ax = SIEDeflection.arctanOverF(cos(start) / q, f), ay = SIEDeflection.arctanhOverF(min(1, sin(end)), f)
                largest = max(largest, ax * ax + ay * ay)
            }
            return scale * largest.squareRoot() * (1 + 1e-12)
        }
    }

    /// Deflection (arcsec) at θ = (x, y) arcsec; 0 at the singular centre.
    @inline(__always)
    func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        switch kind {
        case .isothermal: return radial(x: x, y: y, overSquare: false)
        case .pointMass: return radial(x: x, y: y, overSquare: true)
        case .ellipsoid: return ellipsoid(x: x, y: y)
        }
    }

    /// Subtracts this deflection at each ray θ = (x[i], y[i]) from (bx[i], by[i]), i < count: one loop per kind,
    /// each branch-free, so that it vectorises (a switch inside the loop would keep it scalar).
    func subtract(atX x: UnsafePointer<Double>, y: UnsafePointer<Double>, fromX bx: UnsafeMutablePointer<Double>,
                  y by: UnsafeMutablePointer<Double>, count: Int) {
        @inline(__always) func each(_ alpha: (Double, Double) -> (x: Double, y: Double)) {
            for i in 0..<count {
                let a = alpha(x[i], y[i])
                bx[i] -= a.x
                by[i] -= a.y
            }
        }
        switch kind {
        case .isothermal: each { radial(x: $0, y: $1, overSquare: false) }
        case .pointMass: each { radial(x: $0, y: $1, overSquare: true) }
        case .ellipsoid: each { ellipsoid(x: $0, y: $1) }
        }
    }

    /// α = θ_E (x, y)/r (isothermal) or θ_E² (x, y)/r² (point mass) about the centre; 0 at the centre.
    @inline(__always)
    private func radial(x: Double, y: Double, overSquare: Bool) -> (x: Double, y: Double) {
        let dx = x - cx, dy = y - cy
        let r2 = dx * dx + dy * dy
        let divisor = overSquare ? r2 : laneSqrt(r2)
        let ax = scale * dx / divisor, ay = scale * dy / divisor
        return (divisor > 0 ? ax : 0, divisor > 0 ? ay : 0)
    }

    /// The SIE: `SIEDeflection.frame` in the frame rotated by φ.
    @inline(__always)
    private func ellipsoid(x: Double, y: Double) -> (x: Double, y: Double) {
        let dx = x - cx, dy = y - cy
        let u = cosPhi * dx + sinPhi * dy
        let v = -sinPhi * dx + cosPhi * dy
        let a = SIEDeflection.frame(x: u, y: v, q: q, f: f, scale: scale)
        return (cosPhi * a.x - sinPhi * a.y, sinPhi * a.x + cosPhi * a.y)
    }
}

/// A lens model ready for many evaluations.
struct PreparedLens: Sendable {
    let deflectors: [PreparedDeflector]
    let gamma1: Double, gamma2: Double

    init(_ lens: LensModel) {
        deflectors = lens.deflectors.map(PreparedDeflector.init)
        gamma1 = lens.shear?.gamma1 ?? 0
        gamma2 = lens.shear?.gamma2 ?? 0
    }

    /// Singular points (arcsec): every deflector centre.
    var singularities: [(x: Double, y: Double)] { deflectors.map { ($0.cx, $0.cy) } }

    /// Radius (arcsec, about the stamp centre) beyond which no θ — nor any mean p = Σ wᵢ θᵢ of positions with weights
    /// wᵢ ≥ 0 summing to 1 — has Σ wᵢ β(θᵢ) = β: there |(1 − Γ) p − β| ≥ (1 − |γ|)|p| − |β| exceeds the summed
    /// deflector bounds. Nil when a deflection is unbounded or |γ| ≥ 1.
    func imageBound(betaX: Double, betaY: Double) -> Double? {
        let gamma = (gamma1 * gamma1 + gamma2 * gamma2).squareRoot()
        guard gamma < 1 else { return nil }
        var deflection = 0.0
        for d in deflectors {
            guard let bound = d.maximumDeflection else { return nil }
            deflection += bound
        }
        return ((betaX * betaX + betaY * betaY).squareRoot() + deflection) / (1 - gamma)
    }

    /// Deflection (arcsec) at θ = (x, y): sum over deflectors plus shear.
    func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        var ax = gamma1 * x + gamma2 * y
        var ay = gamma2 * x - gamma1 * y
        for d in deflectors {
            let a = d.deflection(x: x, y: y)
            ax += a.x; ay += a.y
        }
        return (ax, ay)
    }

    /// Source-plane position β = θ − α(θ) (arcsec): θ minus the shear, then minus each deflector in turn (the order
    /// of `sources`, so both give the same bits).
    func source(x: Double, y: Double) -> (x: Double, y: Double) {
        var bx = x - (gamma1 * x + gamma2 * y)
        var by = y - (gamma2 * x - gamma1 * y)
        for d in deflectors {
            let a = d.deflection(x: x, y: y)
            bx -= a.x; by -= a.y
        }
        return (bx, by)
    }

    /// β = θ − α(θ) (arcsec) of the rays θ = (x[i], y[i]), i < count, into (bx[i], by[i]), as `source(x:y:)` does,
    /// one vectorised pass for the shear and one per deflector.
    func sources(atX x: UnsafePointer<Double>, y: UnsafePointer<Double>, intoX bx: UnsafeMutablePointer<Double>,
                 y by: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count {
            bx[i] = x[i] - (gamma1 * x[i] + gamma2 * y[i])
            by[i] = y[i] - (gamma2 * x[i] - gamma1 * y[i])
        }
        for d in deflectors { d.subtract(atX: x, y: y, fromX: bx, y: by, count: count) }
    }
}
