extension PlacedShape {
    /// Adds weight × (area of the shape inside pixel (i,j), pixel²) to image[j*width + i] for every pixel of a width×height grid;
    /// pixels outside the grid are skipped (the shape may be partly outside). The shape must be valid (validationProblem() == nil).
    public func addCoverage(into image: inout [Double], width: Int, height: Int, weight: Double) {
        precondition(width >= 0 && height >= 0 && image.count >= width * height, "image smaller than width×height")
        coverage(width: width, height: height)?.flush(into: &image, width: width, weight: weight)
    }

    /// The area of the shape inside each pixel (pixel²) that its bounding box touches on a width×height grid; nil
    /// when the shape misses the grid. The shape must be valid (validationProblem() == nil).
    func coverage(width: Int, height: Int) -> CoverageWindow? {
        if let problem = validationProblem() { preconditionFailure("invalid shape: \(problem)") }
        guard width > 0, height > 0, var window = CoverageWindow(box: boundingBox, width: width, height: height) else { return nil }
        let pieces = coveragePieces
        let largestPolygon = pieces.reduce(4) { largest, entry in
            if case let .polygon(vertices) = entry.piece { return max(largest, vertices.count) }
            return largest
        }
        let scratch = ShapeClipScratch(maximumVertices: largestPolygon)
        for (piece, sign) in pieces {
            switch piece {
            case let .polygon(vertices): ConvexPolygonCoverage.accumulate(vertices, sign: sign, into: &window, scratch: scratch)
            case let .ellipse(ellipse): ellipse.accumulate(sign: sign, into: &window)
            case let .annularSector(sector): AnnularSectorCoverage.accumulate(sector, sign: sign, into: &window, scratch: scratch)
            }
        }
        return window
    }
}
