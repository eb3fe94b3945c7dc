import ArgumentParser
import Foundation
import SkyDataset
import SkyScene

/// `skysynth merge PART.h5... -o OUT.h5`: join the shards of one run into the single-process dataset.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts made with `generate --shard K/N` into one dataset, byte-identical to a single-process run.")

    @Argument(help: "The part files (every shard exactly once, any order).")
    var parts: [String]

    @Option(name: .shortAndLong, help: "The dataset file to write (HDF5).")
    var output: String

    @Flag(help: ArgumentHelp("Make /images and /noiseless HDF5 virtual datasets that reference the parts (absolute "
                             + "paths) instead of copying them; the parts must stay where they are."))
    var virtual = false

    @Flag(help: "Print no progress line.")
    var quiet = false

    func run() throws {
        let target = OutputFile(path: output)
        do {
            try target.checkWritable()
            let ordered = try MergePlan(paths: parts)
            try write(ordered, to: target.temporaryPath)
            try target.commit()
            print("wrote \(output): \(ordered.count) samples from \(ordered.parts.count) parts"
                  + (virtual ? " (images referenced, not copied)" : ""))
        } catch {
            target.discard()
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Re-appends every sample in order through the same writer a single-process run uses.
    private func write(_ plan: MergePlan, to path: String) throws {
        let first = plan.parts[0]
        let attributes = DatasetAttributes.standard(
            softwareVersion: first.attributes["software_version"] ?? "", overrides: first.attributes["command_line_overrides"] ?? "",
            fftw: first.attributes["fftw_version"] ?? "", gsl: first.attributes["gsl_version"] ?? "")
        let sources = virtual ? plan.parts.enumerated().map { k, part in
            (path: URL(fileURLWithPath: part.path).standardizedFileURL.path,
             rows: Shard(index: k, total: plan.parts.count).samples(of: plan.count))
        } : nil
        let writer = try DatasetWriter(path: path, scene: plan.scene, sceneText: plan.sceneText, attributes: attributes,
                                       imagesFrom: sources)
        let progress = Progress(total: plan.count, enabled: !quiet)
        var done = 0
        for part in plan.parts {
            for row in 0..<part.rowCount {
                let sample = try part.rendered(row: row, pixels: !virtual)
                try writer.append(spec: sample.spec, rendered: sample.rendered)
                done += 1
                if done % 64 == 0 { progress.update(done: done) }
            }
        }
        try writer.finish()
        progress.update(done: done)
        progress.finish()
    }
}

/// The checked parts of one sharded run, in shard order, and the scene they were made from.
struct MergePlan {
    let parts: [DatasetSamples]
    let scene: SceneDescription
    let sceneText: String
    /// Total number of samples.
    var count: Int { scene.count }

    /// Opens and checks the parts: same scene, seed, count and software; every shard K/N exactly once, complete.
    init(paths: [String]) throws {
        guard !paths.isEmpty else { throw OutputError("merge needs at least one part file") }
        var opened: [(shard: Shard, part: DatasetSamples)] = []
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw OutputError("part \(path): no such file") }
            let part: DatasetSamples
            do {
                part = try DatasetSamples(path: path)
            } catch {
                throw OutputError("part \(path) cannot be read (truncated or not a SkySynth dataset): \(error)")
            }
            guard let text = part.attributes["shard"], let shard = Shard(argument: text) else {
                throw OutputError("part \(path) is not a shard (it was made without --shard K/N)")
            }
            opened.append((shard, part))
        }
        let reference = opened[0]
        let mustMatch = ["scene_sha256", "scene_overrides", "seed", "count", "software_version", "command_line_overrides", "fftw_version",
                         "gsl_version", "hdf5_version", "schema_version"]
        for (shard, part) in opened.dropFirst() {
            for key in mustMatch where part.attributes[key] != reference.part.attributes[key] {
                throw OutputError("part \(part.path) does not belong with \(reference.part.path): its \(key) is "
                                  + "'\(part.attributes[key] ?? "missing")', not '\(reference.part.attributes[key] ?? "missing")'")
            }
            guard shard.total == reference.shard.total else {
                throw OutputError("part \(part.path) is shard \(shard.description) but \(reference.part.path) is "
                                  + "\(reference.shard.description): the parts come from different splits")
            }
        }
        let total = reference.shard.total
        var byIndex: [Int: DatasetSamples] = [:]
        for (shard, part) in opened {
            if let other = byIndex[shard.index] {
                throw OutputError("parts \(other.path) and \(part.path) are both shard \(shard.description)")
            }
            byIndex[shard.index] = part
        }
        let missing = (0..<total).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw OutputError("missing shard\(missing.count == 1 ? "" : "s") "
                              + missing.map { "\($0)/\(total)" }.joined(separator: ", ") + " of \(total)")
        }
        guard let sceneText = reference.part.attributes["scene_yaml"],
              let count = reference.part.attributes["count"].flatMap(Int.init),
              let seed = reference.part.attributes["seed"].flatMap(UInt64.init) else {
            throw OutputError("part \(reference.part.path) lacks its scene, count or seed attributes")
        }
        var scene: SceneDescription
        do {
            let overrides = reference.part.attributes["scene_overrides"].map { $0.split(separator: "\n").map(String.init) } ?? []
            scene = try SceneLoader.parse(sceneText, file: "\(reference.part.path):scene_yaml", overrides: overrides)
        } catch {
            throw OutputError("the scene stored in \(reference.part.path) does not load: \(error)")
        }
        scene.count = count
        scene.seed = seed
        let ordered = (0..<total).map { byIndex[$0]! }
        for (k, part) in ordered.enumerated() {
            let expected = Shard(index: k, total: total).samples(of: count)
            guard part.rowCount == expected.count,
                  part.attributes["shard_first_sample"] == String(expected.lowerBound) else {
                throw OutputError("part \(part.path) (shard \(k)/\(total)) holds \(part.rowCount) samples, "
                                  + "expected samples \(expected.lowerBound)..<\(expected.upperBound): truncated or foreign")
            }
        }
        parts = ordered
        self.scene = scene
        self.sceneText = sceneText
    }
}
