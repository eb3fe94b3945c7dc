/// A shape placed in an image: pixel-unit centre (pixel (i,j) has its centre at (i,j)), rotation counter-clockwise in degrees, and optional outline width.
public struct PlacedShape: Sendable, Equatable {
    /// Geometry in the shape's own frame (pixels).
    public var geometry: ShapeGeometry
    /// Centre x in pixel coordinates (column).
    public var centerX: Double
    /// Centre y in pixel coordinates (row).
    public var centerY: Double
    /// Counter-clockwise rotation about the centre in degrees.
    public var rotationDegrees: Double
    /// nil: filled. Otherwise an outline of this width (pixels): the shape grown by w/2 minus the shape shrunk by w/2,
    /// edges moved parallel (mitred) for polygons, semi-axes ±w/2 for ellipses, radii ±w/2 for rings;
    /// for line segments and arcs (already strokes) outline is not allowed.
    public var outlineWidth: Double?

    /// Places `geometry` with its centre at (centerX, centerY) pixels, rotated counter-clockwise by rotationDegrees.
    public init(geometry: ShapeGeometry, centerX: Double, centerY: Double, rotationDegrees: Double = 0, outlineWidth: Double? = nil) {
        self.geometry = geometry
        self.centerX = centerX
        self.centerY = centerY
        self.rotationDegrees = rotationDegrees
        self.outlineWidth = outlineWidth
    }
}
