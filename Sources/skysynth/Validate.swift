import ArgumentParser
import SkyScene

/// `skysynth validate SCENE`: check a scene and print every problem at once.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a scene file and print every problem at once.")

    @Argument(help: "The scene file (YAML).")
    var scene: String

    func run() throws {
        let description = try loadScene(scene)
        let image = description.image
        print("ok: \(scene): scene '\(description.name)', \(description.count) samples, seed \(description.seed)")
        print("  bands: \(description.bands.map(\.name).joined(separator: ", ")); stamps \(image.width)×\(image.height) px at \(image.pixelScale) arcsec/px")
        print("  object groups: \(description.objects.map(\.kind.name).joined(separator: ", "))")
    }
}

/// Loads a scene, printing every problem to stderr and exiting 1 when it is invalid.
func loadScene(_ path: String) throws -> SceneDescription {
    do {
        return try SceneLoader.load(path: path)
    } catch let errors as SceneErrors {
        for issue in errors.issues { printError("error: \(issue)") }
        printError("\(errors.issues.count) problem\(errors.issues.count == 1 ? "" : "s") in \(path)")
        throw ExitCode(1)
    }
}
