import SkyRender
import SkyScene

/// The lens-system columns of /objects: deflector, shear, source and derived labels (NaN, −1 or "" where an object is
/// not a lens). The lens light uses the Sérsic columns and flux/magnitude.
final class LensColumns {
    private let isLensed, imageCount, supersample: ColumnBuffer<Int32>
    private let profile: ColumnBuffer<String>
    private let scalars: [(spec: ColumnSpec, column: ColumnBuffer<Double>)]
    private let sourceFlux, sourceMagnitude: ColumnBuffer<Double>
    /// Every buffer, in creation order.
    let all: [any FlushableColumn]

    static let isLensedSpec = ColumnSpec(name: "is_lensed", units: "", description: "1 when the lens system's deflector is present, 0 for a non-lens stamp drawn without deflection (source and lens light unlensed); -1 for objects that are not lens systems")
    static let profileSpec = ColumnSpec(name: "deflector_profile", units: "", description: "Deflector mass profile: sie, sis or point_mass; empty for objects that are not lens systems")
    static let imageCountSpec = ColumnSpec(name: "image_count", units: "", description: "Number of images of a point source at the source centre (1 when not lensed; -1 for objects that are not lens systems)")
    static let supersampleSpec = ColumnSpec(name: "supersample", units: "", description: "Rays per pixel side used to ray-shoot the lens system; 0 for other objects")
    static let scalarSpecs: [ColumnSpec] = [
        ColumnSpec(name: "theta_e", units: "arcsec", description: "Einstein radius (intermediate-axis convention); NaN for objects that are not lens systems"),
        ColumnSpec(name: "lens_q", units: "", description: "Deflector axis ratio (1 for round profiles); NaN otherwise"),
        ColumnSpec(name: "lens_phi", units: "deg", description: "Deflector major-axis angle counter-clockwise from +x; NaN otherwise"),
        ColumnSpec(name: "lens_e1", units: "", description: "Deflector ellipticity e1 (lenstronomy; = reduced shear g1); NaN otherwise"),
        ColumnSpec(name: "lens_e2", units: "", description: "Deflector ellipticity e2 (lenstronomy); NaN otherwise"),
        ColumnSpec(name: "shear_gamma1", units: "", description: "External shear gamma1 about the stamp centre; NaN otherwise"),
        ColumnSpec(name: "shear_gamma2", units: "", description: "External shear gamma2 about the stamp centre; NaN otherwise"),
        ColumnSpec(name: "magnification", units: "", description: "Source flux inside the stamp with the lens divided by that without it (1 when not lensed); NaN otherwise"),
        ColumnSpec(name: "source_n", units: "", description: "Sersic index of the lensed source; NaN otherwise"),
        ColumnSpec(name: "source_half_light_radius", units: "arcsec", description: "Circularised half-light radius of the source; NaN otherwise"),
        ColumnSpec(name: "source_q", units: "", description: "Source axis ratio b/a; NaN otherwise"),
        ColumnSpec(name: "source_beta", units: "deg", description: "Source position angle counter-clockwise from +x; NaN otherwise"),
        ColumnSpec(name: "source_g1", units: "", description: "Source reduced shear g1 (lenstronomy e1); NaN otherwise"),
        ColumnSpec(name: "source_g2", units: "", description: "Source reduced shear g2 (lenstronomy e2); NaN otherwise"),
        ColumnSpec(name: "source_offset_x", units: "arcsec", description: "Source-plane position relative to the deflector centre along +x; NaN otherwise"),
        ColumnSpec(name: "source_offset_y", units: "arcsec", description: "Source-plane position relative to the deflector centre along +y; NaN otherwise"),
    ]
    static let sourceFluxSpec = ColumnSpec(name: "source_flux", units: "electrons", description: "Intrinsic (unlensed) total flux of the source per band [object, band]; NaN otherwise")
    static let sourceMagnitudeSpec = ColumnSpec(name: "source_magnitude", units: "mag", description: "Intrinsic source magnitude per band [object, band]; NaN otherwise")

    init(in objects: H5Group, bands: Int) throws {
        func column<T: H5Element>(_ spec: ColumnSpec, width: Int? = nil) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: objects, rows: nil, width: width)
        }
        isLensed = try column(Self.isLensedSpec)
        profile = try column(Self.profileSpec)
        imageCount = try column(Self.imageCountSpec)
        supersample = try column(Self.supersampleSpec)
        scalars = try Self.scalarSpecs.map { ($0, try column($0)) }
        sourceFlux = try column(Self.sourceFluxSpec, width: bands)
        sourceMagnitude = try column(Self.sourceMagnitudeSpec, width: bands)
        all = [isLensed, profile, imageCount, supersample] + scalars.map(\.column) + [sourceFlux, sourceMagnitude]
    }

    /// Queues the row of one object; `labels` (from rendering) carry its magnification and image count, else they are
    /// computed here.
    func append(_ object: ObjectSpec, image: ImageGeometry, labels: ObjectLabels?) {
        guard case .lens(let l) = object.shape else {
            isLensed.append(-1)
            profile.append("")
            imageCount.append(-1)
            supersample.append(0)
            for (_, column) in scalars { column.append(.nan) }
            sourceFlux.append(row: object.flux.map { _ in .nan })
            sourceMagnitude.append(row: object.flux.map { _ in .nan })
            return
        }
        isLensed.append(l.isLensed ? 1 : 0)
        profile.append(l.profile.rawValue)
        imageCount.append(labels?.imageCount ?? Int32(LensImages.imageCount(l, object: object)))
        supersample.append(Int32(l.supersample))
        let s = l.source
        let values = [l.thetaE, l.q, l.phi, l.e1, l.e2, l.gamma1, l.gamma2,
                      labels?.magnification ?? LensImages.magnification(l, object: object, image: image),
                      s.n, s.halfLightRadius, s.q, s.beta, s.g1, s.g2, s.offsetX, s.offsetY]
        for ((_, column), value) in zip(scalars, values) { column.append(value) }
        sourceFlux.append(row: s.flux)
        sourceMagnitude.append(row: s.magnitude)
    }
}
