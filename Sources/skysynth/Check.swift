import ArgumentParser
import Foundation
import SkyDataset

/// `skysynth check NEW.h5 --against GOLDEN.h5`: regression-test a dataset against a golden file.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a dataset with a golden file: truth and labels exactly, pixels within tolerance.",
        discussion: """
            Every dataset must exist in both files with the same shape and element type, and the scene must be the \
            same (scene_sha256, seed, count, schema_version). Truth and labels must be equal element by element \
            (floats bit for bit, NaN equals NaN). Pixels (/images, /noiseless) must satisfy \
            |new − golden| ≤ atol + rtol·|golden|. Software and library versions may differ (printed as notes). \
            Prints a table per dataset; exit status 0 when everything holds, 1 otherwise.
            """)

    @Argument(help: "The dataset to check (HDF5).")
    var file: String

    @Option(help: "The golden dataset to compare against (HDF5).")
    var against: String

    @Option(help: "Relative pixel tolerance (multiplies |golden|).")
    var rtol: Double = ComparisonTolerance.defaultRelative

    @Option(help: ArgumentHelp("Absolute pixel tolerance in ADU (default: 1e-6 × the golden dataset's peak |value|, "
                               + "per pixel dataset).", valueName: "atol"))
    var atol: Double?

    func validate() throws {
        guard rtol.isFinite, rtol >= 0 else { throw ValidationError("--rtol must be a finite number ≥ 0, found \(rtol)") }
        if let atol, !(atol.isFinite && atol >= 0) {
            throw ValidationError("--atol must be a finite number ≥ 0, found \(atol)")
        }
    }

    func run() throws {
        let report: ComparisonReport
        do {
            report = try DatasetComparer.compare(file, against: against,
                                                 tolerance: ComparisonTolerance(rtol: rtol, atol: atol))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        print(report.render())
        print("")
        if report.passed {
            print(report.summary)
        } else {
            fflush(nil)  // every C stream: the table before the error line when both streams go to one terminal or log
            printError("error: \(report.summary)")
            throw ExitCode(1)
        }
    }
}
