/// `skysynth card` and generate's automatic card on the built binary.
import Foundation
import XCTest

final class CardCommandTests: CLITestCase {
    func testGenerateWritesTheCardUnlessNoCard() throws {
        let scenePath = try writeScene(SceneText(count: 4).yaml)
        XCTAssertEqual(try run(["generate", scenePath, "-o", outputPath("a.h5"), "--quiet"]).status, 0)
        XCTAssertEqual(try run(["generate", scenePath, "-o", outputPath("b.h5"), "--quiet", "--no-card"]).status, 0)
        XCTAssertEqual(entries(of: outputFolder), ["a.card", "a.h5", "a.md", "b.h5"])
        let card = try String(contentsOfFile: outputPath("a.md"), encoding: .utf8)
        XCTAssertTrue(card.contains("# Dataset card: clitest-scene"), card)
        XCTAssertTrue(card.contains("424242"), "the card names the seed")
    }

    func testCardCommandWritesMarkdownAndFigures() throws {
        let scenePath = try writeScene(SceneText(count: 4).yaml)
        XCTAssertEqual(try run(["generate", scenePath, "-o", outputPath("d.h5"), "--quiet", "--no-card"]).status, 0)
        let result = try run(["card", outputPath("d.h5"), "-o", outputPath("card.md")])
        XCTAssertEqual(result.status, 0, result.transcript)
        let figures = entries(of: outputFolder.appendingPathComponent("card.card"))
        XCTAssertTrue(figures.contains("montage-g.png"), "\(figures)")
        let png = try Data(contentsOf: outputFolder.appendingPathComponent("card.card/montage-g.png"))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let missing = try run(["card", outputPath("none.h5")])
        XCTAssertEqual(missing.status, 1, missing.transcript)
        XCTAssertTrue(missing.stderr.contains("none.h5"), missing.transcript)
    }

    /// Labels of other object kinds get histograms only where the dataset holds such objects.
    func testCardShowsHistogramsOfTheKindsPresent() throws {
        let scenes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenes")
        for (scene, present, absent) in [("lenses", ["hist-theta_e.png", "hist-magnification.png", "hist-image_count.png"],
                                          ["hist-arms.png", "hist-area.png"]),
                                         ("galaxies-plus", ["hist-bulge_n.png", "hist-arms.png", "hist-pitch.png"],
                                          ["hist-theta_e.png", "hist-area.png"]),
                                         ("shapes", ["hist-area.png"], ["hist-arms.png", "hist-theta_e.png"])] {
            let path = scenes.appendingPathComponent("\(scene).yaml").path
            let result = try run(["generate", path, "-o", outputPath("\(scene).h5"), "--count", "6", "--quiet"], timeout: 300)
            XCTAssertEqual(result.status, 0, result.transcript)
            let figures = entries(of: outputFolder.appendingPathComponent("\(scene).card"))
            for name in present { XCTAssertTrue(figures.contains(name), "\(scene): \(name) missing from \(figures)") }
            for name in absent { XCTAssertFalse(figures.contains(name), "\(scene): \(name) should not be drawn") }
            let card = try String(contentsOfFile: outputPath("\(scene).md"), encoding: .utf8)
            for name in present { XCTAssertTrue(card.contains("](\(scene).card/\(name))"), "\(scene): card does not link \(name)") }
        }
    }
}
