import Dispatch
import Foundation
import SkyRender
import SkyScene

/// Runs one workload: preparation (scene parsing, plan, Sérsic tables), a warm-up pass, then the timed pass over the
/// same samples (so Fourier and FFTW plans built on first use fall in the warm-up, as they would early in a long run).
struct BenchRunner {
    let settings: BenchSettings
    /// The workload's figures, or its "unsupported" reason.
    func run(_ workload: BenchWorkload) throws -> BenchResult {
        let perWorkloadPeak = BenchMemory.resetPeak()
        let start = DispatchTime.now().uptimeNanoseconds
        var result = BenchResult(workload: workload.rawValue, description: workload.summary, bands: 1, width: 0, height: 0,
                                 jobs: settings.jobs, samples: 0, seconds: 0, setupSeconds: 0, peakRssMb: 0,
                                 peakRssSource: "", peakRssIsPerWorkload: perWorkloadPeak)
        if let side = workload.noiseSize {
            result.width = side
            result.height = side
            let work = BenchRunner.noiseWork(side: side)
            let prepared = BenchTiming.seconds(since: start)
            record(BenchTiming.twoPass(settings, first: 0, BenchTiming.renderPass(jobs: settings.jobs, work)),
                   prepared: prepared, into: &result)
        } else if let yaml = workload.sceneYAML {
            let scene = try SceneLoader.parse(yaml, file: "bench:\(workload.rawValue)")
            result.bands = scene.bands.count
            result.width = scene.image.width
            result.height = scene.image.height
            if let reason = BenchRunner.unsupportedReason(scene) {
                result.unsupported = reason
                result.setupSeconds = BenchTiming.seconds(since: start)
            } else {
                let plan = SamplePlan(scene: scene)
                let renderer = SampleRenderer(seed: scene.seed)
                let prepared = BenchTiming.seconds(since: start)
                let passes: BenchPasses
                if workload == .galaxyWrite {
                    let writer = BenchWriteRun(scene: scene, sceneText: yaml, plan: plan, renderer: renderer, jobs: settings.jobs)
                    passes = try writer.run(settings: settings)
                } else {
                    let work: @Sendable (Int) -> Void = { i in benchKeep(renderer.render(plan.sample(i))) }
                    passes = BenchTiming.twoPass(settings, first: 0, BenchTiming.renderPass(jobs: settings.jobs, work))
                }
                record(passes, prepared: prepared, into: &result)
            }
        }
        result.computeRates()
        (result.peakRssMb, result.peakRssSource) = BenchMemory.peak()
        return result
    }

    /// Copies the passes' figures; setup = preparation + the warm-up pass's one-time cost.
    private func record(_ passes: BenchPasses, prepared: Double, into result: inout BenchResult) {
        result.samples = passes.samples
        result.seconds = passes.seconds
        result.warmupSamples = passes.coldSamples
        result.warmupSeconds = passes.coldSeconds
        result.setupSeconds = prepared + passes.oneTimeSeconds
    }

    /// CCD noise (sky 100 e⁻/px, read noise 5 e⁻, gain 1 e⁻/ADU, sky subtracted) on a blank side×side image;
    /// sample i keys the draws.
    static func noiseWork(side: Int) -> @Sendable (Int) -> Void {
        let signal = [Float](repeating: 0, count: side * side)
        let generator = Philox(seed: 1)
        let stream = RandomKey.stream("noise")
        return { i in
            let random = KeyedRandom(generator: generator, key: RandomKey(sample: UInt32(truncatingIfNeeded: i), stream: stream))
            benchKeep(NoiseApplier.apply(signal: signal, noise: .ccd(gain: 1, readNoise: 5), skyElectrons: 100, gain: 1,
                                         subtractSky: true, random: random))
        }
    }

    /// Why this scene's stamps cannot be drawn (noise images hold at most `NoiseCounter.maxPixels`), or nil.
    static func unsupportedReason(_ scene: SceneDescription) -> String? {
        let width = scene.image.width, height = scene.image.height
        if width * height > NoiseCounter.maxPixels {
            return "a \(width)×\(height) image exceeds the \(NoiseCounter.maxPixels)-pixel noise limit (NoiseCounter.maxPixels)"
        }
        return nil
    }
}
