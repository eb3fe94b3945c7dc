import SkyRender
import SkyScene

/// Integrates, before rendering starts and on `jobs` threads, the Sérsic transform nodes the scene's galaxies,
/// bulges and disks can draw from (SersicTransformBank.prepare); without it the workers build them lazily, largely
/// one after another (~2 s of a quickstart run's start). Only when the run has at least as many samples as nodes:
/// a short run may never use most of them. The tables do not depend on who builds them, so the output does not
/// change. Lens light is drawn in real space and needs none.
enum TransformWarmUp {
    static func warm(_ scene: SceneDescription, jobs: Int, samples: Int, bank: SersicTransformBank = .shared) {
        let ranges = scene.objects.flatMap { group -> [ClosedRange<Double>] in
            switch group.kind {
            case .sersic(let s): return [s.n.support]
            case .galaxy(let g): return [g.disk.n.support] + (g.bulge.map { [$0.n.support] } ?? [])
            case .star, .geometric, .lens: return []
            }
        }
        let nodes = bank.nodes(covering: ranges)
        guard samples >= nodes.count else { return }
        bank.prepare(nodes: nodes, threads: jobs)
    }
}
