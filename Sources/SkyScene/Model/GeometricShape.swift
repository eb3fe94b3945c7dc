/// The geometric shape kinds; the raw value is the scene file's `type:` and the label's `kind`.
public enum GeometricKind: String, Sendable, Codable, CaseIterable {
    case circle, ellipse, rectangle, polygon, line, arc, ring
    case starPolygon = "star_polygon"

    /// Size parameters the kind requires (scene names; arcsec, except ratios (unitless) and angles (degrees)).
    public var requiredParameters: [String] {
        switch self {
        case .circle: return ["radius"]
        case .ellipse: return ["radius", "axis_ratio"]
        case .rectangle: return ["width", "height"]
        case .polygon: return ["radius"]
        case .starPolygon: return ["radius", "inner_ratio"]
        case .line: return ["length", "line_width"]
        case .arc: return ["radius", "line_width", "span"]
        case .ring: return ["radius", "inner_ratio"]
        }
    }

    /// Parameters with a default: an arc's start angle (0°).
    public var optionalParameters: [String] { self == .arc ? ["start_angle"] : [] }

    /// Polygons and star polygons draw their vertex (point) count.
    public var takesVertices: Bool { self == .polygon || self == .starPolygon }

    /// Lines and arcs are strokes already: they take no outline.
    public var takesOutline: Bool { self != .line && self != .arc }
}

/// A geometric shape's parameter distributions.
public struct GeometricDescription: Sendable, Equatable, Codable {
    public var kind: GeometricKind
    /// Size parameters by scene name (see `GeometricKind.requiredParameters`).
    public var parameters: [String: Distribution]
    /// Vertices of a polygon or points of a star polygon (≥ 3).
    public var vertices: CountDistribution?
    /// Rotation counter-clockwise, degrees.
    public var rotation: Distribution
    /// Outline width in arcsec; nil draws the shape filled.
    public var outline: Distribution?
    /// Whether the band's PSF blurs the shape.
    public var convolved: Bool
    public var offset: OffsetDescription
    public var brightness: Brightness

    public init(kind: GeometricKind, parameters: [String: Distribution], vertices: CountDistribution?, rotation: Distribution,
                outline: Distribution?, convolved: Bool, offset: OffsetDescription, brightness: Brightness) {
        self.kind = kind
        self.parameters = parameters
        self.vertices = vertices
        self.rotation = rotation
        self.outline = outline
        self.convolved = convolved
        self.offset = offset
        self.brightness = brightness
    }
}

/// One drawn geometric shape (its position and brightness live in `ObjectSpec`).
public struct GeometricSpec: Sendable, Equatable, Codable {
    public var kind: GeometricKind
    /// Drawn size parameters by scene name: arcsec, except ratios (unitless) and angles (degrees).
    public var parameters: [String: Double]
    /// Vertices (polygon) or points (star polygon).
    public var vertices: Int?
    /// Rotation counter-clockwise, degrees.
    public var rotation: Double
    /// Outline width in arcsec; nil when filled.
    public var outlineWidth: Double?
    /// Whether the band's PSF blurs the shape.
    public var convolved: Bool

    public init(kind: GeometricKind, parameters: [String: Double], vertices: Int?, rotation: Double, outlineWidth: Double?,
                convolved: Bool) {
        self.kind = kind
        self.parameters = parameters
        self.vertices = vertices
        self.rotation = rotation
        self.outlineWidth = outlineWidth
        self.convolved = convolved
    }

    /// A drawn parameter (NaN when the kind lacks it).
    public subscript(_ name: String) -> Double { parameters[name] ?? .nan }
}
