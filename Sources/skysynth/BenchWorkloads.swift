/// The standard workloads of `skysynth bench`, each a scene a user could write (parsed by SceneLoader.parse).
enum BenchWorkload: String, CaseIterable, Sendable {
    case galaxy
    case galaxyNFixed = "galaxy-n-fixed"
    case galaxyWrite = "galaxy-write"
    case star
    case lens
    case shapes
    case shapesDeepBench = "shapes-deepbench"
    case noise64 = "noise-64"
    case noise1024 = "noise-1024"
    case field2048 = "field-2048"

    /// Every name, comma-separated, in run order.
    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// One line: what one sample of the workload is.
    var summary: String {
        switch self {
        case .galaxy: return "64×64 Sérsic (n 0.5–4) ⊗ Moffat + CCD noise, 5 bands"
        case .galaxyNFixed: return "64×64 Sérsic (n = 1.5) ⊗ Moffat + CCD noise, 5 bands"
        case .galaxyWrite: return "galaxy + writing the HDF5 dataset (DatasetWriter, as generate)"
        case .star: return "64×64 point source ⊗ Moffat at a sub-pixel offset + CCD noise, 1 band"
        case .lens: return "64×64 SIE + shear lensing a Sérsic source, supersampling 3, ⊗ Moffat + CCD noise, 5 bands"
        case .shapes: return "64×64, one shape of each kind (filled, no PSF) + CCD noise, 1 band"
        case .shapesDeepBench:
            return "64×64, one each of the 7 kinds DeepBench draws (shapes without star_polygon), no PSF, no noise, 1 band"
        case .noise64: return "CCD noise alone on a 64×64 image (NoiseApplier)"
        case .noise1024: return "CCD noise alone on a 1024×1024 image (NoiseApplier)"
        case .field2048: return "2048×2048 field of 500 Sérsic ⊗ Moffat + CCD noise, 1 band"
        }
    }

    /// Side of the square noise image in pixels, for the noise-only workloads.
    var noiseSize: Int? {
        switch self {
        case .noise64: return 64
        case .noise1024: return 1024
        default: return nil
        }
    }

    /// The scene YAML of the rendering workloads (nil for noise-only ones).
    var sceneYAML: String? {
        switch self {
        case .galaxy, .galaxyWrite: return BenchScenes.galaxy(n: "{uniform: [0.5, 4.0]}")
        case .galaxyNFixed: return BenchScenes.galaxy(n: "1.5")
        case .star: return BenchScenes.star
        case .lens: return BenchScenes.lens
        case .shapes: return BenchScenes.shapes
        case .shapesDeepBench: return BenchScenes.shapesDeepBench
        case .field2048: return BenchScenes.field
        case .noise64, .noise1024: return nil
        }
    }
}

/// Scene texts of the workloads: zero point 30 and 1 s exposure (magnitude m gives 10^(−0.4 (m − 30)) e⁻),
/// sky 100 e⁻/px, CCD noise with read noise 5 e⁻ and gain 1 e⁻/ADU.
enum BenchScenes {
    /// One band's YAML (list item) with a Moffat(β = 3) PSF of `fwhm` arcsec.
    static func band(_ name: String, fwhm: String) -> String {
        """
          - name: \(name)
            zero_point: 30
            exposure_time: 1
            sky: {electrons: 100}
            psf: {type: moffat, beta: 3.0, fwhm: \(fwhm)}
            noise: {type: ccd, gain: 1.0, read_noise: 5.0}

        """
    }

    /// One Sérsic object group (list item): `n` as YAML, r_e 0.3–1.5″, |g| < 0.5, offsets `offset` (YAML), mag 20–24.
    static func sersic(n: String, count: Int, offset: String) -> String {
        """
          - type: sersic
            count: \(count)
            n: \(n)
            half_light_radius: {uniform: [0.3, 1.5]}
            g1: {uniform: [-0.35, 0.35]}
            g2: {uniform: [-0.35, 0.35]}
            offset: \(offset)
            magnitude: {uniform: [20, 24]}

        """
    }

    /// The `galaxy` scene: 64×64 at 0.2″/px, bands g r i z y with FWHM 0.9/0.8/0.7/0.7/0.75″, one Sérsic of index `n`.
    static func galaxy(n: String) -> String {
        """
        name: bench-galaxy
        description: skysynth bench workload (one galaxy per stamp, 5 bands)
        seed: 1
        count: 100000000
        image: {size: 64, pixel_scale: 0.2}
        bands:

        """
            + band("g", fwhm: "0.9") + band("r", fwhm: "0.8") + band("i", fwhm: "0.7") + band("z", fwhm: "0.7")
            + band("y", fwhm: "0.75")
            + "objects:\n" + sersic(n: n, count: 1, offset: "{uniform: [-0.1, 0.1]}")
    }

    /// The `star` scene: a point source at a uniform sub-pixel offset (±half a pixel), 1 band, FWHM 0.8″.
    static let star = """
        name: bench-star
        description: skysynth bench workload (one star per stamp)
        seed: 1
        count: 100000000
        image: {size: 64, pixel_scale: 0.2}
        bands:

        """ + band("r", fwhm: "0.8") + """
        objects:
          - type: star
            offset: {uniform: [-0.1, 0.1]}
            magnitude: {uniform: [20, 24]}

        """

    /// The `lens` scene: SIE (θ_E 0.8–2″, |e| ≲ 0.3) + shear lensing a Sérsic source, supersampling 3, 5 bands.
    static let lens = """
        name: bench-lens
        description: skysynth bench workload (one SIE + shear lens per stamp, 5 bands)
        seed: 1
        count: 100000000
        image: {size: 64, pixel_scale: 0.2}
        bands:

        """ + band("g", fwhm: "0.9") + band("r", fwhm: "0.8") + band("i", fwhm: "0.7") + band("z", fwhm: "0.7")
        + band("y", fwhm: "0.75") + """
        objects:
          - type: lens
            supersample: 3
            deflector: {profile: sie, theta_e: {uniform: [0.8, 2.0]}, e1: {uniform: [-0.2, 0.2]}, e2: {uniform: [-0.2, 0.2]}}
            shear: {gamma1: {uniform: [-0.05, 0.05]}, gamma2: {uniform: [-0.05, 0.05]}}
            source: {n: {uniform: [0.7, 2.0]}, half_light_radius: {uniform: [0.1, 0.4]}, offset: {uniform: [-0.5, 0.5]},
                     magnitude: {uniform: [21, 23]}}

        """

    /// The shape objects of the `shapes` scenes, one of each kind (list items), all filled and sharp (`psf: false`).
    /// Centres within ±3″ (±2″ for the line and arc) of the stamp centre, magnitude 18 each.
    static let shapeObjects: [(kind: String, yaml: String)] = [
        ("circle", "  - {type: circle, radius: {uniform: [0.5, 2]}, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
        ("ellipse", "  - {type: ellipse, radius: {uniform: [1, 2.5]}, axis_ratio: {uniform: [0.3, 0.9]}, rotation: {uniform: [0, 180]}, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
        ("rectangle", "  - {type: rectangle, width: {uniform: [1, 3]}, height: {uniform: [0.5, 2]}, rotation: {uniform: [0, 90]}, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
        ("polygon", "  - {type: polygon, vertices: {uniform_int: [3, 8]}, radius: {uniform: [0.8, 2]}, rotation: {uniform: [0, 360]}, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
        ("star_polygon", "  - {type: star_polygon, vertices: 5, radius: {uniform: [1, 2]}, inner_ratio: 0.45, rotation: {uniform: [0, 360]}, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
        ("line", "  - {type: line, length: {uniform: [2, 6]}, line_width: 0.3, rotation: {uniform: [0, 180]}, psf: false, offset: {uniform: [-2, 2]}, magnitude: 18}\n"),
        ("arc", "  - {type: arc, radius: {uniform: [1.5, 3]}, line_width: 0.3, span: {uniform: [45, 270]}, psf: false, offset: {uniform: [-2, 2]}, magnitude: 18}\n"),
        ("ring", "  - {type: ring, radius: {uniform: [1, 2.5]}, inner_ratio: 0.6, psf: false, offset: {uniform: [-3, 3]}, magnitude: 18}\n"),
    ]

    /// The `shapes` scene: one of each shape kind per stamp, filled, sharp (no PSF), 1 band with CCD noise.
    static let shapes = """
        name: bench-shapes
        description: skysynth bench workload (one shape of each kind per stamp)
        seed: 1
        count: 100000000
        image: {size: 64, pixel_scale: 0.2}
        bands:

        """ + band("r", fwhm: "0.8") + "objects:\n" + shapeObjects.map(\.yaml).joined()

    /// The `shapes-deepbench` scene, paired with DeepBench's ShapeGenerator in Validation/bench/bench_compare.py: the
    /// `shapes` objects without the star polygon (DeepBench has none), on a band without sky and without noise
    /// (ShapeGenerator adds none). The PSF is never applied (`psf: false`), but every band must name one.
    static let shapesDeepBench = """
        name: bench-shapes-deepbench
        description: skysynth bench workload (the shape kinds DeepBench draws, one of each per stamp, no noise)
        seed: 1
        count: 100000000
        image: {size: 64, pixel_scale: 0.2}
        bands:
          - name: r
            zero_point: 30
            exposure_time: 1
            sky: {electrons: 0}
            psf: {type: moffat, beta: 3.0, fwhm: 0.8}
            noise: {type: none}
        objects:

        """ + shapeObjects.filter { $0.kind != "star_polygon" }.map(\.yaml).joined()

    /// The `field-2048` scene: 500 galaxies as in `galaxy` spread uniformly over a 2048×2048 field, 1 band.
    static let field = """
        name: bench-field
        description: skysynth bench workload (a 2048x2048 field of 500 galaxies)
        seed: 1
        count: 100000000
        image: {size: 2048, pixel_scale: 0.2}
        bands:

        """ + band("r", fwhm: "0.8") + "objects:\n"
        + sersic(n: "{uniform: [0.5, 4.0]}", count: 500, offset: "{uniform: [-204.8, 204.8]}")
}
