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
        let dx = x - cx, dy = y - cy
        switch kind {
        case .isothermal:
            let r = (dx * dx + dy * dy).squareRoot()
            guard r > 0 else { return (0, 0) }
            return (scale * dx / r, scale * dy / r)
        case .pointMass:
            let r2 = dx * dx + dy * dy
            guard r2 > 0 else { return (0, 0) }
            return (scale * dx / r2, scale * dy / r2)
        case .ellipsoid:
            let u = cosPhi * dx + sinPhi * dy
            let v = -sinPhi * dx + cosPhi * dy
            let a = SIEDeflection.frame(x: u, y: v, q: q, f: f, scale: scale)
            return (cosPhi * a.x - sinPhi * a.y, sinPhi * a.x + cosPhi * a.y)
        }
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
    @inline(__always)
    func deflection(x: Double, y: Double) -> (x: Double, y: Double) {
        var ax = gamma1 * x + gamma2 * y
        var ay = gamma2 * x - gamma1 * y
        for d in deflectors {
            let a = d.deflection(x: x, y: y)
            ax += a.x; ay += a.y
        }
        return (ax, ay)
    }

    /// Source-plane position β = θ − α(θ) (arcsec).
    @inline(__always)
    func source(x: Double, y: Double) -> (x: Double, y: Double) {
        let a = deflection(x: x, y: y)
        return (x - a.x, y - a.y)
    }
}
