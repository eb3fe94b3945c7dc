/// Name, units and description of one dataset in the file: one codebook entry.
struct ColumnSpec: Sendable {
    let name: String
    let units: String
    let description: String
}

/// The fixed names, units and descriptions of everything a SkySynth dataset file holds.
enum Codebook {
    static let format = "skysynth-dataset"
    static let schemaVersion = "1"
    /// Samples buffered before column rows and truth strings are written.
    static let blockSamples = 512
    /// Rows per chunk of the extendable /objects and /splits datasets.
    static let chunkRows = 1024
    /// Meaning of the /samples/split codes.
    static let splitCodes = "0=train,1=validation,2=test"

    static let images = ColumnSpec(
        name: "images", units: "ADU",
        description: "Noisy images [sample, band, y, x]; row y=0 is the first row, x the column; sky subtracted where samples/sky_subtracted is 1")
    static let noiseless = ColumnSpec(
        name: "noiseless", units: "ADU",
        description: "Noiseless images [sample, band, y, x]: PSF-convolved object light divided by gain, without sky or noise")
    static let truth = ColumnSpec(
        name: "truth", units: "",
        description: "Complete SampleSpec of each sample as canonical JSON (sorted keys): the ground truth every other label projects")

    // /samples, one row per sample.
    static let sampleIndex = ColumnSpec(name: "index", units: "", description: "Sample index (row of /images)")
    static let sampleSplit = ColumnSpec(name: "split", units: "", description: "Split code: 0=train, 1=validation, 2=test")
    static let objectCount = ColumnSpec(name: "object_count", units: "", description: "Number of objects drawn into the stamp")
    // /samples, [N, B].
    static let zeroPoint = ColumnSpec(name: "zero_point", units: "mag", description: "Band zero point: magnitude giving 1 electron per second")
    static let exposureTime = ColumnSpec(name: "exposure_time", units: "s", description: "Exposure time per band")
    static let skyLevel = ColumnSpec(name: "sky_level", units: "electrons/pixel", description: "Mean sky background per pixel per exposure")
    static let gain = ColumnSpec(name: "gain", units: "electrons/ADU", description: "Gain converting electrons to image ADU")
    static let readNoise = ColumnSpec(name: "read_noise", units: "electrons", description: "CCD read noise sigma; 0 unless the band's noise model is ccd")
    static let noiseSigma = ColumnSpec(name: "noise_sigma", units: "ADU", description: "Sigma of additive Gaussian noise; NaN unless the band's noise model is gaussian")
    static let psfFWHM = ColumnSpec(name: "psf_fwhm", units: "arcsec", description: "PSF full width at half maximum")
    static let psfBeta = ColumnSpec(name: "psf_beta", units: "", description: "Moffat PSF beta; NaN unless the PSF is Moffat")
    static let psfLambdaOverD = ColumnSpec(name: "psf_lambda_over_d", units: "arcsec", description: "Airy PSF wavelength over aperture diameter; NaN unless the PSF is Airy")
    static let psfObscuration = ColumnSpec(name: "psf_obscuration", units: "", description: "Airy PSF central obscuration (fraction of the diameter); NaN unless the PSF is Airy")
    static let sweepPoint = ColumnSpec(name: "sweep_point", units: "", description: "0-based sweep point (row of the root attribute sweep_values)")
    static let replicate = ColumnSpec(name: "replicate", units: "", description: "0-based replicate within its sweep point; equal replicates share their random draws when sweep_common_random_numbers is true")
    static let sweepCoordinates = ColumnSpec(name: "sweep_coordinates", units: "", description: "Value of each swept parameter at the sample's point [sample, parameter] (parameters in the root attribute sweep_parameters; NaN where not a number)")
    static let maskThreshold = ColumnSpec(name: "mask_threshold", units: "electrons/pixel", description: "Band-summed noiseless light above which a pixel enters /segmentation and /arc_mask: output.mask_threshold x the band-summed sky and read noise sigma (at least 1 electron)")
    static let skySubtracted = ColumnSpec(name: "sky_subtracted", units: "", description: "1 when the mean sky level was subtracted from the images, else 0")

    // /objects, one row per object of every sample.
    static let objectSample = ColumnSpec(name: "sample", units: "", description: "Index of the sample the object belongs to")
    static let objectID = ColumnSpec(name: "id", units: "", description: "1-based object id within its stamp (0 is sky)")
    static let objectGroup = ColumnSpec(name: "group", units: "", description: "0-based index of the scene's object group it was drawn from")
    static let objectKind = ColumnSpec(name: "kind", units: "", description: "Object kind: sersic, star, lens, bulge_disk, spiral, or a shape kind (circle, ellipse, rectangle, polygon, star_polygon, line, arc, ring)")
    static let offsetX = ColumnSpec(name: "offset_x", units: "arcsec", description: "Offset from the stamp centre along +x (increasing column)")
    static let offsetY = ColumnSpec(name: "offset_y", units: "arcsec", description: "Offset from the stamp centre along +y (increasing row)")
    static let pixelX = ColumnSpec(name: "x", units: "pixel", description: "Column of the centre: (width-1)/2 + offset_x/pixel_scale (pixel centres are integers)")
    static let pixelY = ColumnSpec(name: "y", units: "pixel", description: "Row of the centre: (height-1)/2 + offset_y/pixel_scale (pixel centres are integers)")
    static let flux = ColumnSpec(name: "flux", units: "electrons", description: "Total flux per band [object, band]; for a lens system, its lens light (the source is in source_flux)")
    static let magnitude = ColumnSpec(name: "magnitude", units: "mag", description: "Magnitude per band on the band's zero point [object, band]")
    static let sersicN = ColumnSpec(name: "sersic_n", units: "", description: "Sersic index of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")
    static let halfLightRadius = ColumnSpec(name: "half_light_radius", units: "arcsec", description: "Circularised half-light radius sqrt(a*b) of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")
    static let axisRatio = ColumnSpec(name: "q", units: "", description: "Axis ratio b/a of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")
    static let positionAngle = ColumnSpec(name: "beta", units: "deg", description: "Position angle counter-clockwise from +x of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")
    static let g1 = ColumnSpec(name: "g1", units: "", description: "Reduced shear component g1 of the shape of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")
    static let g2 = ColumnSpec(name: "g2", units: "", description: "Reduced shear component g2 of the shape of a Sersic galaxy or of a lens system's lens light; NaN for other kinds")

    static let snr = ColumnSpec(name: "snr", units: "", description: "Matched-filter signal-to-noise of the object's noiseless light per band [object, band]: sqrt(sum s^2 / variance) with the pixel variance from sky, all objects' light and read noise; NaN unless the scene sets output.detection_snr")
    static let detection = ColumnSpec(name: "detection", units: "", description: "Per band [object, band]: 1 detected (snr >= output.detection_snr), 0 observed but not detected, 2 observed but masked (its brightest pixel is a defect), 3 not observed (band missing), -1 not computed")
    static let detectionCodes = "-1=not computed, 0=observed not detected, 1=detected, 2=observed but masked, 3=not observed"

    /// /splits/<name>.
    static func split(_ name: String) -> ColumnSpec {
        ColumnSpec(name: name, units: "", description: "Sorted indices of the samples in the \(name) split")
    }

    static let samplesGroup = "Per-sample columns: [N] or [N, band]"
    static let objectsGroup = "Per-object columns, one row per object of every sample: [M] or [M, band]"
    static let splitsGroup = "Sample indices of each split"
}
