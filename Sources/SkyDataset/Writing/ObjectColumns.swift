import SkyRender
import SkyScene

/// The /objects group: one row per object of every sample, extendable because the total is unknown.
final class ObjectColumns {
    private let sample: ColumnBuffer<Int64>
    private let id, group: ColumnBuffer<Int32>
    private let kind: ColumnBuffer<String>
    private let offsetX, offsetY, x, y, flux, magnitude: ColumnBuffer<Double>
    private let sersicN, halfLightRadius, q, beta, g1, g2: ColumnBuffer<Double>
    private let shapes: ShapeColumns
    private let lenses: LensColumns
    private let galaxies: GalaxyColumns
    private let snr: ColumnBuffer<Double>
    private let detection: ColumnBuffer<Int32>
    /// Every buffer, in creation order.
    let all: [any FlushableColumn]

    /// Creates the group's empty extendable datasets; flux and magnitude get `bands` columns.
    init(in root: H5Group, bands: Int) throws {
        let objects = try root.createGroup("objects")
        try objects.setAttribute("description", Codebook.objectsGroup)
        func column<T: H5Element>(_ spec: ColumnSpec, width: Int? = nil) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: objects, rows: nil, width: width)
        }
        sample = try column(Codebook.objectSample)
        id = try column(Codebook.objectID)
        group = try column(Codebook.objectGroup)
        kind = try column(Codebook.objectKind)
        offsetX = try column(Codebook.offsetX)
        offsetY = try column(Codebook.offsetY)
        x = try column(Codebook.pixelX)
        y = try column(Codebook.pixelY)
        flux = try column(Codebook.flux, width: bands)
        magnitude = try column(Codebook.magnitude, width: bands)
        sersicN = try column(Codebook.sersicN)
        halfLightRadius = try column(Codebook.halfLightRadius)
        q = try column(Codebook.axisRatio)
        beta = try column(Codebook.positionAngle)
        g1 = try column(Codebook.g1)
        g2 = try column(Codebook.g2)
        shapes = try ShapeColumns(in: objects)
        lenses = try LensColumns(in: objects, bands: bands)
        galaxies = try GalaxyColumns(in: objects, bands: bands)
        snr = try column(Codebook.snr, width: bands)
        detection = try column(Codebook.detection, width: bands)
        try detection.setAttribute("codes", Codebook.detectionCodes)
        all = [sample, id, group, kind, offsetX, offsetY, x, y, flux, magnitude,
               sersicN, halfLightRadius, q, beta, g1, g2] + shapes.all + lenses.all + galaxies.all + [snr, detection]
    }

    /// Queues one row per object of `spec` (flux and magnitude counts already checked against the bands); `labels`,
    /// one per object, come from rendering (nil: lens labels are computed here, S/N and detection are not known).
    func append(_ spec: SampleSpec, labels: [ObjectLabels]?) {
        let centreX = Double(spec.image.width - 1) / 2
        let centreY = Double(spec.image.height - 1) / 2
        for (k, object) in spec.objects.enumerated() {
            let label = labels?[k]
            sample.append(Int64(spec.index))
            id.append(Int32(object.id))
            group.append(Int32(object.group))
            kind.append(object.shape.kindName)
            offsetX.append(object.offsetX)
            offsetY.append(object.offsetY)
            x.append(centreX + object.offsetX / spec.image.pixelScale)
            y.append(centreY + object.offsetY / spec.image.pixelScale)
            flux.append(row: object.flux)
            magnitude.append(row: object.magnitude)
            switch object.shape {
            case let .sersic(n, radius, axisRatio, angle, shear1, shear2):
                sersicN.append(n)
                halfLightRadius.append(radius)
                q.append(axisRatio)
                beta.append(angle)
                g1.append(shear1)
                g2.append(shear2)
            case .lens(let l):
                let light = l.lensLight
                for (column, value) in zip([sersicN, halfLightRadius, q, beta, g1, g2],
                                           [light?.n, light?.halfLightRadius, light?.q, light?.beta, light?.g1, light?.g2]) {
                    column.append(value ?? .nan)
                }
            case .star, .geometric, .galaxy:  // a galaxy's components are in the bulge_* and disk_* columns
                for column in [sersicN, halfLightRadius, q, beta, g1, g2] { column.append(.nan) }
            }
            shapes.append(object, image: spec.image)
            lenses.append(object, image: spec.image, labels: label)
            galaxies.append(object)
            snr.append(row: label?.snr ?? object.flux.map { _ in .nan })
            detection.append(row: label?.detection ?? object.flux.map { _ in DetectionCode.notComputed.rawValue })
        }
    }
}
