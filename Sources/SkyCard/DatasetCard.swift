import Foundation
import SkyDataset

/// Writes a dataset card: `FILE.md` next to `FILE.h5` plus PNG figures in `FILE.card/`, generated from the file alone.
///
/// The same dataset gives byte-identical Markdown and PNGs (no timestamps, no absolute paths, fixed libpng
/// settings). The card names the dataset by its file name, so a card written next to the file reads correctly
/// wherever the pair is moved.
public enum DatasetCard {
    /// What `write` wrote.
    public struct Written: Sendable, Equatable {
        /// The Markdown file.
        public let markdown: String
        /// The folder of the figures.
        public let figureFolder: String
        /// Every figure, full paths, in the order the card shows them.
        public let figures: [String]
    }

    /// The default card path: the dataset path with its extension (.h5, .hdf5, .hdf) replaced by .md.
    public static func markdownPath(forDataset dataset: String) -> String {
        let url = URL(fileURLWithPath: dataset)
        let base = ["h5", "hdf5", "hdf"].contains(url.pathExtension.lowercased()) ? String(dataset.dropLast(url.pathExtension.count + 1)) : dataset
        return base + ".md"
    }

    /// The figure folder of a card: its path with .md replaced by .card (or .card appended).
    public static func figureFolder(forMarkdown markdown: String) -> String {
        (markdown.lowercased().hasSuffix(".md") ? String(markdown.dropLast(3)) : markdown) + ".card"
    }

    /// Version of the libpng that encodes the figures.
    public static var pngLibraryVersion: String { PNG.libraryVersion }

    /// Reads the dataset at `dataset` and writes its card to `markdown` (default `markdownPath(forDataset:)`)
    /// and its figures to `figureFolder(forMarkdown:)`, creating that folder. Figures of an earlier card in the
    /// folder that this card does not write (`montage-*.png`, `hist-*.png`) are removed; nothing else is touched.
    @discardableResult
    public static func write(dataset: String, markdown: String? = nil) throws -> Written {
        let markdown = markdown ?? markdownPath(forDataset: dataset)
        let folder = figureFolder(forMarkdown: markdown)
        let standard = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        guard standard(markdown) != standard(dataset) else {
            throw CardError("cannot write the card to \(markdown): it is the dataset itself")
        }
        guard !markdown.isEmpty, !markdown.hasSuffix("/") else {
            throw CardError("cannot write the card to '\(markdown)': it must name a file, e.g. dataset.md")
        }
        let parent = URL(fileURLWithPath: markdown).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw CardError("cannot write the card to \(markdown): the folder \(parent) does not exist")
        }
        guard FileManager.default.fileExists(atPath: dataset) else {
            throw CardError("cannot read \(dataset): no such file")
        }
        let content: DatasetContent
        do {
            content = try DatasetContent(path: dataset)
        } catch let error as CardError {
            throw error
        } catch {
            throw CardError("cannot read \(dataset): \(error)")
        }

        let figures = try CardFigures(content: content)
        try prepare(folder: folder, keeping: Set(figures.all.map(\.name)))
        for figure in figures.all {
            try PNG.write(path: folder + "/" + figure.name, width: figure.width, height: figure.height,
                          color: figure.color, pixels: figure.pixels)
        }
        let folderLink = URL(fileURLWithPath: folder).lastPathComponent
        let text = CardText(content: content, figures: figures, figureFolder: folderLink,
                            datasetName: URL(fileURLWithPath: dataset).lastPathComponent,
                            pngVersion: PNG.libraryVersion).render()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: markdown), options: .atomic)
        } catch {
            throw CardError("cannot write \(markdown): \(error.localizedDescription)")
        }
        return Written(markdown: markdown, figureFolder: folder, figures: figures.all.map { folder + "/" + $0.name })
    }

    /// Creates `folder` if needed and removes figures of an earlier card that are not in `keeping`.
    private static func prepare(folder: String, keeping: Set<String>) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CardError("cannot write figures to \(folder): it is a file, not a folder") }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } catch {
                throw CardError("cannot create the figure folder \(folder): \(error.localizedDescription)")
            }
        }
        let existing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        for name in existing where (name.hasPrefix("montage-") || name.hasPrefix("hist-")) && name.hasSuffix(".png")
            && !keeping.contains(name) {
            try? manager.removeItem(atPath: folder + "/" + name)
        }
    }
}
