import SkyScene

/// The bulge + disk and spiral columns of /objects: each component's Sérsic parameters, B/T per band and the arm
/// parameters (NaN, or 0 for `arms`, where an object lacks them; a spiral without a bulge has bulge_fraction 0).
final class GalaxyColumns {
    private let scalars: [(spec: ColumnSpec, column: ColumnBuffer<Double>)]
    private let bulgeFraction: ColumnBuffer<Double>
    private let arms: ColumnBuffer<Int32>
    private let armScalars: [(spec: ColumnSpec, column: ColumnBuffer<Double>)]
    /// Every buffer, in creation order.
    let all: [any FlushableColumn]

    /// Component columns, in order: bulge then disk, each n, half_light_radius, q, beta, g1, g2.
    static let componentSpecs: [ColumnSpec] = ["bulge", "disk"].flatMap { part -> [ColumnSpec] in
        let whose = part == "bulge" ? "the bulge of a bulge_disk or spiral galaxy" : "the disk of a bulge_disk or spiral galaxy (a spiral's arms are modulations of it)"
        let absent = part == "bulge" ? "; NaN for other kinds and for spirals without a bulge" : "; NaN for other kinds"
        return [
            ColumnSpec(name: "\(part)_n", units: "", description: "Sersic index of \(whose)\(absent)"),
            ColumnSpec(name: "\(part)_half_light_radius", units: "arcsec", description: "Circularised half-light radius sqrt(a*b) of \(whose)\(absent)"),
            ColumnSpec(name: "\(part)_q", units: "", description: "Axis ratio b/a of \(whose)\(absent)"),
            ColumnSpec(name: "\(part)_beta", units: "deg", description: "Position angle counter-clockwise from +x of \(whose)\(absent)"),
            ColumnSpec(name: "\(part)_g1", units: "", description: "Reduced shear g1 of the shape of \(whose)\(absent)"),
            ColumnSpec(name: "\(part)_g2", units: "", description: "Reduced shear g2 of the shape of \(whose)\(absent)"),
        ]
    }
    static let bulgeFractionSpec = ColumnSpec(name: "bulge_fraction", units: "", description: "Bulge-to-total flux ratio B/T per band [object, band] of a bulge_disk or spiral galaxy: the bulge has flux x B/T, the disk (with its arms) flux x (1 - B/T); 0 for a spiral without a bulge; NaN for other kinds")
    static let armsSpec = ColumnSpec(name: "arms", units: "", description: "Number of spiral arms m of a spiral galaxy; 0 for other kinds")
    static let armSpecs: [ColumnSpec] = [
        ColumnSpec(name: "pitch", units: "deg", description: "Pitch angle psi of a spiral's logarithmic arms (angle between an arm and the circle through it, face-on); NaN for other kinds"),
        ColumnSpec(name: "arm_width", units: "", description: "Azimuthal FWHM of a spiral arm as a fraction of the arm spacing 2*pi/m (face-on); NaN for other kinds"),
        ColumnSpec(name: "arm_sharpness", units: "", description: "Exponent p of the arm profile ((1 + cos x)/2)^p, from arm_width w: p = -ln 2 / (2 ln cos(pi w / 2)); NaN for other kinds"),
        ColumnSpec(name: "arm_fraction", units: "", description: "Fraction a of a spiral's disk light moved into the arm pattern (disk x ((1 - a) + a S)); NaN for other kinds"),
        ColumnSpec(name: "phase", units: "deg", description: "Phase phi0 of a spiral's arms in [0, 360): the arm ridges cross the disk's half-light radius at face-on azimuths (phi0 + 360 k)/m from +x; NaN for other kinds"),
    ]

    init(in objects: H5Group, bands: Int) throws {
        func column<T: H5Element>(_ spec: ColumnSpec, width: Int? = nil) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: objects, rows: nil, width: width)
        }
        scalars = try Self.componentSpecs.map { ($0, try column($0)) }
        bulgeFraction = try column(Self.bulgeFractionSpec, width: bands)
        arms = try column(Self.armsSpec)
        armScalars = try Self.armSpecs.map { ($0, try column($0)) }
        all = scalars.map(\.column) + [bulgeFraction, arms] + armScalars.map(\.column)
    }

    /// Queues the row of one object.
    func append(_ object: ObjectSpec) {
        guard case .galaxy(let g) = object.shape else {
            for (_, column) in scalars { column.append(.nan) }
            bulgeFraction.append(row: object.flux.map { _ in .nan })
            arms.append(0)
            for (_, column) in armScalars { column.append(.nan) }
            return
        }
        func values(_ c: GalaxyComponentSpec?) -> [Double] {
            guard let c else { return [Double](repeating: .nan, count: 6) }
            return [c.n, c.halfLightRadius, c.q, c.beta, c.g1, c.g2]
        }
        for ((_, column), value) in zip(scalars, values(g.bulge) + values(g.disk)) { column.append(value) }
        bulgeFraction.append(row: g.bulgeFraction)
        arms.append(Int32(g.arms?.count ?? 0))
        let armValues = g.arms.map { [$0.pitch, $0.width, $0.sharpness, $0.fraction, $0.phase] } ?? [Double](repeating: .nan, count: 5)
        for ((_, column), value) in zip(armScalars, armValues) { column.append(value) }
    }
}
