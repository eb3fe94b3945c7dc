import Foundation
import SkyDataset
import SkyScene
import XCTest
@testable import SkyCard

final class DatasetCardTests: XCTestCase {
    private let count = 10

    /// Writes the fixture dataset as `data.h5` in a fresh folder and its card next to it.
    private func writeCard(count: Int? = nil) throws -> (folder: URL, dataset: String, written: DatasetCard.Written, text: String) {
        let folder = try CardFixtures.temporaryFolder(self)
        let dataset = folder.appendingPathComponent("data.h5").path
        try CardFixtures.write(to: dataset, count: count ?? self.count)
        let written = try DatasetCard.write(dataset: dataset)
        let text = try String(contentsOfFile: written.markdown, encoding: .utf8)
        return (folder, dataset, written, text)
    }

    func testDefaultPaths() {
        XCTAssertEqual(DatasetCard.markdownPath(forDataset: "out/q.h5"), "out/q.md")
        XCTAssertEqual(DatasetCard.markdownPath(forDataset: "q.HDF5"), "q.md")
        XCTAssertEqual(DatasetCard.markdownPath(forDataset: "noext"), "noext.md")
        XCTAssertEqual(DatasetCard.figureFolder(forMarkdown: "out/q.md"), "out/q.card")
        XCTAssertEqual(DatasetCard.figureFolder(forMarkdown: "README"), "README.card")
    }

    func testMarkdownDescribesTheDataset() throws {
        let (folder, dataset, written, text) = try writeCard()
        XCTAssertEqual(written.markdown, folder.appendingPathComponent("data.md").path)
        XCTAssertEqual(written.figureFolder, folder.appendingPathComponent("data.card").path)

        XCTAssertTrue(text.hasPrefix("# Dataset card: card-scene\n"), text)
        XCTAssertTrue(text.contains("Blobs on noise, for the dataset card tests."))
        XCTAssertTrue(text.contains("`4242`"), "seed")
        XCTAssertTrue(text.contains("fftw-3.3.10") && text.contains("GSL 2.7.1") && text.contains("HDF5 \(DatasetWriter.hdf5Version)"))
        XCTAssertTrue(text.contains("skysynth 0.0-test"))
        XCTAssertTrue(text.contains(SHA256.hex(of: CardFixtures.sceneText)))
        XCTAssertTrue(text.contains("16 × 12 pixels at 0.25 arcsec/pixel (4″ × 3″)"), text)
        XCTAssertTrue(text.contains("y increases upward"))

        // Split counts: the fixture cycles train, train, validation, test.
        var expected: [Split: Int] = [:]
        for i in 0..<count { expected[CardFixtures.split(i), default: 0] += 1 }
        XCTAssertTrue(text.contains("\(count) (train \(expected[.train]!), validation \(expected[.validation]!), test \(expected[.test]!))"), text)
        for split in Split.allCases {
            XCTAssertTrue(text.contains("| \(split.rawValue) | \(expected[split]!) |"), "split row \(split)")
        }

        // Every codebook row.
        let summary = try DatasetReader.summary(path: dataset)
        XCTAssertGreaterThan(summary.datasets.count, 30)
        for d in summary.datasets {
            let row = "| `\(d.path)` | [\(d.shape.map(String.init).joined(separator: ", "))] | \(d.type) | \(d.units) | "
                + d.description.replacingOccurrences(of: "|", with: "\\|") + " |"
            XCTAssertTrue(text.contains(row), "missing codebook row \(row)")
        }

        // Label statistics: a median computed here, NaN counted for the stars.
        let n = (0..<count).map(CardFixtures.sersicN).sorted()
        let median = (n[count / 2 - 1] + n[count / 2]) / 2
        XCTAssertEqual(median, 1.45, accuracy: 1e-12)
        let stars = (0..<count).filter { $0 % 2 == 1 }.count
        XCTAssertTrue(text.contains("| Sérsic index n | `/objects/sersic_n` |  | \(count) | \(stars) | 1 | 1.45 | 1.9 |"), text)
        XCTAssertTrue(text.contains("Min **1**, median **1.45**, max **1.9** over \(count) objects; \(stars) NaN."), text)
        // Per-band magnitudes: band r has galaxies at 19.9 and stars at 21.0.
        XCTAssertTrue(text.contains("| Magnitude, band r | `/objects/magnitude[:, 1]` | mag | \(count + stars) | 0 | 19.9 | 19.9 | 21 |"), text)
        // object_count: 1 on even samples, 2 on odd ones.
        XCTAssertTrue(text.contains("| Objects per stamp | `/samples/object_count` |  | \(count) | 0 | 1 | 1.5 | 2 |"), text)
        XCTAssertTrue(text.contains("One bar per value from 1 to 2"), text)

        // Loading snippets.
        XCTAssertTrue(text.contains("with h5py.File(\"data.h5\", \"r\") as f:"))
        XCTAssertTrue(text.contains("from torch.utils.data import DataLoader, Dataset"))
        XCTAssertTrue(text.contains("class SkySynthDataset(Dataset):"))
        XCTAssertTrue(text.contains("def __getitem__(self, i):"))

        // The scene verbatim, fenced with more backticks than it holds; conventions; unknown attributes.
        XCTAssertTrue(text.contains("````yaml\n" + CardFixtures.sceneText + "````\n"), text)
        XCTAssertTrue(text.contains("- **array order**: images[sample, band, y, x]: x is the column \\| y the row"))
        XCTAssertTrue(text.contains("| `tracking_note` | an attribute the card does not know |"))
        XCTAssertTrue(text.contains("`count=10`"))

        // Every figure is linked, relative to the card.
        for figure in written.figures {
            XCTAssertTrue(text.contains("](data.card/\(URL(fileURLWithPath: figure).lastPathComponent))"), figure)
        }
        XCTAssertFalse(text.contains(folder.path), "the card must not contain absolute paths")
    }

    func testFiguresArePNGsOfTheExpectedSize() throws {
        let (_, _, written, _) = try writeCard()
        let names = written.figures.map { URL(fileURLWithPath: $0).lastPathComponent }
        XCTAssertEqual(names, ["montage-g.png", "montage-r.png", "hist-sersic_n.png", "hist-half_light_radius.png", "hist-q.png",
                               "hist-beta.png", "hist-g1.png", "hist-g2.png", "hist-magnitude-g.png", "hist-magnitude-r.png",
                               "hist-object_count.png"])
        // 10 samples: 8 + 2 stamps in 2 rows of 8 columns, 1-pixel separators and frame, ×2.
        let montage = PNGHeader(width: 2 * (8 * (CardFixtures.width + 1) + 1), height: 2 * (2 * (CardFixtures.height + 1) + 1),
                                bitDepth: 8, colorType: 0)
        XCTAssertEqual(montage.width, 274)
        XCTAssertEqual(montage.height, 54)
        for path in written.figures {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertEqual(Array(bytes.prefix(8)), PNGHeader.signature, path)
            let header = try XCTUnwrap(PNGHeader(bytes), path)
            if path.hasSuffix("montage-g.png") || path.hasSuffix("montage-r.png") {
                XCTAssertEqual(header, montage, path)
            } else {
                XCTAssertEqual(header, PNGHeader(width: 400, height: 200, bitDepth: 8, colorType: 2), path)
            }
            XCTAssertEqual(Array(bytes.suffix(12).prefix(8)), [0, 0, 0, 0] + Array("IEND".utf8), "ends with IEND: \(path)")
        }
    }

    func testTwoRunsGiveIdenticalBytes() throws {
        let (folder, dataset, first, _) = try writeCard()
        let other = folder.appendingPathComponent("again", isDirectory: true)
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: false)
        let second = try DatasetCard.write(dataset: dataset, markdown: other.appendingPathComponent("data.md").path)
        XCTAssertEqual(second.figureFolder, other.appendingPathComponent("data.card").path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.markdown)),
                       try Data(contentsOf: URL(fileURLWithPath: second.markdown)))
        XCTAssertEqual(first.figures.count, second.figures.count)
        for (a, b) in zip(first.figures, second.figures) {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)), a)
        }
        // Writing again in place gives the same bytes, too.
        let before = try Data(contentsOf: URL(fileURLWithPath: first.figures[0]))
        try DatasetCard.write(dataset: dataset)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first.figures[0])), before)
    }

    func testThirtyTwoStampsAtMost() throws {
        let (_, _, written, text) = try writeCard(count: 40)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: written.figures[0])))
        XCTAssertEqual(PNGHeader(bytes), PNGHeader(width: 2 * (8 * 17 + 1), height: 2 * (4 * 13 + 1), bitDepth: 8, colorType: 0))
        XCTAssertTrue(text.contains("The first 32 samples of the file (samples 0–31)"), text)
    }

    func testStaleFiguresAreRemovedAndOthersKept() throws {
        let (_, dataset, written, _) = try writeCard()
        let stale = written.figureFolder + "/montage-old.png", mine = written.figureFolder + "/notes.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: stale))
        try Data("x".utf8).write(to: URL(fileURLWithPath: mine))
        try DatasetCard.write(dataset: dataset)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: mine))
    }

    func testShardPart() throws {
        let folder = try CardFixtures.temporaryFolder(self)
        let dataset = folder.appendingPathComponent("part.h5").path
        try CardFixtures.write(to: dataset, count: 10, samples: 5..<10,
                               extra: [("shard", "1/2"), ("shard_first_sample", "5"), ("shard_sample_count", "5")])
        let written = try DatasetCard.write(dataset: dataset)
        let text = try String(contentsOfFile: written.markdown, encoding: .utf8)
        XCTAssertTrue(text.contains("shard 1/2 of a 10-sample dataset: samples 5..<10"), text)
        XCTAssertTrue(text.contains("The first 5 samples of the file (samples 5–9)"), text)
        XCTAssertTrue(text.contains("row = index − 5"), text)
    }

    func testRefusesWhatIsNotADataset() throws {
        let folder = try CardFixtures.temporaryFolder(self)
        let text = folder.appendingPathComponent("notes.h5").path
        try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try DatasetCard.write(dataset: text)) { error in
            XCTAssertTrue("\(error)".contains(text), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.md").path))
        let missing = folder.appendingPathComponent("missing.h5").path
        XCTAssertThrowsError(try DatasetCard.write(dataset: missing)) { error in
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
        }
        let dataset = folder.appendingPathComponent("data.h5").path
        try CardFixtures.write(to: dataset, count: 2)
        XCTAssertThrowsError(try DatasetCard.write(dataset: dataset, markdown: dataset)) { error in
            XCTAssertTrue("\(error)".contains("dataset itself"), "\(error)")
        }
    }
}

final class StretchAndFigureTests: XCTestCase {
    func testAsinhStretchMapsTheMedianToZeroAndIsMonotone() {
        let stamp = CardFixtures.image(3)
        let pixels = Array(stamp.prefix(CardFixtures.width * CardFixtures.height))
        let stretch = AsinhStretch(values: pixels)
        let sorted = pixels.map(Double.init).sorted()
        let median = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        XCTAssertEqual(stretch.median, median, accuracy: 1e-9)
        XCTAssertEqual(stretch(median), 0)
        XCTAssertEqual(stretch.gray(Float(median)), 0)
        XCTAssertEqual(stretch(Double(pixels.max()!)), 1, accuracy: 1e-12, "the brightest pixel maps to 1")
        XCTAssertGreaterThan(stretch.sigma, 0.5)
        XCTAssertLessThan(stretch.sigma, 2.0, "1.4826·MAD of uniform noise of width 3.4 is about 1.26, a little more with the blob")
        var previous = -1.0
        var previousGray: UInt8 = 0
        for step in -2000...2000 {
            let v = median + Double(step) * 0.1
            let t = stretch(v)
            XCTAssertGreaterThanOrEqual(t, previous, "not monotone at \(v)")
            XCTAssertTrue((0...1).contains(t))
            let gray = stretch.gray(Float(v))
            XCTAssertGreaterThanOrEqual(gray, previousGray)
            previous = t
            previousGray = gray
        }
        XCTAssertEqual(stretch(median - 50), 0, "below the median clips to 0")
        XCTAssertEqual(stretch(.nan), 0)
        // Strictly increasing between the median and the top.
        XCTAssertLessThan(stretch(median + 1), stretch(median + 2))
        XCTAssertLessThan(stretch(median + 10), stretch(median + 20))
    }

    func testStretchOfConstantAndNoiselessStamps() {
        let constant = AsinhStretch(values: [Float](repeating: 5, count: 20))
        XCTAssertEqual(constant(5), 0)
        XCTAssertTrue(constant.sigma > 0)
        let noiseless = CardFixtures.image(0, noise: false)
        let stretch = AsinhStretch(values: noiseless)
        XCTAssertEqual(stretch(Double(noiseless.max()!)), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(stretch(1), 0)
    }

    func testMedianAndStatisticsIgnoreNaN() {
        XCTAssertEqual(Statistics.median([3, .nan, 1, 2]), 2)
        XCTAssertEqual(Statistics.median([4, 1, .nan, 3, 2]), 2.5)
        XCTAssertNil(Statistics.median([.nan]))
        let s = LabelStatistics([2, .nan, -1, 5, .nan])
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s.nanCount, 2)
        XCTAssertEqual(s.minimum, -1)
        XCTAssertEqual(s.median, 2)
        XCTAssertEqual(s.maximum, 5)
    }

    func testHistogramBins() throws {
        let integers = try XCTUnwrap(Histogram([0, 1, 1, 2, 2, 2, .nan]))
        XCTAssertTrue(integers.integerBins)
        XCTAssertEqual(integers.counts, [1, 2, 3])
        XCTAssertEqual(integers.low, -0.5)
        XCTAssertEqual(integers.high, 2.5)
        let continuous = try XCTUnwrap(Histogram([0, 0.5, 1.0, 0.25]))
        XCTAssertEqual(continuous.counts.count, 8, "the Rice rule, at least 8 bins")
        XCTAssertEqual(Histogram.bins(for: 1000), 20)
        XCTAssertEqual(Histogram.bins(for: 1_000_000), 40)
        XCTAssertEqual(continuous.counts.reduce(0, +), 4)
        XCTAssertEqual(continuous.counts.last, 1, "the maximum falls in the last bin")
        XCTAssertNil(Histogram([.nan, .nan]))
        let single = try XCTUnwrap(Histogram([0.3, 0.3]))
        XCTAssertEqual(single.counts, [2])
    }

    func testMontageLayoutPutsYUp() {
        // One 3×2 stamp whose row y=0 is bright: it must appear at the bottom of the stamp.
        let stamp: [Float] = [100, 100, 100, 0, 0, 0]
        let montage = Montage(stamps: [stamp], stampWidth: 3, stampHeight: 2)
        XCTAssertEqual(montage.width, 2 * (3 + 2))
        XCTAssertEqual(montage.height, 2 * (2 + 2))
        func pixel(_ x: Int, _ y: Int) -> UInt8 { montage.pixels[(2 * y) * montage.width + 2 * x] }
        XCTAssertEqual(pixel(0, 0), Montage.separatorGray)
        XCTAssertEqual(pixel(1, 1), 0, "top row of the stamp is y = 1 (dark)")
        XCTAssertGreaterThan(pixel(1, 2), pixel(1, 1), "bottom row of the stamp is y = 0 (bright)")
        XCTAssertEqual(pixel(4, 3), Montage.separatorGray)
    }

    func testMarkdownHelpers() {
        XCTAssertEqual(Markdown.cell("a | b\nc"), "a \\| b c")
        XCTAssertEqual(Markdown.fencedBlock("x ``` y\n", language: "yaml"), ["````yaml", "x ``` y", "````"])
        XCTAssertEqual(Markdown.number(1.0), "1")
        XCTAssertEqual(Markdown.number(1.45), "1.45")
        XCTAssertEqual(Markdown.number(0.123456), "0.1235")
        XCTAssertEqual(Markdown.number(.nan), "NaN")
        XCTAssertEqual(FileNames.unique(["g", "r/x", "g"]), ["g-0", "r_x", "g-2"])
    }
}
