/// Three reusable vertex buffers for polygon clipping, allocated once per coverage call so that no pixel allocates.
final class ShapeClipScratch {
    let capacity: Int
    let row: UnsafeMutablePointer<ShapePoint>
    let temporary: UnsafeMutablePointer<ShapePoint>
    let pixel: UnsafeMutablePointer<ShapePoint>

    /// Buffers for convex polygons of up to `maximumVertices` vertices (room is added for the clip crossings).
    init(maximumVertices: Int) {
        capacity = maximumVertices + 8
        row = .allocate(capacity: capacity)
        temporary = .allocate(capacity: capacity)
        pixel = .allocate(capacity: capacity)
    }

    deinit {
        row.deallocate()
        temporary.deallocate()
        pixel.deallocate()
    }
}
