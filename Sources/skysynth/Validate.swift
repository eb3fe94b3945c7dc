import ArgumentParser
import SkyScene

/// `skysynth validate SCENE`: check a scene and print every problem at once.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a scene file and print every problem at once.")

    @Argument(help: "The scene file (YAML).")
    var scene: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scene value before validation, e.g. bands.*.psf.fwhm=0.7 (repeatable).",
                                                         valueName: "path=value"))
    var overrides: [String] = []

    func run() throws {
        let description = try loadScene(scene, overrides: overrides)
        let image = description.image
        print("ok: \(scene): scene '\(description.name)', \(description.count) samples, seed \(description.seed)")
        print("  bands: \(description.bands.map(\.name).joined(separator: ", ")); stamps \(image.width)×\(image.height) px at \(image.pixelScale) arcsec/px")
        print("  object groups: \(description.objects.map(\.kind.name).joined(separator: ", "))")
        if let sweep = description.sweep {
            print("  sweep: \(sweep.pointCount) points × \(sweep.replicates) replicates over \(sweep.parameters.joined(separator: ", "))"
                  + (sweep.commonRandomNumbers ? " (common random numbers)" : ""))
        }
    }
}

/// Loads a scene with `--set` overrides, printing every problem to stderr and exiting 1 when it is invalid.
func loadScene(_ path: String, overrides: [String] = []) throws -> SceneDescription {
    do {
        return try SceneLoader.load(path: path, overrides: overrides)
    } catch let errors as SceneErrors {
        for issue in errors.issues { printError("error: \(issue)") }
        printError("\(errors.issues.count) problem\(errors.issues.count == 1 ? "" : "s") in \(path)")
        throw ExitCode(1)
    }
}
