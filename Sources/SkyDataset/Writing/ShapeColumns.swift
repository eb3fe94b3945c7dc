import SkyRender
import SkyScene

/// The geometric-shape columns of /objects: every drawn parameter, area and bounding box (NaN, or 0 for counts,
/// where an object is not a shape or its kind lacks the parameter).
final class ShapeColumns {
    private let parameters: [(name: String, column: ColumnBuffer<Double>)]
    private let vertices, convolved: ColumnBuffer<Int32>
    private let rotation, outlineWidth, area, boundingBox: ColumnBuffer<Double>
    /// Every buffer, in creation order.
    let all: [any FlushableColumn]

    /// Scene parameter names with their units and descriptions, in column order.
    static let parameterSpecs: [ColumnSpec] = [
        ColumnSpec(name: "radius", units: "arcsec", description: "Shape radius: circle radius, ellipse semi-major axis, polygon and star polygon circumradius (outer vertices), arc radius (centre of the stroke), ring outer radius; NaN otherwise"),
        ColumnSpec(name: "axis_ratio", units: "", description: "Ellipse axis ratio b/a; NaN otherwise"),
        ColumnSpec(name: "width", units: "arcsec", description: "Rectangle width (along its rotated x axis); NaN otherwise"),
        ColumnSpec(name: "height", units: "arcsec", description: "Rectangle height; NaN otherwise"),
        ColumnSpec(name: "length", units: "arcsec", description: "Line segment length (butt caps); NaN otherwise"),
        ColumnSpec(name: "line_width", units: "arcsec", description: "Stroke width of a line segment or arc; NaN otherwise"),
        ColumnSpec(name: "inner_ratio", units: "", description: "Star polygon inner/outer vertex radius, ring inner/outer radius; NaN otherwise"),
        ColumnSpec(name: "start_angle", units: "deg", description: "Arc start angle counter-clockwise from the shape's rotated +x axis; NaN otherwise"),
        ColumnSpec(name: "span", units: "deg", description: "Arc angular extent counter-clockwise from start_angle; NaN otherwise"),
    ]
    static let verticesSpec = ColumnSpec(name: "vertices", units: "", description: "Polygon vertices or star polygon points; 0 otherwise")
    static let rotationSpec = ColumnSpec(name: "rotation", units: "deg", description: "Shape rotation counter-clockwise from +x; NaN for Sersic galaxies and stars")
    static let outlineSpec = ColumnSpec(name: "outline_width", units: "arcsec", description: "Outline width (shape grown by half minus shape shrunk by half); NaN when filled or not a shape")
    static let convolvedSpec = ColumnSpec(name: "psf_convolved", units: "", description: "1 when the band PSF blurs the object (always for Sersic galaxies and stars), 0 for shapes drawn without PSF")
    static let areaSpec = ColumnSpec(name: "area", units: "arcsec^2", description: "Exact area of the shape's drawn region before PSF (flux = surface brightness x area); NaN for Sersic galaxies and stars")
    static let boundingBoxSpec = ColumnSpec(name: "bbox", units: "pixel", description: "Bounding box of the shape's drawn region before PSF [object, (x_min, y_min, x_max, y_max)] in pixel coordinates (pixel centres are integers); NaN for Sersic galaxies and stars")

    init(in objects: H5Group) throws {
        func column<T: H5Element>(_ spec: ColumnSpec, width: Int? = nil) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: objects, rows: nil, width: width)
        }
        parameters = try Self.parameterSpecs.map { ($0.name, try column($0)) }
        vertices = try column(Self.verticesSpec)
        rotation = try column(Self.rotationSpec)
        outlineWidth = try column(Self.outlineSpec)
        convolved = try column(Self.convolvedSpec)
        area = try column(Self.areaSpec)
        boundingBox = try column(Self.boundingBoxSpec, width: 4)
        all = parameters.map(\.column) + [vertices, rotation, outlineWidth, convolved, area, boundingBox]
    }

    /// Queues the row of one object.
    func append(_ object: ObjectSpec, image: ImageGeometry) {
        guard case .geometric(let g) = object.shape else {
            for (_, column) in parameters { column.append(.nan) }
            vertices.append(0)
            for column in [rotation, outlineWidth, area] { column.append(.nan) }
            convolved.append(1)
            boundingBox.append(row: [.nan, .nan, .nan, .nan])
            return
        }
        for (name, column) in parameters { column.append(g[name]) }
        vertices.append(Int32(g.vertices ?? 0))
        rotation.append(g.rotation)
        outlineWidth.append(g.outlineWidth ?? .nan)
        convolved.append(g.convolved ? 1 : 0)
        let placed = GeometricPlacement.placed(g, offsetX: object.offsetX, offsetY: object.offsetY, image: image)
        area.append(placed.area * image.pixelScale * image.pixelScale)
        let box = placed.boundingBox
        boundingBox.append(row: [box.xMin, box.yMin, box.xMax, box.yMax])
    }
}
