// The sample, its geometry and its bands as JSONText: keys in the encoder's sorted order, optionals omitted when nil,
// enums as their synthesized Codable form ({"case":{"label":value}}, raw-value enums as their raw string).

extension SampleSpec {
    /// Writes the spec as JSONEncoder would (see `canonicalJSON()`).
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("bands")
        json.openArray()
        for band in bands { band.writeCanonicalJSON(into: &json) }
        json.closeArray()
        json.key("image")
        image.writeCanonicalJSON(into: &json)
        json.key("index")
        json.number(index)
        json.key("objects")
        json.openArray()
        for object in objects { object.writeCanonicalJSON(into: &json) }
        json.closeArray()
        json.key("split")
        json.string(split.rawValue)
        if let sweep {
            json.key("sweep")
            sweep.writeCanonicalJSON(into: &json)
        }
        json.closeObject()
    }
}

extension ImageGeometry {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("height")
        json.number(height)
        json.key("pixelScale")
        json.number(pixelScale)
        json.key("width")
        json.number(width)
        json.closeObject()
    }
}

extension SweepPosition {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("point")
        json.number(point)
        json.key("replicate")
        json.number(replicate)
        json.closeObject()
    }
}

extension BandSpec {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        if let defects {
            json.key("defects")
            defects.writeCanonicalJSON(into: &json)
        }
        json.key("exposureTime")
        json.number(exposureTime)
        json.key("gain")
        json.number(gain)
        json.key("name")
        json.string(name)
        json.key("noise")
        noise.writeCanonicalJSON(into: &json)
        json.key("psf")
        psf.writeCanonicalJSON(into: &json)
        json.key("skyElectrons")
        json.number(skyElectrons)
        json.key("subtractSky")
        json.bool(subtractSky)
        json.key("zeroPoint")
        json.number(zeroPoint)
        json.closeObject()
    }
}

extension DefectDescription {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        json.key("badColumns")
        json.number(badColumns)
        json.key("cosmicRays")
        json.number(cosmicRays)
        if let fullWell {
            json.key("fullWell")
            json.number(fullWell)
        }
        json.key("hotPixels")
        json.number(hotPixels)
        json.key("missing")
        json.number(missing)
        json.closeObject()
    }
}

extension NoiseDescription {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        switch self {
        case .none:
            json.emptyObject("none")
        case .gaussian(let sigma):
            json.key("gaussian")
            json.openObject()
            json.key("sigma")
            json.number(sigma)
            json.closeObject()
        case .ccd(let gain, let readNoise):
            json.key("ccd")
            json.openObject()
            json.key("gain")
            json.number(gain)
            json.key("readNoise")
            json.number(readNoise)
            json.closeObject()
        }
        json.closeObject()
    }
}

extension PSFDescription {
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        switch self {
        case .gaussian(let fwhm):
            json.key("gaussian")
            json.openObject()
            json.key("fwhm")
            json.number(fwhm)
            json.closeObject()
        case .moffat(let beta, let fwhm):
            json.key("moffat")
            json.openObject()
            json.key("beta")
            json.number(beta)
            json.key("fwhm")
            json.number(fwhm)
            json.closeObject()
        case .airy(let lambdaOverD, let obscuration):
            json.key("airy")
            json.openObject()
            json.key("lambdaOverD")
            json.number(lambdaOverD)
            json.key("obscuration")
            json.number(obscuration)
            json.closeObject()
        case .kernel(let kernel):
            json.key("kernel")
            json.openObject()
            json.key("kernel")
            kernel.writeCanonicalJSON(into: &json)
            json.closeObject()
        }
        json.closeObject()
    }
}

extension PSFKernel {
    /// The kernel's identity as its `encode(to:)` writes it (no values).
    func writeCanonicalJSON(into json: inout JSONText) {
        json.openObject()
        if let dataset {
            json.key("dataset")
            json.string(dataset)
        }
        json.key("file")
        json.string(file)
        json.key("fwhm")
        json.number(fwhm)
        json.key("height")
        json.number(height)
        json.key("pixelScale")
        json.number(pixelScale)
        json.key("recentre")
        json.bool(recentre)
        json.key("sha256")
        json.string(sha256)
        json.key("width")
        json.number(width)
        json.closeObject()
    }
}
