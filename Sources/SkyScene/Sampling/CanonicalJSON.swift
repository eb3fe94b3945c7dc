/// A JSON text built by hand, byte for byte as Foundation's JSONEncoder writes it with
/// `[.sortedKeys, .withoutEscapingSlashes]` and non-finite numbers as the strings "inf", "-inf" and "nan".
///
/// The caller lists each object's keys in the encoder's order (ascending by UTF-8 bytes); commas are inserted here.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as a String.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Opens an object (as a value or an array element).
    mutating func openObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func closeObject() { bytes.append(UInt8(ascii: "}")) }

    /// Opens an array (as a value or an array element).
    mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
    }

    mutating func closeArray() { bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":` for a key that needs no escaping (a Swift identifier or coding key).
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `"name":` for a key of a dictionary, escaped like any string.
    mutating func dictionaryKey(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `"name":{}`: an enum case without payload.
    mutating func emptyObject(_ name: StaticString) {
        key(name)
        append("{}")
    }

    /// Writes `"name":{"_0":…}`: an enum case whose one payload is unlabelled, the payload written by `payload`.
    mutating func unlabelledCase(_ name: StaticString, _ payload: (inout JSONText) -> Void) {
        key(name)
        openObject()
        key("_0")
        payload(&self)
        closeObject()
    }

    /// The object {"beta","g1","g2","halfLightRadius","n","q"} of a Sérsic component: a `.sersic` shape's payload
    /// and a GalaxyComponentSpec are encoded alike.
    mutating func sersicParameters(n: Double, halfLightRadius: Double, q: Double, beta: Double, g1: Double, g2: Double) {
        openObject()
        key("beta")
        number(beta)
        key("g1")
        number(g1)
        key("g2")
        number(g2)
        key("halfLightRadius")
        number(halfLightRadius)
        key("n")
        number(n)
        key("q")
        number(q)
        closeObject()
    }

    /// A Double as `description` with a trailing ".0" removed (1 → `1`, 1e-05, 1e+16, -0); non-finite as strings.
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            string(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf")
            return
        }
        separate()
        let start = bytes.count
        value.write(to: &self)  // the text of `description`, without making a String
        let n = bytes.count
        if n - start >= 2 && bytes[n - 2] == UInt8(ascii: ".") && bytes[n - 1] == UInt8(ascii: "0") {
            bytes.removeLast()
            bytes.removeLast()
        }
    }

    /// An Int in decimal.
    mutating func number(_ value: Int) {
        separate()
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    /// A string: `"` and `\` escaped, \b \f \n \r \t, other bytes below 0x20 as \u00xx (lower-case hex); `/`, DEL and
    /// non-ASCII pass through as UTF-8.
    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(byte)
                case 0x08: escape(UInt8(ascii: "b"))
                case 0x0C: escape(UInt8(ascii: "f"))
                case 0x0A: escape(UInt8(ascii: "n"))
                case 0x0D: escape(UInt8(ascii: "r"))
                case 0x09: escape(UInt8(ascii: "t"))
                case 0x00..<0x20:
                    append("\\u00")
                    bytes.append(hexDigit(byte >> 4))
                    bytes.append(hexDigit(byte & 0xF))
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An array of numbers.
    mutating func numbers(_ values: [Double]) {
        openArray()
        for value in values { number(value) }
        closeArray()
    }

    private mutating func escape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }

    private func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A comma before a key or element unless it opens its container or follows its key.
    @inline(__always)
    private mutating func separate() {
        guard let last = bytes.last else { return }
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") && last != UInt8(ascii: ":") {
            bytes.append(UInt8(ascii: ","))
        }
    }
}

extension JSONText: TextOutputStream {
    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Where `Double.write(to:)` puts its digits (the stdlib's hook; without it, `write(_:)` gets the same text).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
