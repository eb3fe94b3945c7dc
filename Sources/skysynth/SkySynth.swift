import ArgumentParser

/// The `skysynth` command line.
@main
struct SkySynth: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "skysynth",
        abstract: "Deterministic synthetic sky images for machine-learning benchmarks.",
        version: version,
        subcommands: [Generate.self, Expand.self, Merge.self, Validate.self, Inspect.self, Card.self, Check.self, Slurm.self, Bench.self]
    )
}
