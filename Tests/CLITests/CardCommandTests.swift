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
}
