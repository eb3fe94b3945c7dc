/// A convex building block of a placed shape, in pixel coordinates; a shape's coverage is the signed sum of its pieces'.
enum CoveragePiece {
    /// Convex polygon, vertices counter-clockwise.
    case polygon([ShapePoint])
    case ellipse(EllipseCoverage)
    /// Span ≤ 180° or a full annulus.
    case annularSector(AnnularSector)
}

extension PlacedShape {
    /// The shape as signed convex pieces (sign +1 or −1): an outline is the grown shape's pieces minus the shrunk shape's.
    var coveragePieces: [(piece: CoveragePiece, sign: Double)] {
        guard let w = outlineWidth else { return filledPieces(of: geometry).map { ($0, 1) } }
        return filledPieces(of: geometry.offset(by: w / 2)).map { ($0, 1) } + filledPieces(of: geometry.offset(by: -w / 2)).map { ($0, -1) }
    }

    /// Convex pieces of `shape` filled, placed with this shape's centre and rotation.
    private func filledPieces(of shape: ShapeGeometry) -> [CoveragePiece] {
        let frame = ShapeFrame(self)
        switch shape {
        case let .ellipse(a, b):
            return [.ellipse(EllipseCoverage(center: frame.center, semiMajor: a, semiMinor: b, cos: frame.cos, sin: frame.sin))]
        case .rectangle, .lineSegment, .regularPolygon:
            return [.polygon(shape.polygonVertices.map(frame.place))]
        case .starPolygon:
            // Kite k: centre, inner vertex before, outer vertex k, inner vertex after (convex because inner < outer).
            let boundary = shape.polygonVertices.map(frame.place)
            let n = boundary.count
            return stride(from: 0, to: n, by: 2).map { k in
                .polygon([frame.center, boundary[(k + n - 1) % n], boundary[k], boundary[k + 1]])
            }
        case let .ring(inner, outer):
            return [.annularSector(AnnularSector(center: frame.center, innerRadius: inner, outerRadius: outer, startDegrees: 0, endDegrees: 360))]
        case .arc:
            let sector = arcSector!
            return sector.endDegrees - sector.startDegrees >= 360 ? [.annularSector(sector)] : sector.convexPieces.map { .annularSector($0) }
        }
    }
}
