import SkyScene

/// Maps a drawn shape (arcsec, degrees, offset from the stamp centre) to its pixel-unit placement.
public enum GeometricPlacement {
    /// The shape in pixel coordinates of the stamp, shifted by `margin` pixels when drawn into a padded plane.
    public static func placed(_ g: GeometricSpec, offsetX: Double, offsetY: Double, image: ImageGeometry,
                              margin: Int = 0) -> PlacedShape {
        let p = image.pixelScale
        let radius = g["radius"] / p
        let geometry: ShapeGeometry
        switch g.kind {
        case .circle: geometry = .ellipse(semiMajor: radius, semiMinor: radius)
        case .ellipse: geometry = .ellipse(semiMajor: radius, semiMinor: radius * g["axis_ratio"])
        case .rectangle: geometry = .rectangle(width: g["width"] / p, height: g["height"] / p)
        case .polygon: geometry = .regularPolygon(vertices: g.vertices ?? 3, circumradius: radius)
        case .starPolygon:
            geometry = .starPolygon(points: g.vertices ?? 3, outerRadius: radius, innerRadius: radius * g["inner_ratio"])
        case .line: geometry = .lineSegment(length: g["length"] / p, width: g["line_width"] / p)
        case .arc:
            let start = g["start_angle"]
            geometry = .arc(radius: radius, width: g["line_width"] / p, startDegrees: start, endDegrees: start + g["span"])
        case .ring: geometry = .ring(innerRadius: radius * g["inner_ratio"], outerRadius: radius)
        }
        return PlacedShape(geometry: geometry,
                           centerX: Double(image.width - 1) / 2 + offsetX / p + Double(margin),
                           centerY: Double(image.height - 1) / 2 + offsetY / p + Double(margin),
                           rotationDegrees: g.rotation, outlineWidth: g.outlineWidth.map { $0 / p })
    }
}
