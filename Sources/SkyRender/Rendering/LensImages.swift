import SkyScene

/// A drawn lens system as SkyRender's lensing types, and its unit-flux images and derived labels.
public enum LensImages {
    /// The mass model: the deflector at the object's position plus shear about the stamp centre; empty when not lensed.
    public static func model(_ l: LensSpec, object: ObjectSpec) -> LensModel {
        guard l.isLensed else { return LensModel(deflectors: []) }
        let x = object.offsetX, y = object.offsetY
        let deflector: Deflector
        switch l.profile {
        case .sie: deflector = .sie(thetaE: l.thetaE, e1: l.e1, e2: l.e2, centerX: x, centerY: y)
        case .sis: deflector = .sis(thetaE: l.thetaE, centerX: x, centerY: y)
        case .pointMass: deflector = .pointMass(thetaE: l.thetaE, centerX: x, centerY: y)
        }
        let shear = l.gamma1 == 0 && l.gamma2 == 0 ? nil : ExternalShear(gamma1: l.gamma1, gamma2: l.gamma2)
        return LensModel(deflectors: [deflector], shear: shear)
    }

    /// The source, at the deflector centre plus its offset (arcsec from the stamp centre).
    public static func source(_ l: LensSpec, object: ObjectSpec) -> SersicLight {
        SersicLight(n: l.source.n, halfLightRadius: l.source.halfLightRadius, e1: l.source.g1, e2: l.source.g2,
                    centerX: object.offsetX + l.source.offsetX, centerY: object.offsetY + l.source.offsetY)
    }

    /// The lens galaxy's light, on the deflector centre.
    public static func lensLight(_ l: LensSpec, object: ObjectSpec) -> SersicLight? {
        l.lensLight.map { SersicLight(n: $0.n, halfLightRadius: $0.halfLightRadius, e1: $0.g1, e2: $0.g2,
                                      centerX: object.offsetX, centerY: object.offsetY) }
    }

    /// Unit-flux images (flux per pixel) of the lensed source and of the lens light on the stamp plus `margin`
    /// pixels per side ((W+2m)×(H+2m), same centre), and the lensed source's unit flux inside the stamp (nil when not
    /// lensed) for `magnification`: the stamp's rays are the central ones of the larger grid, so the sum is the one
    /// of shooting the stamp alone, bit for bit.
    public static func render(_ l: LensSpec, object: ObjectSpec, image: ImageGeometry,
                              margin: Int) -> (source: [Double], lensLight: [Double]?, lensedInside: Double?) {
        let width = image.width + 2 * margin, height = image.height + 2 * margin
        let grid = DeflectionGrid(lens: model(l, object: object), width: width, height: height, pixelScale: image.pixelScale,
                                  supersample: l.supersample)
        let lensImage = lensLight(l, object: object).map { light in
            DeflectionGrid.unlensed(width: width, height: height, pixelScale: image.pixelScale, supersample: l.supersample)
                .image(of: light)
        }
        let sourceImage = grid.image(of: source(l, object: object))
        guard l.isLensed else { return (sourceImage, lensImage, nil) }
        var inside = 0.0  // row-major over the stamp, the order of `[Double].reduce` on the stamp's own image
        for y in margin..<(margin + image.height) {
            for x in margin..<(margin + image.width) { inside += sourceImage[y * width + x] }
        }
        return (sourceImage, lensImage, inside)
    }

    /// Source flux inside the stamp with the lens divided by that without it (1 for an unlensed stamp). `lensedInside`
    /// is the lensed unit flux inside the stamp from `render`; without it the stamp is ray-shot again.
    public static func magnification(_ l: LensSpec, object: ObjectSpec, image: ImageGeometry,
                                     lensedInside: Double? = nil) -> Double {
        guard l.isLensed else { return 1 }
        let light = source(l, object: object)
        let lensed = lensedInside
            ?? RayShooter.lensedImage(lens: model(l, object: object), source: light, width: image.width, height: image.height,
                                      pixelScale: image.pixelScale, supersample: l.supersample).reduce(0, +)
        let unlensed = RayShooter.unlensedImage(light: light, width: image.width, height: image.height,
                                                pixelScale: image.pixelScale, supersample: l.supersample)
        let inside = unlensed.reduce(0, +)
        return inside > 0 ? lensed / inside : .nan
    }

    /// Images of a point source at the source centre (1 when not lensed).
    public static func imageCount(_ l: LensSpec, object: ObjectSpec) -> Int {
        guard l.isLensed else { return 1 }
        let light = source(l, object: object)
        let lensCentre = (object.offsetX * object.offsetX + object.offsetY * object.offsetY).squareRoot()
        let offset = (l.source.offsetX * l.source.offsetX + l.source.offsetY * l.source.offsetY).squareRoot()
        let radius = lensCentre + 2 * l.thetaE * (1 + 2 * max(abs(l.gamma1), abs(l.gamma2))) + offset
        // 200 cells per side (≈ θ_E/25 each): 4× cheaper than the finder's default and still separating the close
        // image pairs of sources near a fold (checked against lenstronomy's solver in Validation/lens_compare.py).
        return model(l, object: object).imagePositions(sourceX: light.centerX, sourceY: light.centerY, searchRadius: radius,
                                                       gridCells: 200).count
    }
}
