import Foundation
import XCTest
@testable import SkyRender

/// Independent reference geometry for the shape tests: point-in-shape predicates, vertex lists, mitred offsets and
/// polygon clipping written from the definitions, sharing no code with the coverage implementation.
private enum Reference {
    typealias Point = (x: Double, y: Double)

    /// Counter-clockwise boundary of a polygonal geometry in its own frame; nil for curved kinds.
    static func vertices(_ g: ShapeGeometry) -> [Point]? {
        switch g {
        case let .rectangle(w, h), let .lineSegment(w, h):
            return [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
        case let .regularPolygon(n, r):
            return (0..<n).map { k in (r * cos(2 * .pi * Double(k) / Double(n)), r * sin(2 * .pi * Double(k) / Double(n))) }
        case let .starPolygon(p, outer, inner):
            return (0..<(2 * p)).map { k in
                let radius = k % 2 == 0 ? outer : inner
                let angle = Double.pi * Double(k) / Double(p)
                return (radius * cos(angle), radius * sin(angle))
            }
        default:
            return nil
        }
    }

    /// Polygon whose edges are those of `v` (counter-clockwise) moved outward by d along their normals (mitred corners).
    static func offset(_ v: [Point], by d: Double) -> [Point] {
        let n = v.count
        let lines: [(nx: Double, ny: Double, c: Double)] = (0..<n).map { k in
            let a = v[k], b = v[(k + 1) % n]
            let length = hypot(b.x - a.x, b.y - a.y)
            let nx = (b.y - a.y) / length, ny = -(b.x - a.x) / length
            return (nx, ny, nx * a.x + ny * a.y + d)
        }
        return (0..<n).map { k in
            let l1 = lines[(k + n - 1) % n], l2 = lines[k]
            let det = l1.nx * l2.ny - l1.ny * l2.nx
            return ((l1.c * l2.ny - l1.ny * l2.c) / det, (l1.nx * l2.c - l1.c * l2.nx) / det)
        }
    }

    static func shoelace(_ v: [Point]) -> Double {
        var sum = 0.0
        for k in v.indices {
            let a = v[k], b = v[(k + 1) % v.count]
            sum += a.x * b.y - a.y * b.x
        }
        return sum / 2
    }

    /// Crossing-number point-in-polygon test (any simple polygon).
    static func inside(_ v: [Point], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = v.count - 1
        for i in v.indices {
            let a = v[i], b = v[j]
            if (a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// Vertices placed in the image (rotate counter-clockwise, translate).
    static func place(_ v: [Point], _ s: PlacedShape) -> [Point] {
        let t = s.rotationDegrees * .pi / 180
        return v.map { (s.centerX + cos(t) * $0.x - sin(t) * $0.y, s.centerY + sin(t) * $0.x + cos(t) * $0.y) }
    }

    /// Image-coordinate outline regions (outer, optional inner hole) of a polygonal shape.
    static func placedPolygons(_ s: PlacedShape) -> (outer: [Point], hole: [Point]?)? {
        guard let v = vertices(s.geometry) else { return nil }
        guard let w = s.outlineWidth else { return (place(v, s), nil) }
        return (place(offset(v, by: w / 2), s), place(offset(v, by: -w / 2), s))
    }

    /// Point-in-shape predicate in image pixel coordinates, from the geometric definitions.
    static func predicate(_ s: PlacedShape) -> (Double, Double) -> Bool {
        if let (outer, hole) = placedPolygons(s) {
            return { x, y in inside(outer, x, y) && !(hole.map { inside($0, x, y) } ?? false) }
        }
        let t = s.rotationDegrees * .pi / 180, c = cos(t), sn = sin(t)
        let d = (s.outlineWidth ?? 0) / 2
        let local = { (x: Double, y: Double) -> Point in
            let dx = x - s.centerX, dy = y - s.centerY
            return (c * dx + sn * dy, -sn * dx + c * dy)
        }
        switch s.geometry {
        case let .ellipse(a, b):
            func inEllipse(_ p: Point, _ a: Double, _ b: Double) -> Bool { (p.x / a) * (p.x / a) + (p.y / b) * (p.y / b) <= 1 }
            if s.outlineWidth == nil { return { x, y in inEllipse(local(x, y), a, b) } }
            return { x, y in let p = local(x, y); return inEllipse(p, a + d, b + d) && !inEllipse(p, a - d, b - d) }
        case let .ring(r, R):
            return { x, y in
                let rho = hypot(x - s.centerX, y - s.centerY)
                return s.outlineWidth == nil ? (rho >= r && rho <= R) : (abs(rho - r) <= d || abs(rho - R) <= d)
            }
        case let .arc(radius, width, start, end):
            let span = end >= start ? end - start : end - start + 360
            return { x, y in
                let p = local(x, y)
                let rho = hypot(p.x, p.y)
                guard abs(rho - radius) <= width / 2 else { return false }
                var angle = (atan2(p.y, p.x) * 180 / .pi - start).truncatingRemainder(dividingBy: 360)
                if angle < 0 { angle += 360 }
                return angle <= span
            }
        default:
            fatalError("polygonal kinds handled above")
        }
    }

    /// Area estimate by counting midpoints of an n×n grid over [x0, x1]×[y0, y1] inside the predicate.
    static func sampledArea(_ inside: (Double, Double) -> Bool, x0: Double, y0: Double, x1: Double, y1: Double, n: Int) -> Double {
        let hx = (x1 - x0) / Double(n), hy = (y1 - y0) / Double(n)
        var hits = 0
        for a in 0..<n {
            let y = y0 + (Double(a) + 0.5) * hy
            for b in 0..<n where inside(x0 + (Double(b) + 0.5) * hx, y) { hits += 1 }
        }
        return Double(hits) * hx * hy
    }

    /// Sutherland–Hodgman clip of any simple polygon to an axis-aligned rectangle.
    static func clip(_ polygon: [Point], x0: Double, y0: Double, x1: Double, y1: Double) -> [Point] {
        var out = polygon
        let planes: [(Point) -> Double] = [{ $0.x - x0 }, { x1 - $0.x }, { $0.y - y0 }, { y1 - $0.y }]
        for margin in planes where !out.isEmpty {
            let input = out
            out = []
            for k in input.indices {
                let p = input[(k + input.count - 1) % input.count], q = input[k]
                let mp = margin(p), mq = margin(q)
                if (mp >= 0) != (mq >= 0) {
                    let t = mp / (mp - mq)
                    out.append((p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)))
                }
                if mq >= 0 { out.append(q) }
            }
        }
        return out
    }

    /// Area of the disk (cx, cy, r) inside [x0, x1]×[y0, y1], by integrating clipped chord lengths over x = cx + r sin φ (midpoint rule).
    static func diskInRectangle(cx: Double, cy: Double, r: Double, x0: Double, y0: Double, x1: Double, y1: Double) -> Double {
        let phi0 = asin(max(-1, min(1, (x0 - cx) / r))), phi1 = asin(max(-1, min(1, (x1 - cx) / r)))
        let n = 400_000
        let h = (phi1 - phi0) / Double(n)
        var sum = 0.0
        for k in 0..<n {
            let phi = phi0 + (Double(k) + 0.5) * h
            let half = r * cos(phi)
            let length = max(0, min(cy + half, y1) - max(cy - half, y0))
            sum += length * r * cos(phi)
        }
        return sum * h
    }
}

final class ShapeCoverageTests: XCTestCase {
    private func render(_ shape: PlacedShape, width: Int, height: Int, weight: Double = 1) -> [Double] {
        XCTAssertNil(shape.validationProblem(), "\(shape)")
        var image = [Double](repeating: 0, count: width * height)
        shape.addCoverage(into: &image, width: width, height: height, weight: weight)
        return image
    }

    /// Shapes of every kind at a characteristic size s (pixels).
    private func geometries(size s: Double) -> [ShapeGeometry] {
        [.ellipse(semiMajor: s, semiMinor: 0.6 * s), .ellipse(semiMajor: s, semiMinor: s),
         .rectangle(width: 1.7 * s, height: s), .lineSegment(length: 2 * s, width: 0.3 * s),
         .regularPolygon(vertices: 3, circumradius: s), .regularPolygon(vertices: 7, circumradius: s),
         .starPolygon(points: 5, outerRadius: s, innerRadius: 0.45 * s), .starPolygon(points: 4, outerRadius: s, innerRadius: 0.8 * s),
         .arc(radius: s, width: 0.4 * s, startDegrees: 30, endDegrees: 250), .arc(radius: s, width: 0.3 * s, startDegrees: 300, endDegrees: 40),
         .arc(radius: s, width: 0.3 * s, startDegrees: 10, endDegrees: 370), .ring(innerRadius: 0.5 * s, outerRadius: s)]
    }

    /// Filled and (where allowed) outlined variants of every kind, over sizes, sub-pixel centres and rotations.
    private func shapeGrid(centres: [(Double, Double)], sizes: [Double], rotations: [Double]) -> [PlacedShape] {
        var shapes: [PlacedShape] = []
        for s in sizes {
            for g in geometries(size: s) {
                for (cx, cy) in centres {
                    for rotation in rotations {
                        shapes.append(PlacedShape(geometry: g, centerX: cx, centerY: cy, rotationDegrees: rotation))
                        if !g.isStroke {
                            shapes.append(PlacedShape(geometry: g, centerX: cx, centerY: cy, rotationDegrees: rotation, outlineWidth: 0.2 * s))
                        }
                    }
                }
            }
        }
        return shapes
    }

    // MARK: Area formula

    func testAreaFormulaMatchesIndependentValues() {
        for s in [0.15, 1.3, 6.2, 19.7] {
            for g in geometries(size: s) {
                for outline in [nil, 0.2 * s] where outline == nil || !g.isStroke {
                    let shape = PlacedShape(geometry: g, centerX: 3, centerY: -2, rotationDegrees: 33, outlineWidth: outline)
                    let d = (outline ?? 0) / 2
                    let expected: Double
                    switch g {
                    case let .ellipse(a, b):
                        expected = outline == nil ? Double.pi * a * b : Double.pi * ((a + d) * (b + d) - (a - d) * (b - d))
                    case let .ring(r, R):
                        expected = outline == nil ? Double.pi * (R * R - r * r) : Double.pi * 8 * d * (R + r) / 2
                    case let .arc(radius, width, start, end):
                        let span = (end >= start ? end - start : end - start + 360) * .pi / 180
                        expected = span / 2 * (pow(radius + width / 2, 2) - pow(radius - width / 2, 2))
                    default:
                        let v = Reference.vertices(g)!
                        expected = outline == nil ? Reference.shoelace(v) : Reference.shoelace(Reference.offset(v, by: d)) - Reference.shoelace(Reference.offset(v, by: -d))
                    }
                    XCTAssertEqual(shape.area, expected, accuracy: 1e-12 * expected, "\(shape)")
                }
            }
        }
    }

    func testAreaFormulaMatchesPointSampling() {
        let shapes = [
            PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 10, innerRadius: 4), centerX: 0, centerY: 0, rotationDegrees: 12, outlineWidth: 1.5),
            PlacedShape(geometry: .arc(radius: 8, width: 3, startDegrees: 200, endDegrees: 75), centerX: 0, centerY: 0, rotationDegrees: 40),
            PlacedShape(geometry: .ellipse(semiMajor: 9, semiMinor: 4), centerX: 0, centerY: 0, rotationDegrees: 25, outlineWidth: 2),
        ]
        for shape in shapes {
            let box = shape.boundingBox
            let sampled = Reference.sampledArea(Reference.predicate(shape), x0: box.xMin, y0: box.yMin, x1: box.xMax, y1: box.yMax, n: 2000)
            XCTAssertEqual(sampled, shape.area, accuracy: 1e-3 * shape.area, "\(shape)")
        }
    }

    /// The star outline offsets (R ± d·g/r, r ± d·g/R) are the star with every edge moved parallel by d.
    func testStarAndPolygonOffsetsMoveEdgesParallel() {
        for (p, outer, inner) in [(5, 10.0, 4.0), (3, 6.0, 1.0), (8, 5.0, 4.7)] {
            let star = ShapeGeometry.starPolygon(points: p, outerRadius: outer, innerRadius: inner)
            for d in [0.7, -0.7, 0.05] {
                let expected = Reference.offset(Reference.vertices(star)!, by: d)
                let actual = Reference.vertices(star.offset(by: d))!
                for (a, b) in zip(actual, expected) {
                    XCTAssertEqual(a.x, b.x, accuracy: 1e-12); XCTAssertEqual(a.y, b.y, accuracy: 1e-12)
                }
            }
        }
        let hexagon = ShapeGeometry.regularPolygon(vertices: 6, circumradius: 5)
        let grown = Reference.offset(Reference.vertices(hexagon)!, by: 0.4)
        for (a, b) in zip(Reference.vertices(hexagon.offset(by: 0.4))!, grown) {
            XCTAssertEqual(a.x, b.x, accuracy: 1e-12); XCTAssertEqual(a.y, b.y, accuracy: 1e-12)
        }
    }

    // MARK: Coverage sums and bounds

    func testCoverageSumEqualsAreaForEveryKind() {
        let centres = [(39.5, 39.5), (40.0, 40.0), (39.73, 38.19), (33.5, 45.25)]
        let shapes = shapeGrid(centres: centres, sizes: [0.15, 1.3, 6.2, 19.7], rotations: [0, 90, 17.3, -141])
        var checked = 0
        for shape in shapes {
            let box = shape.boundingBox
            XCTAssert(box.xMin > -0.5 && box.yMin > -0.5 && box.xMax < 79.5 && box.yMax < 79.5, "\(shape) should fit the grid")
            let image = render(shape, width: 80, height: 80)
            let sum = image.reduce(0, +)
            XCTAssertEqual(sum, shape.area, accuracy: 1e-9 * shape.area, "\(shape)")
            checked += 1
        }
        XCTAssertEqual(checked, 4 * 4 * 4 * (12 + 8))
    }

    func testPixelValuesLieBetweenZeroAndWeight() {
        let weight = 2.5
        let shapes = shapeGrid(centres: [(15.5, 15.5), (16.21, 15.07)], sizes: [0.4, 3.1, 9.3], rotations: [0, 45, 101.7])
        for shape in shapes {
            let image = render(shape, width: 32, height: 32, weight: weight)
            XCTAssert(image.allSatisfy { $0 >= 0 && $0 <= weight }, "\(shape): \(image.min()!) … \(image.max()!)")
        }
        // Pixels well inside a filled shape get exactly the full weight.
        let disk = render(PlacedShape(geometry: .ellipse(semiMajor: 9, semiMinor: 9), centerX: 15.3, centerY: 16.1), width: 32, height: 32, weight: weight)
        XCTAssertEqual(disk[16 * 32 + 15], weight)
        XCTAssertEqual(disk[10 * 32 + 13], weight)
    }

    func testTinyShapeInsideOnePixelPutsItsWholeAreaThere() {
        for g in geometries(size: 0.15) {
            let shape = PlacedShape(geometry: g, centerX: 4.1, centerY: 2.87, rotationDegrees: 21)
            let image = render(shape, width: 8, height: 5)
            XCTAssertEqual(image[3 * 8 + 4], shape.area, accuracy: 1e-14 * shape.area, "\(shape)")
            XCTAssertEqual(image.reduce(0, +), image[3 * 8 + 4], "\(shape)")
        }
    }

    // MARK: Per-pixel exactness

    func testPixelValuesMatchSupersampling() {
        let shapes = [
            PlacedShape(geometry: .ellipse(semiMajor: 4.3, semiMinor: 2.2), centerX: 6.37, centerY: 5.21, rotationDegrees: 31),
            PlacedShape(geometry: .ellipse(semiMajor: 4.1, semiMinor: 3.0), centerX: 5.77, centerY: 6.09, rotationDegrees: -12, outlineWidth: 1.1),
            PlacedShape(geometry: .ring(innerRadius: 2.3, outerRadius: 4.6), centerX: 6.13, centerY: 5.62),
            PlacedShape(geometry: .arc(radius: 3.9, width: 1.3, startDegrees: 160, endDegrees: 70), centerX: 5.91, centerY: 6.33, rotationDegrees: 8),
            PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 4.8, innerRadius: 2.1), centerX: 6.04, centerY: 5.83, rotationDegrees: 7, outlineWidth: 0.9),
        ]
        let n = 256
        for shape in shapes {
            let image = render(shape, width: 12, height: 12)
            let inside = Reference.predicate(shape)
            for j in 0..<12 {
                for i in 0..<12 {
                    let x0 = Double(i) - 0.5, y0 = Double(j) - 0.5
                    let sampled = Reference.sampledArea(inside, x0: x0, y0: y0, x1: x0 + 1, y1: y0 + 1, n: n)
                    XCTAssertEqual(image[j * 12 + i], sampled, accuracy: 1e-3, "\(shape) pixel (\(i), \(j))")
                }
            }
        }
    }

    // MARK: Symmetry

    func testCentroidOfCentrallySymmetricShapesIsTheCentre() {
        let geometries: [ShapeGeometry] = [
            .ellipse(semiMajor: 7.3, semiMinor: 3.1), .rectangle(width: 11.2, height: 4.3), .lineSegment(length: 14, width: 1.3),
            .regularPolygon(vertices: 6, circumradius: 6.6), .starPolygon(points: 6, outerRadius: 8, innerRadius: 3.3),
            .ring(innerRadius: 3.2, outerRadius: 7.9), .arc(radius: 6, width: 2, startDegrees: 40, endDegrees: 400),
        ]
        for g in geometries {
            for (cx, cy) in [(15.5, 15.5), (16.0, 14.5)] {
                for rotation in [0.0, 27.4, 90, 133] {
                    for outline in [nil, 1.0] where outline == nil || !g.isStroke {
                        let shape = PlacedShape(geometry: g, centerX: cx, centerY: cy, rotationDegrees: rotation, outlineWidth: outline)
                        let image = render(shape, width: 32, height: 32)
                        var sum = 0.0, sx = 0.0, sy = 0.0
                        for j in 0..<32 { for i in 0..<32 { let v = image[j * 32 + i]; sum += v; sx += v * Double(i); sy += v * Double(j) } }
                        XCTAssertEqual(sx / sum, cx, accuracy: 1e-9, "\(shape)")
                        XCTAssertEqual(sy / sum, cy, accuracy: 1e-9, "\(shape)")
                    }
                }
            }
        }
    }

    func testRectangleRotatedByNinetyDegreesIsTheTransposedImage() {
        for (rotation, outline) in [(0.0, nil), (23.0, nil), (0.0, 1.2), (-61.0, 0.8)] as [(Double, Double?)] {
            let a = render(PlacedShape(geometry: .rectangle(width: 9.3, height: 4.1), centerX: 10.37, centerY: 7.8, rotationDegrees: rotation,
                                       outlineWidth: outline), width: 24, height: 20)
            let b = render(PlacedShape(geometry: .rectangle(width: 9.3, height: 4.1), centerX: 7.8, centerY: 10.37, rotationDegrees: 90 - rotation,
                                       outlineWidth: outline), width: 20, height: 24)
            XCTAssertGreaterThan(a.reduce(0, +), 1)
            for j in 0..<20 {
                for i in 0..<24 { XCTAssertEqual(a[j * 24 + i], b[i * 20 + j], accuracy: 1e-12, "rotation \(rotation) pixel (\(i), \(j))") }
            }
        }
    }

    /// Shapes symmetric about their local x-axis, centred on a pixel row or row boundary, give row-mirrored images.
    func testMirrorSymmetryAboutTheHorizontalAxis() {
        let geometries: [ShapeGeometry] = [
            .ellipse(semiMajor: 6.2, semiMinor: 2.9), .regularPolygon(vertices: 5, circumradius: 6),
            .starPolygon(points: 7, outerRadius: 7, innerRadius: 2.5), .arc(radius: 5.5, width: 1.7, startDegrees: -50, endDegrees: 50),
            .arc(radius: 5.5, width: 1.7, startDegrees: 110, endDegrees: 250),
        ]
        for g in geometries {
            for cy in [10.0, 10.5] {
                for outline in [nil, 0.9] where outline == nil || !g.isStroke {
                    let image = render(PlacedShape(geometry: g, centerX: 9.37, centerY: cy, outlineWidth: outline), width: 20, height: 22)
                    XCTAssertGreaterThan(image.reduce(0, +), 1)
                    for j in 0..<22 {
                        let mirrored = Int(2 * cy) - j
                        for i in 0..<20 {
                            let other = (0..<22).contains(mirrored) ? image[mirrored * 20 + i] : 0
                            XCTAssertEqual(image[j * 20 + i], other, accuracy: 1e-12, "\(g) cy \(cy) pixel (\(i), \(j))")
                        }
                    }
                }
            }
        }
    }

    // MARK: Partly outside the grid

    func testPartlyOutsideSumsToAreaInsideTheGrid() {
        let (w, h) = (20, 16)
        let polygonShapes = [
            PlacedShape(geometry: .rectangle(width: 14, height: 6), centerX: 1.3, centerY: 7.2, rotationDegrees: 31),
            PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 9, innerRadius: 3.5), centerX: 17.6, centerY: 13.1, rotationDegrees: 11),
            PlacedShape(geometry: .lineSegment(length: 40, width: 2.2), centerX: 9.7, centerY: 8.1, rotationDegrees: 17),
            PlacedShape(geometry: .regularPolygon(vertices: 9, circumradius: 30), centerX: 9.2, centerY: 7.9, rotationDegrees: 3),
        ]
        for shape in polygonShapes {
            let v = Reference.place(Reference.vertices(shape.geometry)!, shape)
            let expected = Reference.shoelace(Reference.clip(v, x0: -0.5, y0: -0.5, x1: Double(w) - 0.5, y1: Double(h) - 0.5))
            XCTAssertLessThan(expected, shape.area - 1)
            XCTAssertEqual(render(shape, width: w, height: h).reduce(0, +), expected, accuracy: 1e-9 * expected, "\(shape)")
        }
        for (cx, cy, r, inner) in [(2.3, 3.1, 6.4, 0.0), (18.2, 9.3, 5.1, 2.2), (10.1, 7.4, 13.0, 8.7)] {
            func disk(_ radius: Double) -> Double {
                Reference.diskInRectangle(cx: cx, cy: cy, r: radius, x0: -0.5, y0: -0.5, x1: Double(w) - 0.5, y1: Double(h) - 0.5)
            }
            let shape = inner == 0 ? PlacedShape(geometry: .ellipse(semiMajor: r, semiMinor: r), centerX: cx, centerY: cy, rotationDegrees: 14)
                : PlacedShape(geometry: .ring(innerRadius: inner, outerRadius: r), centerX: cx, centerY: cy)
            let expected = disk(r) - (inner == 0 ? 0 : disk(inner))
            XCTAssertLessThan(expected, shape.area - 1)
            XCTAssertEqual(render(shape, width: w, height: h).reduce(0, +), expected, accuracy: 1e-7 * expected, "\(shape)")
        }
        let arc = PlacedShape(geometry: .arc(radius: 9, width: 2.5, startDegrees: 250, endDegrees: 170), centerX: 4.2, centerY: 12.6, rotationDegrees: 5)
        let sampled = Reference.sampledArea(Reference.predicate(arc), x0: -0.5, y0: -0.5, x1: Double(w) - 0.5, y1: Double(h) - 0.5, n: 2000)
        XCTAssertLessThan(sampled, arc.area - 1)
        XCTAssertEqual(render(arc, width: w, height: h).reduce(0, +), sampled, accuracy: 2e-3 * sampled)
    }

    func testShapeOutsideTheGridAddsNothing() {
        let image = render(PlacedShape(geometry: .ellipse(semiMajor: 3, semiMinor: 2), centerX: -4, centerY: 5), width: 10, height: 10)
        XCTAssertEqual(image, [Double](repeating: 0, count: 100))
        var existing = [Double](repeating: 7, count: 12)
        PlacedShape(geometry: .ring(innerRadius: 1, outerRadius: 2), centerX: 30, centerY: -30).addCoverage(into: &existing, width: 4, height: 3, weight: 1)
        XCTAssertEqual(existing, [Double](repeating: 7, count: 12))
    }

    // MARK: Validation

    func testValidationRejectsBadParameters() {
        let bad: [(PlacedShape, String)] = [
            (PlacedShape(geometry: .regularPolygon(vertices: 2, circumradius: 3), centerX: 0, centerY: 0), "vertices"),
            (PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 3, innerRadius: 3), centerX: 0, centerY: 0), "innerRadius"),
            (PlacedShape(geometry: .starPolygon(points: 2, outerRadius: 3, innerRadius: 1), centerX: 0, centerY: 0), "points"),
            (PlacedShape(geometry: .ring(innerRadius: 4, outerRadius: 2), centerX: 0, centerY: 0), "innerRadius"),
            (PlacedShape(geometry: .ring(innerRadius: 0, outerRadius: 2), centerX: 0, centerY: 0), "innerRadius"),
            (PlacedShape(geometry: .ellipse(semiMajor: 0, semiMinor: 0), centerX: 0, centerY: 0), "semiMajor"),
            (PlacedShape(geometry: .ellipse(semiMajor: 2, semiMinor: 3), centerX: 0, centerY: 0), "semiMinor"),
            (PlacedShape(geometry: .rectangle(width: -1, height: 2), centerX: 0, centerY: 0), "width"),
            (PlacedShape(geometry: .lineSegment(length: 5, width: 0), centerX: 0, centerY: 0), "width"),
            (PlacedShape(geometry: .arc(radius: 3, width: 7, startDegrees: 0, endDegrees: 90), centerX: 0, centerY: 0), "width"),
            (PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: 40, endDegrees: 40), centerX: 0, centerY: 0), "span"),
            (PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: 0, endDegrees: 400), centerX: 0, centerY: 0), "span"),
            (PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: .nan, endDegrees: 40), centerX: 0, centerY: 0), "startDegrees"),
            (PlacedShape(geometry: .rectangle(width: 4, height: 2), centerX: 0, centerY: 0, outlineWidth: 2), "outlineWidth"),
            (PlacedShape(geometry: .ellipse(semiMajor: 4, semiMinor: 2), centerX: 0, centerY: 0, outlineWidth: 4.5), "outlineWidth"),
            (PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 10, innerRadius: 4), centerX: 0, centerY: 0, outlineWidth: 6.6), "outlineWidth"),
            (PlacedShape(geometry: .ring(innerRadius: 2, outerRadius: 3), centerX: 0, centerY: 0, outlineWidth: 1), "outlineWidth"),
            (PlacedShape(geometry: .rectangle(width: 4, height: 2), centerX: 0, centerY: 0, outlineWidth: 0), "outlineWidth"),
            (PlacedShape(geometry: .lineSegment(length: 5, width: 1), centerX: 0, centerY: 0, outlineWidth: 0.2), "outlineWidth"),
            (PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: 0, endDegrees: 90), centerX: 0, centerY: 0, outlineWidth: 0.2), "outlineWidth"),
            (PlacedShape(geometry: .ellipse(semiMajor: .infinity, semiMinor: 1), centerX: 0, centerY: 0), "semiMajor"),
            (PlacedShape(geometry: .ellipse(semiMajor: 2, semiMinor: 1), centerX: .nan, centerY: 0), "centerX"),
            (PlacedShape(geometry: .ellipse(semiMajor: 2, semiMinor: 1), centerX: 0, centerY: 0, rotationDegrees: .infinity), "rotationDegrees"),
            (PlacedShape(geometry: .rectangle(width: 4, height: 3), centerX: 0, centerY: 0, outlineWidth: .nan), "outlineWidth"),
        ]
        for (shape, parameter) in bad {
            let message = shape.validationProblem()
            XCTAssertNotNil(message, "\(shape)")
            XCTAssert(message?.contains(parameter) ?? false, "\(message ?? "nil") should name \(parameter)")
            XCTAssertFalse(message?.contains("\n") ?? true)
        }
        let good = [
            PlacedShape(geometry: .starPolygon(points: 5, outerRadius: 10, innerRadius: 4), centerX: 0, centerY: 0, outlineWidth: 6.5),
            PlacedShape(geometry: .ring(innerRadius: 2, outerRadius: 3), centerX: 0, centerY: 0, outlineWidth: 0.99),
            PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: 0, endDegrees: 360), centerX: 0, centerY: 0),
            PlacedShape(geometry: .arc(radius: 3, width: 1, startDegrees: 350, endDegrees: 10), centerX: 0, centerY: 0, rotationDegrees: -720),
        ]
        for shape in good { XCTAssertNil(shape.validationProblem(), "\(shape)") }
    }
}
