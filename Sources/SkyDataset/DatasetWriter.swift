import SkyRender
import SkyScene

/// Writes a SkySynth HDF5 dataset: samples appended strictly in index order, from one thread.
///
/// Memory stays bounded: images go to the file per sample; column rows and truth strings are
/// buffered for `Codebook.blockSamples` samples at a time. The file holds no timestamps, so
/// identical inputs give identical bytes.
public final class DatasetWriter {
    /// Version of the linked HDF5 library ("1.10.8"), also written as the `hdf5_version` root attribute.
    public static var hdf5Version: String { H5Library.version }

    /// Where the file is being written.
    public let path: String
    private let scene: SceneDescription
    /// The sample indices this file holds: every sample, or one shard's contiguous range.
    private let samples: Range<Int>
    private var file: H5File?
    private var state: OpenState?
    /// Index the next appended sample must have.
    private var nextIndex: Int
    private var pendingSamples = 0
    /// true when the images are virtual datasets referencing other files.
    private let isVirtual: Bool

    /// The open datasets of an unfinished file; images are nil when they are virtual (read from other files).
    private struct OpenState {
        let images: H5Dataset?
        let noiseless: H5Dataset?
        let truth: ColumnBuffer<String>
        let samples: SampleColumns
        let objects: ObjectColumns
        let splits: SplitColumns
        /// The optional pixel datasets the scene asks for, nil when they are virtual.
        let products: [(product: PixelProduct, dataset: H5Dataset?)]

        var buffers: [any FlushableColumn] { [truth] + samples.all + objects.all + splits.all }
    }

    /// Creates (truncates) the file at `path` and writes the root attributes and empty datasets.
    /// `sceneText` is the scene file verbatim; `attributes` are extra string attributes, in order.
    /// `samples` limits the file to a contiguous range of sample indices (a shard); rows then hold those samples.
    /// `imagesFrom` makes /images (and /noiseless) HDF5 virtual datasets that reference the same datasets in other
    /// files (absolute paths), rows `rows` each; `append` then takes no pixels.
    public init(path: String, scene: SceneDescription, sceneText: String, attributes: [(String, String)],
                samples: Range<Int>? = nil, imagesFrom: [(path: String, rows: Range<Int>)]? = nil) throws {
        guard scene.count >= 0, scene.image.width > 0, scene.image.height > 0, !scene.bands.isEmpty else {
            throw DatasetError.invalidArgument(
                "\(path): scene needs count >= 0, a positive image size and at least one band")
        }
        let samples = samples ?? 0..<scene.count
        guard samples.lowerBound >= 0, samples.upperBound <= scene.count else {
            throw DatasetError.invalidArgument("\(path): samples \(samples) outside the scene's 0..<\(scene.count)")
        }
        H5Library.silenceErrorPrinting()
        self.path = path
        self.scene = scene
        self.samples = samples
        nextIndex = samples.lowerBound
        let file = try H5File.create(path)
        self.file = file
        let root = try file.root()
        try RootAttributes.write(to: root, scene: scene, sceneText: sceneText, extra: attributes)

        let n = samples.count, b = scene.bands.count, h = scene.image.height, w = scene.image.width
        func imageDataset(_ spec: ColumnSpec, type: H5ElementType = .float32, sample: [Int]? = nil) throws -> H5Dataset {
            let dataset: H5Dataset
            let sample = sample ?? [b, h, w]
            if let imagesFrom {
                dataset = try root.createVirtualDataset(spec.name, type: type, shape: [n] + sample,
                                                        sources: imagesFrom.map { ($0.path, "/" + spec.name, $0.rows) })
            } else {
                dataset = try root.createDataset(spec.name, type: type, shape: [n] + sample, chunk: [1] + sample)
            }
            try dataset.setAttribute("units", spec.units)
            try dataset.setAttribute("description", spec.description)
            return dataset
        }
        isVirtual = imagesFrom != nil
        let images = try imageDataset(Codebook.images)
        let noiseless = scene.output.noiseless ? try imageDataset(Codebook.noiseless) : nil
        let products = try PixelProduct.requested(by: scene).map { product in
            (product, try imageDataset(product.spec, type: product.type, sample: product.sampleShape(bands: b, height: h, width: w)))
        }
        if !scene.psfVaries {
            let psf = try root.createDataset("psf", type: .float32, shape: [b, PSFImage.size, PSFImage.size])
            try psf.write(PSFImage.render(scene.bands.map(\.psf), pixelScale: scene.image.pixelScale, renderer: SampleRenderer(seed: 0)),
                          rowStart: 0, rowCount: b)
            let spec = PixelProduct.psfSpec(perSample: false)
            try psf.setAttribute("units", spec.units)
            try psf.setAttribute("description", spec.description)
        }
        let truth = try ColumnBuffer<String>(Codebook.truth, in: root, rows: n, width: nil)
        state = OpenState(images: isVirtual ? nil : images, noiseless: isVirtual ? nil : noiseless, truth: truth,
                          samples: try SampleColumns(in: root, count: n, bands: b, sweep: scene.sweep),
                          objects: try ObjectColumns(in: root, bands: b),
                          splits: try SplitColumns(in: root),
                          products: products.map { ($0.0, isVirtual ? nil : $0.1) })
    }

    /// Appends sample `spec.index` (must be the next index); `image` and `noiseless` are B×H×W floats in [band][y][x] order, ADU.
    /// `noiseless` must be given exactly when the scene asks for noiseless images. The scene's optional pixel products
    /// must not be requested (use `append(spec:rendered:)`).
    public func append(spec: SampleSpec, image: [Float], noiseless: [Float]?) throws {
        try append(spec: spec, image: image, noiseless: noiseless, rendered: nil)
    }

    /// Appends a rendered sample: images, the pixel products the scene asks for, and the rendering's object labels.
    /// For virtual images, `rendered` holds no pixels, only labels.
    public func append(spec: SampleSpec, rendered: RenderedSample) throws {
        try append(spec: spec, image: isVirtual ? [] : rendered.image,
                   noiseless: scene.output.noiseless && !isVirtual ? rendered.noiseless : nil, rendered: rendered)
    }

    private func append(spec: SampleSpec, image: [Float], noiseless: [Float]?, rendered: RenderedSample?) throws {
        guard let state else { throw DatasetError.alreadyFinished(path: path) }
        H5Library.silenceErrorPrinting()
        try validate(spec, image: image, noiseless: noiseless)
        if let rendered, rendered.objects.count != spec.objects.count, !rendered.objects.isEmpty {
            throw DatasetError.invalidSample(index: spec.index, reason: "\(rendered.objects.count) object labels for \(spec.objects.count) objects")
        }

        let row = spec.index - samples.lowerBound
        for (product, dataset) in state.products {
            guard let dataset else { continue }
            let count = product.valueCount(bands: scene.bands.count, height: scene.image.height, width: scene.image.width)
            guard let rendered, try product.write(rendered, to: dataset, row: row, count: count) else {
                throw DatasetError.invalidSample(index: spec.index, reason: "no /\(product.rawValue) of \(count) values for this sample")
            }
        }
        try state.images?.write(image, rowStart: row, rowCount: 1)
        if let dataset = state.noiseless, let noiseless {
            try dataset.write(noiseless, rowStart: row, rowCount: 1)
        }
        state.truth.append(spec.canonicalJSON())
        state.samples.append(spec, maskThreshold: spec.maskThreshold(scene.output.maskThreshold))
        state.objects.append(spec, labels: rendered.flatMap { $0.objects.isEmpty ? nil : $0.objects })
        state.splits.append(spec)
        nextIndex += 1
        pendingSamples += 1
        if pendingSamples >= Codebook.blockSamples { try flush() }
    }

    /// Writes every buffered row and closes the file; throws if not every sample of the file's range was appended.
    public func finish() throws {
        guard state != nil, let file else { throw DatasetError.alreadyFinished(path: path) }
        guard nextIndex == samples.upperBound else {
            throw DatasetError.incomplete(expected: samples.count, written: nextIndex - samples.lowerBound)
        }
        H5Library.silenceErrorPrinting()
        try flush()
        state = nil  // closes every dataset before the file, so the close below is the real one
        self.file = nil
        try file.close()
    }

    /// Writes every buffered row.
    private func flush() throws {
        guard let state else { return }
        for buffer in state.buffers { try buffer.flush() }
        pendingSamples = 0
    }

    /// Checks order and sizes before anything is written, so a rejected sample leaves the file untouched.
    private func validate(_ spec: SampleSpec, image: [Float], noiseless: [Float]?) throws {
        guard spec.index == nextIndex else { throw DatasetError.outOfOrder(expected: nextIndex, got: spec.index) }
        func reject(_ reason: String) -> DatasetError { .invalidSample(index: spec.index, reason: reason) }
        guard spec.index < samples.upperBound else { throw reject("the file holds samples \(samples) only") }
        let geometry = scene.image
        guard spec.image.width == geometry.width, spec.image.height == geometry.height else {
            throw reject("image is \(spec.image.width)×\(spec.image.height), the dataset \(geometry.width)×\(geometry.height)")
        }
        let bands = scene.bands.count
        guard spec.bands.count == bands else { throw reject("\(spec.bands.count) bands, the dataset has \(bands)") }
        for object in spec.objects where object.flux.count != bands || object.magnitude.count != bands {
            throw reject("object \(object.id) has \(object.flux.count) fluxes and \(object.magnitude.count) magnitudes for \(bands) bands")
        }
        let pixels = bands * geometry.width * geometry.height
        if isVirtual {
            guard image.isEmpty, noiseless == nil else { throw reject("the images are virtual: append takes no pixels") }
            return
        }
        guard image.count == pixels else { throw reject("image has \(image.count) values, expected \(pixels)") }
        if scene.output.noiseless {
            guard let noiseless else { throw reject("the scene asks for noiseless images but none was given") }
            guard noiseless.count == pixels else { throw reject("noiseless image has \(noiseless.count) values, expected \(pixels)") }
        } else if noiseless != nil {
            throw reject("a noiseless image was given but the scene does not store noiseless images")
        }
    }
}
