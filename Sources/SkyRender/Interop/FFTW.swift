internal import CFFTW
import Synchronization

/// Single-precision FFTW (with FFTWWisdom.swift, the only files that import CFFTW). Plans are made once per size under
/// one lock shared by every kind of plan (FFTW's planner is not thread-safe: making a forward and an inverse plan at
/// once on two threads corrupted its heap), from the shipped wisdom where it holds the problem and else with
/// FFTW_ESTIMATE (both bit-reproducible: `FFTWWisdom`), and executed with the new-array functions, which are
/// thread-safe.
final class FFTWBuffer: @unchecked Sendable {
    /// Raw storage from fftwf_malloc (SIMD-aligned like the buffers plans were made with).
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    /// `bytes` of zeros; `zeroed: false` leaves them uninitialised, for a transform's output (FFTW writes it whole).
    init(bytes: Int, zeroed: Bool = true) {
        byteCount = bytes
        pointer = fftwf_malloc(bytes)!
        if zeroed { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes) }
    }

    deinit { fftwf_free(pointer) }

    var floats: UnsafeMutablePointer<Float> { pointer.assumingMemoryBound(to: Float.self) }
}

/// The plans made so far, by size; all planning happens under this one lock.
private struct FFTWPlans {
    /// Whether the shipped wisdom imported; nil until it is loaded (before the first plan).
    var wisdomImported: Bool?
    var inverse: [Int: InverseRealFFT] = [:]
    var forward: [Int: ForwardRealFFT] = [:]
    var pruned: [PrunedPlanKey: PrunedInverseRealFFT] = [:]
    var prunedForward: [PrunedPlanKey: PrunedForwardRealFFT] = [:]
}

/// A pruned plan's cache key: FFT size and rows transformed along x.
private struct PrunedPlanKey: Hashable {
    var size: Int
    var rows: Int
}
private let fftwPlanner = Mutex(FFTWPlans())

/// Loads the wisdom into FFTW unless it has been (call under the planner lock); whether it imported.
@discardableResult
private func loadWisdom(_ plans: inout FFTWPlans) -> Bool {
    if let imported = plans.wisdomImported { return imported }
    let imported = FFTWWisdom.load()
    plans.wisdomImported = imported
    return imported
}

/// "wisdom <identity>" if the shipped FFTW wisdom imported here, else "no wisdom" (every plan then FFTW_ESTIMATE).
var fftwWisdomStatus: String {
    fftwPlanner.withLock { loadWisdom(&$0) } ? "wisdom \(FFTWWisdom.identity)" : "no wisdom"
}

/// The plan cached in `cache` under `key`, made by `make` under the planner lock if there is none yet.
private func cachedPlan<Key: Hashable, Plan: Sendable>(_ cache: WritableKeyPath<FFTWPlans, [Key: Plan]>, _ key: Key,
                                                      _ make: () -> Plan) -> Plan {
    fftwPlanner.withLock { plans in
        if let p = plans[keyPath: cache][key] { return p }
        loadWisdom(&plans)
        let p = make()
        plans[keyPath: cache][key] = p
        return p
    }
}

/// A 2-D N×N complex-to-real (backward, unnormalised) transform: input N×(N/2+1) complex, output N×N real. FFTW's own
/// 2-D plan: the reference the pruned transforms are tested against (rendering uses PrunedInverseRealFFT).
final class InverseRealFFT: @unchecked Sendable {
    let size: Int
    private let plan: OpaquePointer

    private init(size: Int) {
        self.size = size
        let input = FFTWBuffer(bytes: size * (size / 2 + 1) * 8)
        let output = FFTWBuffer(bytes: size * size * 4)
        plan = FFTWWisdom.plan { flags in
            fftwf_plan_dft_c2r_2d(Int32(size), Int32(size), input.pointer.assumingMemoryBound(to: fftwf_complex.self),
                                  output.floats, flags)
        }.plan
    }

    /// The cached plan for size N (made once, under the planner lock).
    static func plan(size: Int) -> InverseRealFFT {
        cachedPlan(\.inverse, size) { InverseRealFFT(size: size) }
    }

    /// out[y][x] = Σ in[ky][kx] e^{+2πi(kx x + ky y)/N}; `input` holds N×(N/2+1) interleaved complex floats
    /// and is destroyed.
    func execute(input: FFTWBuffer, output: FFTWBuffer) {
        execute(input: input.floats, output: output)
    }

    /// As `execute(input:output:)` with the input at `input`, which must be SIMD-aligned like fftwf_malloc's buffers
    /// (the plans were made on such buffers).
    func execute(input: UnsafeMutablePointer<Float>, output: FFTWBuffer) {
        precondition(fftwf_alignment_of(input) == 0, "FFTW input must be SIMD-aligned like fftwf_malloc's buffers")
        input.withMemoryRebound(to: fftwf_complex.self, capacity: size * (size / 2 + 1)) {
            fftwf_execute_dft_c2r(plan, $0, output.floats)
        }
    }
}

/// A plan of the length-N complex transforms (`sign` FFTW_FORWARD or FFTW_BACKWARD, unnormalised) of every column of
/// the N×(N/2+1) half-plane at `spectrum`, in place: the k_y pass of the pruned 2-D transforms.
private func columnTransformsPlan(size: Int, spectrum: UnsafeMutablePointer<fftwf_complex>,
                                  sign: Int32) -> (plan: OpaquePointer, fromWisdom: Bool) {
    var n = Int32(size)
    let halfWidth = Int32(size / 2 + 1)
    return FFTWWisdom.plan { flags in
        fftwf_plan_many_dft(1, &n, halfWidth, spectrum, nil, halfWidth, 1, spectrum, nil, halfWidth, 1, sign, flags)
    }
}

/// A 2-D N×N complex-to-real transform like InverseRealFFT, pruned to what a stamp needs: the k_y transforms of every
/// half-plane column, then the k_x transforms of only the first `rows` output rows (a 64-row stamp drawn with N = 256
/// needs a quarter of them). The same steps as InverseRealFFT's 2-D plan, so the rows come out alike to rounding (bit
/// for bit with FFTW 3.3.10 on x86-64 when both are planned with FFTW_ESTIMATE; the shipped wisdom's measured plans
/// round differently). Input N×(N/2+1) interleaved complex floats (destroyed), output rows×N real.
final class PrunedInverseRealFFT: @unchecked Sendable {
    let size: Int
    let rows: Int
    /// The k_y complex transforms of all N/2 + 1 columns, in place.
    private let columnTransforms: OpaquePointer
    /// The k_x complex-to-real transforms of the first `rows` rows, out of place.
    private let rowTransforms: OpaquePointer
    /// Whether both plans came from the shipped wisdom (else FFTW_ESTIMATE made one or both).
    let fromWisdom: Bool

    private init(size: Int, rows: Int) {
        precondition(size.isMultiple(of: 2) && (1...size).contains(rows))
        self.size = size
        self.rows = rows
        let halfWidth = size / 2 + 1
        let input = FFTWBuffer(bytes: size * halfWidth * 8)
        let output = FFTWBuffer(bytes: rows * size * 4)
        let spectrum = input.pointer.assumingMemoryBound(to: fftwf_complex.self)
        var n = Int32(size)
        let columns = columnTransformsPlan(size: size, spectrum: spectrum, sign: FFTW_BACKWARD)
        let rowPlan = FFTWWisdom.plan { flags in
            fftwf_plan_many_dft_c2r(1, &n, Int32(rows), spectrum, nil, 1, Int32(halfWidth), output.floats, nil, 1,
                                    Int32(size), flags)
        }
        columnTransforms = columns.plan
        rowTransforms = rowPlan.plan
        fromWisdom = columns.fromWisdom && rowPlan.fromWisdom
    }

    /// The cached plan for size N and `rows` output rows (made once, under the planner lock).
    static func plan(size: Int, rows: Int) -> PrunedInverseRealFFT {
        cachedPlan(\.pruned, PrunedPlanKey(size: size, rows: rows)) { PrunedInverseRealFFT(size: size, rows: rows) }
    }

    /// out[y][x] = Σ in[ky][kx] e^{+2πi(kx x + ky y)/N} for y < rows (row-major, N floats per row), as
    /// InverseRealFFT's first rows; `input` holds N×(N/2+1) interleaved complex floats, must be SIMD-aligned like
    /// fftwf_malloc's buffers, and is destroyed.
    func execute(input: UnsafeMutablePointer<Float>, output: FFTWBuffer) {
        precondition(fftwf_alignment_of(input) == 0, "FFTW input must be SIMD-aligned like fftwf_malloc's buffers")
        precondition(output.byteCount >= rows * size * 4)
        input.withMemoryRebound(to: fftwf_complex.self, capacity: size * (size / 2 + 1)) {
            fftwf_execute_dft(columnTransforms, $0, $0)
            fftwf_execute_dft_c2r(rowTransforms, $0, output.floats)
        }
    }
}

/// A 2-D N×N real-to-complex (forward) transform of an image that is zero beyond its first `rows` rows: the k_x
/// transforms of only those rows, then the k_y transforms of every half-plane column. The same steps as
/// ForwardRealFFT's 2-D plan (bit for bit with FFTW 3.3.10 on x86-64 when both are planned with FFTW_ESTIMATE). Input
/// N×N real, output N×(N/2+1) complex.
final class PrunedForwardRealFFT: @unchecked Sendable {
    let size: Int
    let rows: Int
    /// The k_x real-to-complex transforms of the first `rows` rows, out of place.
    private let rowTransforms: OpaquePointer
    /// The k_y complex transforms of all N/2 + 1 columns, in place.
    private let columnTransforms: OpaquePointer

    private init(size: Int, rows: Int) {
        precondition(size.isMultiple(of: 2) && (1...size).contains(rows))
        self.size = size
        self.rows = rows
        let halfWidth = size / 2 + 1
        let input = FFTWBuffer(bytes: size * size * 4)
        let output = FFTWBuffer(bytes: size * halfWidth * 8)
        let spectrum = output.pointer.assumingMemoryBound(to: fftwf_complex.self)
        var n = Int32(size)
        rowTransforms = FFTWWisdom.plan { flags in
            fftwf_plan_many_dft_r2c(1, &n, Int32(rows), input.floats, nil, 1, Int32(size), spectrum, nil, 1,
                                    Int32(halfWidth), flags)
        }.plan
        columnTransforms = columnTransformsPlan(size: size, spectrum: spectrum, sign: FFTW_FORWARD).plan
    }

    /// The cached plan for size N and `rows` nonzero input rows (made once, under the planner lock).
    static func plan(size: Int, rows: Int) -> PrunedForwardRealFFT {
        cachedPlan(\.prunedForward, PrunedPlanKey(size: size, rows: rows)) {
            PrunedForwardRealFFT(size: size, rows: rows)
        }
    }

    /// out[ky][kx] = Σ in[y][x] e^{-2πi(kx x + ky y)/N} where `input` is zero from row `rows` on; `output` must hold
    /// zeros in its rows from `rows` on (as a new FFTWBuffer does): they are not written before the k_y transforms.
    func execute(input: FFTWBuffer, output: FFTWBuffer) {
        precondition(input.byteCount >= size * size * 4 && output.byteCount >= size * (size / 2 + 1) * 8)
        output.pointer.withMemoryRebound(to: fftwf_complex.self, capacity: size * (size / 2 + 1)) {
            fftwf_execute_dft_r2c(rowTransforms, input.floats, $0)
            fftwf_execute_dft(columnTransforms, $0, $0)
        }
    }
}

/// A 2-D N×N real-to-complex (forward) transform: input N×N real, output N×(N/2+1) complex.
final class ForwardRealFFT: @unchecked Sendable {
    let size: Int
    private let plan: OpaquePointer

    private init(size: Int) {
        self.size = size
        let input = FFTWBuffer(bytes: size * size * 4)
        let output = FFTWBuffer(bytes: size * (size / 2 + 1) * 8)
        plan = FFTWWisdom.plan { flags in
            fftwf_plan_dft_r2c_2d(Int32(size), Int32(size), input.floats,
                                  output.pointer.assumingMemoryBound(to: fftwf_complex.self), flags)
        }.plan
    }

    /// The cached plan for size N (made once, under the planner lock).
    static func plan(size: Int) -> ForwardRealFFT {
        cachedPlan(\.forward, size) { ForwardRealFFT(size: size) }
    }

    /// out[ky][kx] = Σ in[y][x] e^{-2πi(kx x + ky y)/N}.
    func execute(input: FFTWBuffer, output: FFTWBuffer) {
        fftwf_execute_dft_r2c(plan, input.floats, output.pointer.assumingMemoryBound(to: fftwf_complex.self))
    }
}

/// FFTW's version string, e.g. "fftw-3.3.10-sse2-avx".
var fftwVersion: String { String(cString: skysynth_fftwf_version()) }
