/// Stamps larger than SampleRenderer.wholeStampLimit: each object drawn on its own sub-stamp (ObjectStamp).
import Foundation
import SkyScene
import XCTest
@testable import SkyRender

final class ObjectStampTests: XCTestCase {
    private let psf = PSFDescription.moffat(beta: 3, fwhm: 0.8)

    func testSubStampKeepsTheObjectWithinHalfAPixelOfItsCentre() {
        let image = ImageGeometry(width: 1100, height: 900, pixelScale: 0.2)
        for (x, y) in [(0.0, 0.0), (13.37, -41.03), (-109.9, 89.95), (-0.1, 0.1)] {
            let object = ObjectSpec(id: 1, group: 0, shape: RenderCase.sersic(n: 1.5, re: 0.7), offsetX: x, offsetY: y,
                                    flux: [1], magnitude: [0])
            let profile = SersicProfile(n: 1.5, halfLightRadius: 0.7, g1: 0, g2: 0)
            let placed = ObjectStamp(object, profile: profile, psfs: [PSFModel(psf)], image: image)
            XCTAssertEqual(placed.side % 2, 0)
            XCTAssertLessThanOrEqual(abs(placed.object.offsetX), 0.1 + 1e-12)
            XCTAssertLessThanOrEqual(abs(placed.object.offsetY), 0.1 + 1e-12)
            // Same sky position: stamp pixel of the object's centre, from both frames.
            let stampX = Double(image.width - 1) / 2 + x / 0.2
            let subX = Double(placed.column) + Double(placed.side - 1) / 2 + placed.object.offsetX / 0.2
            XCTAssertEqual(stampX, subX, accuracy: 1e-9)
            // The sub-stamp holds all but 1e-3 of the light: its half-side exceeds the galaxy's 5e-4 radius.
            XCTAssertGreaterThan(Double(placed.side) / 2 * 0.2, profile.radiusEnclosing(lost: 5e-4))
        }
    }

    /// Three galaxies and a star (half off the edge) on a 640×600 field: each agrees with the same object drawn
    /// alone on a 64×64 stamp at the same sub-pixel phase (one FFT for the stamp), and the field's sum is the light
    /// of those stamps inside the field. (A sub-stamp cuts its object's halo at its edge: an n = 4 galaxy's light
    /// there is ~1e-3 of a compact neighbour's peak, so the objects here sit beyond each other's sub-stamps.)
    func testFieldMatchesSmallStampsObjectByObject() {
        let renderer = SampleRenderer(seed: 9)
        let scale = 0.2, width = 640, height = 600
        let objects: [(ObjectShapeSpec, Double, Double)] = [
            (RenderCase.sersic(n: 1, re: 0.8, g1: 0.2), 30.03, -27.41),
            (RenderCase.sersic(n: 4, re: 0.4, g2: -0.2), -40.17, 35.29),
            (RenderCase.sersic(n: 0.5, re: 0.6), 0.0, 0.0),
            (.star, 63.95, 1.33),  // 0.05″ inside the right edge: half of it off the field
        ]
        let field = renderer.renderSignal(RenderCase.sample(width: width, height: height, bands: [RenderCase.band(psf)],
                                                            objects: objects.map { ($0.0, $0.1, $0.2, 1e4) }))
        var worst = 0.0, starInside = 0.0
        for (shape, x, y) in objects {
            var worstHere = 0.0
            // The object's centre in field pixels, and a 64×64 window whose centre has the same sub-pixel phase.
            let cx = Double(width - 1) / 2 + x / scale, cy = Double(height - 1) / 2 + y / scale
            let left = Int((cx - 31.5).rounded()), bottom = Int((cy - 31.5).rounded())
            let local = ((cx - Double(left) - 31.5) * scale, (cy - Double(bottom) - 31.5) * scale)
            let alone = renderer.renderSignal(RenderCase.sample(bands: [RenderCase.band(psf)],
                                                                objects: [(shape, local.0, local.1, 1e4)]))
            let peak = Double(alone.max() ?? 1)
            for j in 0..<64 {
                for i in 0..<64 {
                    let fx = left + i, fy = bottom + j
                    guard fx >= 0, fx < width, fy >= 0, fy < height else { continue }
                    // No other object's sub-stamp reaches this window (the n = 4 one spans ±25.6″, the others less).
                    worstHere = max(worstHere, abs(Double(field[fy * width + fx]) - Double(alone[j * 64 + i])) / peak)
                    if case .star = shape { starInside += Double(alone[j * 64 + i]) }
                }
            }
            print("object \(shape): largest difference / peak \(worstHere)")
            worst = max(worst, worstHere)
        }
        XCTAssertLessThan(worst, 2e-5, "largest difference / peak \(worst)")
        let sum = field.reduce(0.0) { $0 + Double($1) }
        // Each galaxy keeps all but ≤ 1e-3 of its 1e4 e⁻; the star's part inside the field is that of its window (its
        // Moffat light beyond the 64×64 window is ~2e-4 of it).
        XCTAssertEqual(sum, 3e4 + starInside, accuracy: 3e-3 * 1e4 + 2e-4 * 1e4, "field sum")
        XCTAssertGreaterThan(starInside, 0.4e4)
        XCTAssertLessThan(starInside, 0.7e4)
    }
}
