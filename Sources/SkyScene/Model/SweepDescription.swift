/// A sweep: the same replicates rendered at every point of a grid (or zipped lists) of scene-parameter values.
public struct SweepDescription: Sendable, Equatable, Codable {
    /// Swept parameter paths, e.g. `bands.*.psf.fwhm`.
    public var parameters: [String]
    /// Each point's value of each parameter, as YAML text (numbers print as numbers).
    public var values: [[String]]
    /// Each point's numeric value of each parameter (NaN where the value is not a number, e.g. a distribution).
    public var coordinates: [[Double]]
    /// Samples per point.
    public var replicates: Int
    /// true (default): replicate k draws the same objects, positions and noise at every point.
    public var commonRandomNumbers: Bool
    /// The resolved scene at each point (bands and objects may differ; geometry, bands' names and seed do not).
    public var scenes: [SceneDescription]

    public init(parameters: [String], values: [[String]], coordinates: [[Double]], replicates: Int,
                commonRandomNumbers: Bool, scenes: [SceneDescription]) {
        self.parameters = parameters
        self.values = values
        self.coordinates = coordinates
        self.replicates = replicates
        self.commonRandomNumbers = commonRandomNumbers
        self.scenes = scenes
    }

    /// Number of points.
    public var pointCount: Int { values.count }
}

/// Where one sample sits in its sweep.
public struct SweepPosition: Sendable, Equatable, Codable {
    /// 0-based point index.
    public var point: Int
    /// 0-based replicate index within the point.
    public var replicate: Int

    public init(point: Int, replicate: Int) {
        self.point = point
        self.replicate = replicate
    }
}
