import Foundation

/// Everything that can go wrong while writing or reading a SkySynth dataset file.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// An HDF5 call failed: the call, the file (and object) it worked on, HDF5's own explanation.
    case hdf5(call: String, path: String, detail: String)
    /// `append` got a sample index other than the next expected one.
    case outOfOrder(expected: Int, got: Int)
    /// A sample does not fit the dataset (wrong image size, band count, …).
    case invalidSample(index: Int, reason: String)
    /// A caller-supplied argument is unusable (duplicate attribute name, bad sample number, …).
    case invalidArgument(String)
    /// `finish` was called before every sample was appended.
    case incomplete(expected: Int, written: Int)
    /// The writer was already finished.
    case alreadyFinished(path: String)

    public var description: String {
        switch self {
        case let .hdf5(call, path, detail):
            return "HDF5 \(call) failed for '\(path)': \(detail)"
        case let .outOfOrder(expected, got):
            return "samples must be appended in order: expected sample \(expected), got \(got)"
        case let .invalidSample(index, reason):
            return "sample \(index) does not fit the dataset: \(reason)"
        case let .invalidArgument(reason):
            return reason
        case let .incomplete(expected, written):
            return "dataset incomplete: \(written) of \(expected) samples were appended"
        case let .alreadyFinished(path):
            return "dataset '\(path)' is already finished"
        }
    }

    public var errorDescription: String? { description }
}
