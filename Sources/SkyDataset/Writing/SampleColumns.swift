import SkyScene

/// The /samples group: one row per sample, per-band conditions as [N, B].
final class SampleColumns {
    private let index: ColumnBuffer<Int64>
    private let splitCode, objects: ColumnBuffer<Int32>
    private let zeroPoint, exposureTime, skyLevel, gain, readNoise, noiseSigma, psfFWHM, psfBeta, psfLambdaOverD, psfObscuration: ColumnBuffer<Double>
    private let skySubtracted: ColumnBuffer<Int32>
    private let maskThreshold: ColumnBuffer<Double>
    /// Sweep position and coordinates, when the scene sweeps parameters.
    private let sweep: (point: ColumnBuffer<Int32>, replicate: ColumnBuffer<Int64>, coordinates: ColumnBuffer<Double>,
                        values: [[Double]])?
    /// Every buffer, in creation order.
    let all: [any FlushableColumn]

    /// Creates the group's datasets preallocated for `count` samples of `bands` bands.
    init(in root: H5Group, count: Int, bands: Int, sweep: SweepDescription?) throws {
        let group = try root.createGroup("samples")
        try group.setAttribute("description", Codebook.samplesGroup)
        func perSample<T: H5Element>(_ spec: ColumnSpec) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: group, rows: count, width: nil)
        }
        func perBand<T: H5Element>(_ spec: ColumnSpec) throws -> ColumnBuffer<T> {
            try ColumnBuffer<T>(spec, in: group, rows: count, width: bands)
        }
        index = try perSample(Codebook.sampleIndex)
        splitCode = try perSample(Codebook.sampleSplit)
        try splitCode.setAttribute("codes", Codebook.splitCodes)
        objects = try perSample(Codebook.objectCount)
        zeroPoint = try perBand(Codebook.zeroPoint)
        exposureTime = try perBand(Codebook.exposureTime)
        skyLevel = try perBand(Codebook.skyLevel)
        gain = try perBand(Codebook.gain)
        readNoise = try perBand(Codebook.readNoise)
        noiseSigma = try perBand(Codebook.noiseSigma)
        psfFWHM = try perBand(Codebook.psfFWHM)
        psfBeta = try perBand(Codebook.psfBeta)
        psfLambdaOverD = try perBand(Codebook.psfLambdaOverD)
        psfObscuration = try perBand(Codebook.psfObscuration)
        skySubtracted = try perBand(Codebook.skySubtracted)
        maskThreshold = try perSample(Codebook.maskThreshold)
        if let sweep {
            let coordinates: ColumnBuffer<Double> = try ColumnBuffer(Codebook.sweepCoordinates, in: group, rows: count,
                                                                      width: sweep.parameters.count)
            self.sweep = (try perSample(Codebook.sweepPoint), try perSample(Codebook.replicate), coordinates, sweep.coordinates)
        } else {
            self.sweep = nil
        }
        all = [index, splitCode, objects, zeroPoint, exposureTime, skyLevel, gain, readNoise, noiseSigma,
               psfFWHM, psfBeta, psfLambdaOverD, psfObscuration, skySubtracted, maskThreshold] + (self.sweep.map { [$0.point, $0.replicate, $0.coordinates] } ?? [])
    }

    /// Queues the sample's row; `maskThreshold` in band-summed electrons per pixel.
    func append(_ spec: SampleSpec, maskThreshold threshold: Double) {
        maskThreshold.append(threshold)
        index.append(Int64(spec.index))
        splitCode.append(Int32(spec.split.code))
        objects.append(Int32(spec.objects.count))
        zeroPoint.append(row: spec.bands.map(\.zeroPoint))
        exposureTime.append(row: spec.bands.map(\.exposureTime))
        skyLevel.append(row: spec.bands.map(\.skyElectrons))
        gain.append(row: spec.bands.map(\.gain))
        readNoise.append(row: spec.bands.map { band in
            if case .ccd(_, let readNoise) = band.noise { return readNoise }
            return 0
        })
        noiseSigma.append(row: spec.bands.map { band in
            if case .gaussian(let sigma) = band.noise { return sigma }
            return .nan
        })
        psfFWHM.append(row: spec.bands.map(\.psf.fwhm))
        psfBeta.append(row: spec.bands.map { band in
            if case .moffat(let beta, _) = band.psf { return beta }
            return .nan
        })
        psfLambdaOverD.append(row: spec.bands.map { band in
            if case .airy(let lambdaOverD, _) = band.psf { return lambdaOverD }
            return .nan
        })
        psfObscuration.append(row: spec.bands.map { band in
            if case .airy(_, let obscuration) = band.psf { return obscuration }
            return .nan
        })
        skySubtracted.append(row: spec.bands.map { $0.subtractSky ? 1 : 0 })
        if let sweep, let position = spec.sweep {
            sweep.point.append(Int32(position.point))
            sweep.replicate.append(Int64(position.replicate))
            sweep.coordinates.append(row: sweep.values[position.point])
        }
    }
}
