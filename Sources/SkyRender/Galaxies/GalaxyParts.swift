import SkyScene

/// How bulge + disk and spiral galaxies are split between the two drawing paths.
///
/// The smooth Sérsic components — the bulge (flux × B/T) and the disk (flux × (1 − B/T)) — go to the Fourier path
/// as ordinary Sérsic objects, so their pixel integration is exact and the FFT size rule sees each component's own
/// extent. A spiral's arm term a·D·(S − 1), whose total flux is zero, is drawn in real space (`SpiralArms`).
public enum GalaxyParts {
    /// The objects the Fourier path draws for `object`: the object itself, or a galaxy's bulge and disk as Sérsic
    /// objects on its centre (a component whose flux is zero in every band is left out).
    public static func fourier(_ object: ObjectSpec) -> [ObjectSpec] {
        guard case .galaxy(let g) = object.shape else { return [object] }
        var parts: [ObjectSpec] = []
        if let bulge = g.bulge {
            append(bulge, flux: g.bulgeFlux(object.flux), of: object, to: &parts)
        }
        append(g.disk, flux: g.diskFlux(object.flux), of: object, to: &parts)
        return parts
    }

    private static func append(_ c: GalaxyComponentSpec, flux: [Double], of object: ObjectSpec, to parts: inout [ObjectSpec]) {
        guard flux.contains(where: { $0 != 0 }) else { return }
        parts.append(ObjectSpec(id: object.id, group: object.group,
                                shape: .sersic(n: c.n, halfLightRadius: c.halfLightRadius, q: c.q, beta: c.beta, g1: c.g1, g2: c.g2),
                                offsetX: object.offsetX, offsetY: object.offsetY, flux: flux, magnitude: object.magnitude))
    }
}
