import ArgumentParser
import SkyCard

/// `skysynth card FILE.h5 [-o FILE.md]`: the dataset card, from the file alone.
struct Card: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset's card: FILE.md plus PNG figures (a montage per band, label histograms) in FILE.card/.",
        discussion: "Everything is read from the dataset file. The same file always gives byte-identical Markdown and PNGs. "
            + "`generate` writes the card automatically unless given --no-card.")

    @Argument(help: "The dataset file (HDF5).")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The card to write (Markdown; default: FILE with .md instead of .h5). Figures go to the folder named like it with .card.",
        valueName: "FILE.md"))
    var output: String?

    func run() throws {
        do {
            let written = try DatasetCard.write(dataset: file, markdown: output)
            print("wrote \(written.markdown) and \(written.figures.count) figure\(written.figures.count == 1 ? "" : "s") "
                  + "in \(written.figureFolder)/")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Writes the card next to a dataset `generate` just completed. A failure is a warning: the dataset is already complete.
func writeCardAfterGenerate(dataset: String) {
    do {
        try DatasetCard.write(dataset: dataset)
    } catch {
        printError("warning: \(dataset) is complete, but its card was not written: \(error)")
    }
}
