import ArgumentParser
import SkyDataset

/// `skysynth inspect FILE.h5`: what a dataset holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a dataset holds: counts, bands, shapes, columns with units, seed, scene, software version.")

    @Argument(help: "The dataset file (HDF5).")
    var file: String

    func run() throws {
        do {
            print(try DatasetReader.summary(path: file).render())
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
