import Foundation
internal import CHDF5

/// A 2-D array of numbers read from a kernel file, row-major (y major): `height` rows of `width` columns.
struct KernelArray: Equatable {
    var width: Int
    var height: Int
    var values: [Double]
}

/// Why a kernel file could not be read (the message names what is wrong; the caller names the file and field).
struct KernelReadError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Reads PSF kernels: NumPy .npy (format versions 1–3; little-endian '<f4', '<f8', '<i2', '<i4', '<i8'; C order;
/// 2-D) in pure Swift, and 2-D numeric HDF5 datasets through the HDF5 C library (read as native double).
enum KernelReader {
    /// Element types accepted in .npy files, by their `descr`, with their size in bytes.
    static let npyTypes: [String: Int] = ["<f4": 4, "<f8": 8, "<i2": 2, "<i4": 4, "<i8": 8]

    /// Parses the bytes of a .npy file.
    static func readNPY(_ bytes: [UInt8]) throws -> KernelArray {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw KernelReadError("not a NumPy .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw KernelReadError("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw KernelReadError("unsupported .npy format version \(major).\(bytes[7]); supported: 1, 2, 3")
        }
        guard bytes.count >= headerStart + headerLength else { throw KernelReadError("truncated .npy header") }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        let header = major == 3 ? String(decoding: headerBytes, as: UTF8.self)
                                : String(headerBytes.map { Character(Unicode.Scalar($0)) })
        guard let descr = headerValue(header, key: "descr").map(unquoted) else {
            throw KernelReadError("malformed .npy header (no 'descr'): \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard let itemSize = npyTypes[descr] else {
            throw KernelReadError("unsupported .npy element type '\(descr)'; supported: \(npyTypes.keys.sorted().joined(separator: ", ")) (little-endian)")
        }
        guard let fortran = headerValue(header, key: "fortran_order") else {
            throw KernelReadError("malformed .npy header (no 'fortran_order')")
        }
        guard fortran == "False" else {
            throw KernelReadError("the array is stored in Fortran order; save it in C order (numpy.ascontiguousarray)")
        }
        guard let shapeText = headerValue(header, key: "shape") else {
            throw KernelReadError("malformed .npy header (no 'shape')")
        }
        let dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw KernelReadError("malformed .npy shape \(shapeText)")
        }
        guard shape.count == 2 else {
            throw KernelReadError("the kernel must be a 2-D array, found shape (\(shape.map(String.init).joined(separator: ", ")))")
        }
        let height = shape[0], width = shape[1]
        guard width > 0, height > 0 else { throw KernelReadError("the kernel array is empty (shape (\(height), \(width)))") }
        guard width <= 1 << 20, height <= 1 << 20, width * height <= 1 << 26 else {
            throw KernelReadError("the kernel array is far too large (shape (\(height), \(width)))")
        }
        let dataStart = headerStart + headerLength
        let expected = width * height * itemSize
        guard bytes.count - dataStart >= expected else {
            throw KernelReadError("truncated .npy data: the shape (\(height), \(width)) needs \(expected) bytes, the file holds \(bytes.count - dataStart)")
        }
        guard bytes.count - dataStart == expected else {
            throw KernelReadError("the .npy file holds \(bytes.count - dataStart - expected) bytes beyond its (\(height), \(width)) array")
        }
        var values = [Double](repeating: 0, count: width * height)
        bytes.withUnsafeBytes { raw in
            for i in 0..<(width * height) {
                let at = dataStart + i * itemSize
                switch descr {
                case "<f4": values[i] = Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))))
                case "<f8": values[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                case "<i2": values[i] = Double(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int16.self)))
                case "<i4": values[i] = Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                default: values[i] = Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
                }
            }
        }
        return KernelArray(width: width, height: height, values: values)
    }

    /// The text of `key`'s value in a .npy header dict (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`).
    private static func headerValue(_ header: String, key: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
              let colon = header[keyRange.upperBound...].firstIndex(of: ":") else { return nil }
        var rest = header[header.index(after: colon)...].drop(while: { $0 == " " })
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        if let end = rest.firstIndex(where: { $0 == "," || $0 == "}" }) { rest = rest[..<end] }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    private static func unquoted(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
    }

    /// Reads the 2-D numeric dataset `dataset` of the HDF5 file at `path` as doubles.
    static func readHDF5(path: String, dataset: String) throws -> KernelArray {
        _ = skysynth_H5_quiet()
        guard H5Fis_hdf5(path) > 0 else { throw KernelReadError("not an HDF5 file") }
        let file = H5Fopen(path, skysynth_H5F_ACC_RDONLY(), skysynth_H5P_DEFAULT())
        guard file >= 0 else { throw KernelReadError("HDF5 cannot open the file") }
        defer { H5Fclose(file) }
        guard H5Lexists(file, dataset, skysynth_H5P_DEFAULT()) > 0 || dataset == "/" else {
            throw KernelReadError("no dataset '\(dataset)' in the file")
        }
        let data = H5Dopen2(file, dataset, skysynth_H5P_DEFAULT())
        guard data >= 0 else { throw KernelReadError("'\(dataset)' is not a dataset") }
        defer { H5Dclose(data) }
        let type = H5Dget_type(data)
        guard type >= 0 else { throw KernelReadError("cannot read the type of '\(dataset)'") }
        let typeClass = H5Tget_class(type)
        H5Tclose(type)
        guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER else {
            throw KernelReadError("dataset '\(dataset)' is not numeric (integer or floating point)")
        }
        let space = H5Dget_space(data)
        guard space >= 0 else { throw KernelReadError("cannot read the shape of '\(dataset)'") }
        defer { H5Sclose(space) }
        let rank = Int(H5Sget_simple_extent_ndims(space))
        guard rank >= 0 else { throw KernelReadError("cannot read the shape of '\(dataset)'") }
        var dims = [hsize_t](repeating: 0, count: max(rank, 1))
        if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
        guard rank == 2 else {
            throw KernelReadError("the kernel must be a 2-D dataset, '\(dataset)' has shape (\(dims.prefix(rank).map { String($0) }.joined(separator: ", ")))")
        }
        let height = Int(dims[0]), width = Int(dims[1])
        guard width > 0, height > 0 else { throw KernelReadError("dataset '\(dataset)' is empty") }
        guard width <= 1 << 20, height <= 1 << 20, width * height <= 1 << 26 else {
            throw KernelReadError("dataset '\(dataset)' is far too large (shape (\(height), \(width)))")
        }
        var values = [Double](repeating: 0, count: width * height)
        let status = values.withUnsafeMutableBytes { buffer in
            H5Dread(data, skysynth_H5T_NATIVE_DOUBLE(), skysynth_H5S_ALL(), skysynth_H5S_ALL(), skysynth_H5P_DEFAULT(), buffer.baseAddress)
        }
        guard status >= 0 else { throw KernelReadError("HDF5 cannot read dataset '\(dataset)' as numbers") }
        return KernelArray(width: width, height: height, values: values)
    }
}
