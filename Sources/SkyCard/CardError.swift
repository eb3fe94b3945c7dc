/// A problem writing a dataset card, printed as its message (which names the file).
public struct CardError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ message: String) {
        description = message
    }
}
