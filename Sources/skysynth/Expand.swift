import ArgumentParser
import SkyScene

/// `skysynth expand SCENE`: the resolved samples as JSON, without rendering.
struct Expand: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved samples (one canonical JSON object per line) without rendering.")

    @Argument(help: "The scene file (YAML).")
    var scene: String

    @Option(help: "Print at most this many samples (0: all).")
    var limit: Int = 10

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scene value, e.g. bands.*.psf.fwhm=0.7 (repeatable).",
                                                         valueName: "path=value"))
    var overrides: [String] = []

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more, found \(limit)") }
    }

    func run() throws {
        let plan = SamplePlan(scene: try loadScene(scene, overrides: overrides))
        let shown = limit == 0 ? plan.count : min(limit, plan.count)
        for i in 0..<shown { print(plan.sample(i).canonicalJSON()) }
    }
}
