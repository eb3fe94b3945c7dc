internal import CHDF5

// The only file of SkySynth that talks to the HDF5 C library. Handles live in final classes whose
// deinit closes them; every status is checked and a failure throws `DatasetError.hdf5` naming the
// call and the file/object path. No C type leaves this file's internal API.

/// Element types SkySynth stores (all little-endian in the file).
enum H5ElementType: Sendable, Equatable {
    case float32, float64, int32, int64, uint64, uint8, string
}

/// A Swift type that maps to one HDF5 element type.
protocol H5Element {
    static var h5Type: H5ElementType { get }
}

extension Float: H5Element { static var h5Type: H5ElementType { .float32 } }
extension Double: H5Element { static var h5Type: H5ElementType { .float64 } }
extension Int32: H5Element { static var h5Type: H5ElementType { .int32 } }
extension Int64: H5Element { static var h5Type: H5ElementType { .int64 } }
extension UInt64: H5Element { static var h5Type: H5ElementType { .uint64 } }
extension UInt8: H5Element { static var h5Type: H5ElementType { .uint8 } }
extension String: H5Element { static var h5Type: H5ElementType { .string } }

/// A scalar attribute value as read from a file.
enum H5AttributeValue: Sendable, Equatable {
    case string(String)
    case double(Double)
    case int(Int64)
    case uint(UInt64)
    /// Anything SkySynth does not write (arrays, compound, …), described by its type class.
    case unsupported(String)
}

/// What a group member is.
enum H5MemberKind: Sendable, Equatable {
    case group, dataset, other
}

/// Library-wide setup.
enum H5Library {
    /// Bounds HDF5's internal free lists (once per process): each kind keeps at most 64 KiB of freed blocks for
    /// reuse instead of up to 1–16 MiB, which it filled over a long run with blocks of every size it had used
    /// (chunk and conversion buffers, global heap collections): ~2.5 MiB more peak memory at 20 000 samples than at
    /// 1000, with no measurable change in speed.
    static func limitFreeLists() {
        _ = freeListLimits
    }

    private static let freeListLimits: Int32 = {
        let bytes: Int32 = 64 << 10
        return H5set_free_list_limits(bytes, bytes, bytes, bytes, bytes, bytes)
    }()

    /// Stops HDF5 printing its error stack; call on the thread doing HDF5 work (the setting is per thread).
    static func silenceErrorPrinting() {
        _ = skysynth_H5_quiet()
    }

    /// Version of the linked HDF5 library, "major.minor.release" ("unknown" if HDF5 cannot say).
    static var version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        guard H5get_libversion(&major, &minor, &release) >= 0 else { return "unknown" }
        return "\(major).\(minor).\(release)"
    }
}

// MARK: - Status checking

/// Collects error descriptions while walking HDF5's error stack.
private final class ErrorMessages {
    var messages: [String] = []
}

/// HDF5's explanation of the last failure (innermost and outermost messages), clearing the stack.
private func hdf5ErrorDetail() -> String {
    let box = ErrorMessages()
    let context = Unmanaged.passUnretained(box).toOpaque()
    _ = H5Ewalk2(0, H5E_WALK_UPWARD, { _, error, data in
        guard let error, let data, let desc = error.pointee.desc else { return 0 }
        Unmanaged<ErrorMessages>.fromOpaque(data).takeUnretainedValue().messages.append(String(cString: desc))
        return 0
    }, context)
    _ = H5Eclear2(0)
    let messages = box.messages.filter { !$0.isEmpty }
    guard let innermost = messages.first, let outermost = messages.last else { return "no detail from HDF5" }
    return innermost == outermost ? innermost : "\(outermost) (\(innermost))"
}

/// Returns `id`, or throws naming `call` and `path` when it is negative.
@discardableResult
private func check(_ id: hid_t, _ call: String, _ path: String) throws -> hid_t {
    if id < 0 { throw DatasetError.hdf5(call: call, path: path, detail: hdf5ErrorDetail()) }
    return id
}

/// Throws naming `call` and `path` when an HDF5 status (herr_t / htri_t / int) is negative.
@discardableResult
private func check(_ status: Int32, _ call: String, _ path: String) throws -> Int32 {
    if status < 0 { throw DatasetError.hdf5(call: call, path: path, detail: hdf5ErrorDetail()) }
    return status
}

private var defaultPlist: hid_t { skysynth_H5P_DEFAULT() }

/// A NUL-terminated heap copy of `s`; the caller deallocates it.
private func cStringCopy(_ s: String) -> UnsafeMutablePointer<CChar> {
    let bytes = Array(s.utf8CString)
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    p.initialize(from: bytes, count: bytes.count)
    return p
}

// MARK: - Handles

/// An owned datatype (always a copy, so closing it is always valid).
final class H5Datatype {
    let id: hid_t
    private init(id: hid_t) { self.id = id }
    deinit { _ = H5Tclose(id) }

    /// Copies a predefined type.
    private static func copy(_ predefined: hid_t, _ path: String) throws -> H5Datatype {
        H5Datatype(id: try check(H5Tcopy(predefined), "H5Tcopy", path))
    }

    /// Variable-length UTF-8 string type (same in memory and file).
    static func utf8String(_ path: String) throws -> H5Datatype {
        let t = try copy(skysynth_H5T_C_S1(), path)
        try check(H5Tset_size(t.id, skysynth_H5T_VARIABLE()), "H5Tset_size", path)
        try check(H5Tset_cset(t.id, H5T_CSET_UTF8), "H5Tset_cset", path)
        return t
    }

    /// The explicit little-endian file type for `type`.
    static func file(_ type: H5ElementType, _ path: String) throws -> H5Datatype {
        switch type {
        case .float32: return try copy(skysynth_H5T_IEEE_F32LE(), path)
        case .float64: return try copy(skysynth_H5T_IEEE_F64LE(), path)
        case .int32: return try copy(skysynth_H5T_STD_I32LE(), path)
        case .int64: return try copy(skysynth_H5T_STD_I64LE(), path)
        case .uint64:
            let t = try copy(skysynth_H5T_STD_I64LE(), path)
            try check(H5Tset_sign(t.id, H5T_SGN_NONE), "H5Tset_sign", path)
            return t
        case .uint8: return try unsignedByte(skysynth_H5T_STD_I32LE(), path)
        case .string: return try utf8String(path)
        }
    }

    /// A one-byte unsigned integer type derived from a 32-bit integer type.
    private static func unsignedByte(_ base: hid_t, _ path: String) throws -> H5Datatype {
        let t = try copy(base, path)
        try check(H5Tset_precision(t.id, 8), "H5Tset_precision", path)
        try check(H5Tset_size(t.id, 1), "H5Tset_size", path)
        try check(H5Tset_sign(t.id, H5T_SGN_NONE), "H5Tset_sign", path)
        return t
    }

    /// The native memory type for `type`.
    static func memory(_ type: H5ElementType, _ path: String) throws -> H5Datatype {
        switch type {
        case .float32: return try copy(skysynth_H5T_NATIVE_FLOAT(), path)
        case .float64: return try copy(skysynth_H5T_NATIVE_DOUBLE(), path)
        case .int32: return try copy(skysynth_H5T_NATIVE_INT32(), path)
        case .int64: return try copy(skysynth_H5T_NATIVE_INT64(), path)
        case .uint64:
            let t = try copy(skysynth_H5T_NATIVE_INT64(), path)
            try check(H5Tset_sign(t.id, H5T_SGN_NONE), "H5Tset_sign", path)
            return t
        case .uint8: return try unsignedByte(skysynth_H5T_NATIVE_INT32(), path)
        case .string: return try utf8String(path)
        }
    }

    /// Adopts a type id returned by H5Dget_type / H5Aget_type.
    static func adopt(_ id: hid_t, _ call: String, _ path: String) throws -> H5Datatype {
        H5Datatype(id: try check(id, call, path))
    }

    /// Short name of the type: "float32", "int64", "uint8", "string", …
    func name(_ path: String) throws -> String {
        let typeClass = H5Tget_class(id)
        let size = H5Tget_size(id)
        switch typeClass {
        case H5T_FLOAT:
            return "float\(size * 8)"
        case H5T_INTEGER:
            let sign = H5Tget_sign(id)
            if sign == H5T_SGN_ERROR { try check(Int32(-1), "H5Tget_sign", path) }
            return (sign == H5T_SGN_NONE ? "uint" : "int") + "\(size * 8)"
        case H5T_STRING:
            return "string"
        case H5T_NO_CLASS:
            try check(Int32(-1), "H5Tget_class", path)
            return "unknown"
        default:
            return "other"
        }
    }
}

/// An owned dataspace.
final class H5Dataspace {
    let id: hid_t
    init(adopting id: hid_t, _ call: String, _ path: String) throws {
        self.id = try check(id, call, path)
    }
    deinit { _ = H5Sclose(id) }

    /// A scalar dataspace (one element, rank 0).
    static func scalar(_ path: String) throws -> H5Dataspace {
        try H5Dataspace(adopting: H5Screate(H5S_SCALAR), "H5Screate", path)
    }

    /// A simple dataspace of `dims`, fixed size unless `unlimitedFirst` makes dimension 0 unlimited.
    static func simple(_ dims: [Int], unlimitedFirst: Bool = false, _ path: String) throws -> H5Dataspace {
        let current = dims.map { hsize_t($0) }
        var maximum = current
        if unlimitedFirst, !maximum.isEmpty { maximum[0] = skysynth_H5S_UNLIMITED() }
        return try H5Dataspace(adopting: H5Screate_simple(Int32(dims.count), current, maximum), "H5Screate_simple", path)
    }

    /// Current dimensions.
    func dims(_ path: String) throws -> [Int] {
        let rank = Int(try check(H5Sget_simple_extent_ndims(id), "H5Sget_simple_extent_ndims", path))
        var dims = [hsize_t](repeating: 0, count: rank)
        if rank > 0 {
            try check(H5Sget_simple_extent_dims(id, &dims, nil), "H5Sget_simple_extent_dims", path)
        }
        return dims.map { Int($0) }
    }

    /// Selects rows `start..<start+count` along dimension 0, all of the other dimensions.
    func selectRows(_ start: Int, _ count: Int, dims: [Int], _ path: String) throws {
        var offsets = [hsize_t](repeating: 0, count: dims.count)
        var counts = dims.map { hsize_t($0) }
        offsets[0] = hsize_t(start)
        counts[0] = hsize_t(count)
        try check(H5Sselect_hyperslab(id, H5S_SELECT_SET, offsets, nil, counts, nil), "H5Sselect_hyperslab", path)
    }
}

/// An owned property list.
final class H5PropertyList {
    let id: hid_t
    private init(id: hid_t) { self.id = id }
    deinit { _ = H5Pclose(id) }

    /// A creation property list of `plistClass` with object timestamps switched off.
    private static func untimed(_ plistClass: hid_t, _ path: String) throws -> H5PropertyList {
        let list = H5PropertyList(id: try check(H5Pcreate(plistClass), "H5Pcreate", path))
        try check(H5Pset_obj_track_times(list.id, false), "H5Pset_obj_track_times", path)
        return list
    }

    /// File creation list (also governs the root group): no timestamps.
    static func fileCreation(_ path: String) throws -> H5PropertyList {
        try untimed(skysynth_H5P_FILE_CREATE(), path)
    }

    /// File access list whose raw-data chunk cache is 16 KiB per dataset (HDF5's default is 1 MiB per open dataset,
    /// which for the ~100 datasets of a dataset file grows RSS with the number of samples written until full;
    /// columns are written sequentially in blocks, so a few chunks per dataset suffice), and a metadata cache of a
    /// fixed 1 MiB, so peak memory does not grow with the number of samples.
    static func fileAccess(_ path: String) throws -> H5PropertyList {
        H5Library.limitFreeLists()
        let list = H5PropertyList(id: try check(H5Pcreate(skysynth_H5P_FILE_ACCESS()), "H5Pcreate", path))
        try check(H5Pset_cache(list.id, 0, 521, 16 * 1024, 1.0), "H5Pset_cache", path)
        // The metadata cache (chunk indices and the global heap of the truth strings grow with the samples) fixed at
        // 1 MiB instead of growing to 32 MiB. Allowed to grow to 2 MiB, it did so over ~20 000 samples (~1 MiB more
        // peak memory), with no measurable change in speed.
        var config = H5AC_cache_config_t()
        config.version = 1  // H5AC__CURR_CACHE_CONFIG_VERSION
        try check(H5Pget_mdc_config(list.id, &config), "H5Pget_mdc_config", path)
        config.set_initial_size = true
        config.initial_size = 1 << 20
        config.min_size = 1 << 20
        config.max_size = 1 << 20
        try check(H5Pset_mdc_config(list.id, &config), "H5Pset_mdc_config", path)
        return list
    }

    /// Group creation list: no timestamps.
    static func groupCreation(_ path: String) throws -> H5PropertyList {
        try untimed(skysynth_H5P_GROUP_CREATE(), path)
    }

    /// Dataset creation list: no timestamps, optional chunk shape.
    static func datasetCreation(chunk: [Int]?, _ path: String) throws -> H5PropertyList {
        let list = try untimed(skysynth_H5P_DATASET_CREATE(), path)
        if let chunk {
            let dims = chunk.map { hsize_t($0) }
            try check(H5Pset_chunk(list.id, Int32(dims.count), dims), "H5Pset_chunk", path)
        }
        return list
    }
}

/// An owned attribute.
private final class H5Attribute {
    let id: hid_t
    init(adopting id: hid_t, _ call: String, _ path: String) throws {
        self.id = try check(id, call, path)
    }
    deinit { _ = H5Aclose(id) }
}

/// An open HDF5 file.
final class H5File {
    let id: hid_t
    /// File system path (used in error messages).
    let path: String
    private var isOpen = true

    private init(id: hid_t, path: String) {
        self.id = id
        self.path = path
    }

    /// Creates (truncating) a file at `path`, without timestamps on its root group.
    static func create(_ path: String) throws -> H5File {
        H5Library.silenceErrorPrinting()
        let fcpl = try H5PropertyList.fileCreation(path)
        let fapl = try H5PropertyList.fileAccess(path)
        let id = try check(H5Fcreate(path, skysynth_H5F_ACC_TRUNC(), fcpl.id, fapl.id), "H5Fcreate", path)
        return H5File(id: id, path: path)
    }

    /// Opens an existing file read-only.
    static func openReadOnly(_ path: String) throws -> H5File {
        H5Library.silenceErrorPrinting()
        // The same bounded caches as for writing: reading a column of variable-length strings (e.g. /objects/kind)
        // otherwise kept every global-heap collection it touched in a metadata cache of up to 32 MiB.
        let access = try H5PropertyList.fileAccess(path)
        let id = try check(H5Fopen(path, skysynth_H5F_ACC_RDONLY(), access.id), "H5Fopen", path)
        return H5File(id: id, path: path)
    }

    /// The root group "/".
    func root() throws -> H5Group {
        try H5Group(adopting: H5Gopen2(id, "/", defaultPlist), call: "H5Gopen2", file: self, objectPath: "/")
    }

    /// Closes the file now (objects opened from it must already be released); checks the status.
    func close() throws {
        guard isOpen else { return }
        isOpen = false
        try check(H5Fclose(id), "H5Fclose", path)
    }

    deinit {
        if isOpen { _ = H5Fclose(id) }
    }
}

/// Operations shared by groups and datasets: scalar attributes.
protocol H5AttributeHolder: AnyObject {
    var id: hid_t { get }
    /// "file:/object" for error messages.
    var displayPath: String { get }
}

extension H5AttributeHolder {
    /// Writes a scalar variable-length UTF-8 string attribute.
    func setAttribute(_ name: String, _ value: String) throws {
        let where_ = "\(displayPath) attribute '\(name)'"
        let type = try H5Datatype.utf8String(where_)
        let attribute = try createAttribute(name, fileType: type, where_)
        let pointer: UnsafeMutablePointer<CChar>? = cStringCopy(value)
        defer { pointer?.deallocate() }
        var slot = pointer
        try check(H5Awrite(attribute.id, type.id, &slot), "H5Awrite", where_)
    }

    /// Writes a scalar float64 attribute.
    func setAttribute(_ name: String, _ value: Double) throws {
        try setNumericAttribute(name, .float64, value)
    }

    /// Writes a scalar int64 attribute.
    func setAttribute(_ name: String, _ value: Int64) throws {
        try setNumericAttribute(name, .int64, value)
    }

    /// Writes a scalar uint64 attribute.
    func setAttribute(_ name: String, _ value: UInt64) throws {
        try setNumericAttribute(name, .uint64, value)
    }

    private func setNumericAttribute<T: BitwiseCopyable>(_ name: String, _ type: H5ElementType, _ value: T) throws {
        let where_ = "\(displayPath) attribute '\(name)'"
        let fileType = try H5Datatype.file(type, where_)
        let memoryType = try H5Datatype.memory(type, where_)
        let attribute = try createAttribute(name, fileType: fileType, where_)
        try withUnsafeBytes(of: value) { bytes in
            _ = try check(H5Awrite(attribute.id, memoryType.id, bytes.baseAddress), "H5Awrite", where_)
        }
    }

    private func createAttribute(_ name: String, fileType: H5Datatype, _ where_: String) throws -> H5Attribute {
        let space = try H5Dataspace.scalar(where_)
        return try H5Attribute(adopting: H5Acreate2(id, name, fileType.id, space.id, defaultPlist, defaultPlist),
                               "H5Acreate2", where_)
    }

    /// Names of all attributes in name order.
    func attributeNames() throws -> [String] {
        let box = NameList()
        let context = Unmanaged.passUnretained(box).toOpaque()
        try check(H5Aiterate2(id, H5_INDEX_NAME, H5_ITER_INC, nil, { _, name, _, data in
            guard let name, let data else { return -1 }
            Unmanaged<NameList>.fromOpaque(data).takeUnretainedValue().names.append(String(cString: name))
            return 0
        }, context), "H5Aiterate2", displayPath)
        return box.names
    }

    /// True when the attribute exists.
    func hasAttribute(_ name: String) throws -> Bool {
        try check(H5Aexists(id, name), "H5Aexists", "\(displayPath) attribute '\(name)'") > 0
    }

    /// Reads a scalar attribute of any type SkySynth writes.
    func attribute(_ name: String) throws -> H5AttributeValue {
        let where_ = "\(displayPath) attribute '\(name)'"
        let attribute = try H5Attribute(adopting: H5Aopen(id, name, defaultPlist), "H5Aopen", where_)
        let space = try H5Dataspace(adopting: H5Aget_space(attribute.id), "H5Aget_space", where_)
        let points = H5Sget_simple_extent_npoints(space.id)
        if points < 0 { try check(Int32(-1), "H5Sget_simple_extent_npoints", where_) }
        let type = try H5Datatype.adopt(H5Aget_type(attribute.id), "H5Aget_type", where_)
        let typeName = try type.name(where_)
        guard points == 1 else { return .unsupported("\(typeName)[\(points)]") }
        switch H5Tget_class(type.id) {
        case H5T_STRING:
            return .string(try readStringAttribute(attribute, type, where_))
        case H5T_FLOAT:
            var v = 0.0
            let memoryType = try H5Datatype.memory(.float64, where_)
            try check(H5Aread(attribute.id, memoryType.id, &v), "H5Aread", where_)
            return .double(v)
        case H5T_INTEGER where typeName.hasPrefix("uint"):
            var v: UInt64 = 0
            let memoryType = try H5Datatype.memory(.uint64, where_)
            try check(H5Aread(attribute.id, memoryType.id, &v), "H5Aread", where_)
            return .uint(v)
        case H5T_INTEGER:
            var v: Int64 = 0
            let memoryType = try H5Datatype.memory(.int64, where_)
            try check(H5Aread(attribute.id, memoryType.id, &v), "H5Aread", where_)
            return .int(v)
        default:
            return .unsupported(typeName)
        }
    }

    private func readStringAttribute(_ attribute: H5Attribute, _ fileType: H5Datatype, _ where_: String) throws -> String {
        let isVariable = try check(H5Tis_variable_str(fileType.id), "H5Tis_variable_str", where_) > 0
        if isVariable {
            let memoryType = try H5Datatype.utf8String(where_)
            var pointer: UnsafeMutablePointer<CChar>? = nil
            try check(H5Aread(attribute.id, memoryType.id, &pointer), "H5Aread", where_)
            defer { if let pointer { _ = H5free_memory(pointer) } }
            return pointer.map { String(cString: $0) } ?? ""
        }
        let size = H5Tget_size(fileType.id)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        try check(H5Aread(attribute.id, fileType.id, &bytes), "H5Aread", where_)
        let end = bytes.firstIndex(of: 0) ?? size
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}

/// Collects names during H5Aiterate2 / H5Literate.
private final class NameList {
    var names: [String] = []
}

/// An open group.
final class H5Group: H5AttributeHolder {
    let id: hid_t
    let file: H5File
    /// Path inside the file, "/" for the root.
    let objectPath: String
    var displayPath: String { "\(file.path):\(objectPath)" }

    fileprivate init(adopting id: hid_t, call: String, file: H5File, objectPath: String) throws {
        self.id = try check(id, call, "\(file.path):\(objectPath)")
        self.file = file
        self.objectPath = objectPath
    }
    deinit { _ = H5Gclose(id) }

    private func childPath(_ name: String) -> String {
        objectPath == "/" ? "/\(name)" : "\(objectPath)/\(name)"
    }

    /// Creates a child group without timestamps.
    func createGroup(_ name: String) throws -> H5Group {
        let path = childPath(name)
        let gcpl = try H5PropertyList.groupCreation("\(file.path):\(path)")
        return try H5Group(adopting: H5Gcreate2(id, name, defaultPlist, gcpl.id, defaultPlist),
                           call: "H5Gcreate2", file: file, objectPath: path)
    }

    /// Opens a child group.
    func openGroup(_ name: String) throws -> H5Group {
        try H5Group(adopting: H5Gopen2(id, name, defaultPlist), call: "H5Gopen2", file: file, objectPath: childPath(name))
    }

    /// Creates a dataset; `extendable` makes dimension 0 unlimited (then `chunk` is required).
    func createDataset(_ name: String, type: H5ElementType, shape: [Int], extendable: Bool = false,
                       chunk: [Int]? = nil) throws -> H5Dataset {
        let path = childPath(name)
        let where_ = "\(file.path):\(path)"
        let space = try H5Dataspace.simple(shape, unlimitedFirst: extendable, where_)
        let dcpl = try H5PropertyList.datasetCreation(chunk: chunk, where_)
        let fileType = try H5Datatype.file(type, where_)
        let id = try check(H5Dcreate2(self.id, name, fileType.id, space.id, defaultPlist, dcpl.id, defaultPlist),
                           "H5Dcreate2", where_)
        return H5Dataset(id: id, file: file, objectPath: path)
    }

    /// Creates a virtual dataset of `shape` whose rows come from datasets in other files: source k's whole dataset
    /// `sources[k].dataset` in `sources[k].file` maps onto rows `sources[k].rows`.
    func createVirtualDataset(_ name: String, type: H5ElementType, shape: [Int],
                              sources: [(file: String, dataset: String, rows: Range<Int>)]) throws -> H5Dataset {
        let path = childPath(name)
        let where_ = "\(file.path):\(path)"
        let space = try H5Dataspace.simple(shape, where_)
        let dcpl = try H5PropertyList.datasetCreation(chunk: nil, where_)
        for source in sources {
            try space.selectRows(source.rows.lowerBound, source.rows.count, dims: shape, where_)
            var sourceShape = shape
            sourceShape[0] = source.rows.count
            let sourceSpace = try H5Dataspace.simple(sourceShape, where_)
            try check(H5Pset_virtual(dcpl.id, space.id, source.file, source.dataset, sourceSpace.id), "H5Pset_virtual", where_)
        }
        try check(H5Sselect_all(space.id), "H5Sselect_all", where_)
        let fileType = try H5Datatype.file(type, where_)
        let id = try check(H5Dcreate2(self.id, name, fileType.id, space.id, defaultPlist, dcpl.id, defaultPlist),
                           "H5Dcreate2", where_)
        return H5Dataset(id: id, file: file, objectPath: path)
    }

    /// Opens a child dataset.
    func openDataset(_ name: String) throws -> H5Dataset {
        let path = childPath(name)
        let id = try check(H5Dopen2(self.id, name, defaultPlist), "H5Dopen2", "\(file.path):\(path)")
        return H5Dataset(id: id, file: file, objectPath: path)
    }

    /// Names of the group's members in name order.
    func memberNames() throws -> [String] {
        let box = NameList()
        let context = Unmanaged.passUnretained(box).toOpaque()
        try check(H5Literate(id, H5_INDEX_NAME, H5_ITER_INC, nil, { _, name, _, data in
            guard let name, let data else { return -1 }
            Unmanaged<NameList>.fromOpaque(data).takeUnretainedValue().names.append(String(cString: name))
            return 0
        }, context), "H5Literate", displayPath)
        return box.names
    }

    /// Whether member `name` is a group, a dataset or something else.
    func memberKind(_ name: String) throws -> H5MemberKind {
        let where_ = "\(file.path):\(childPath(name))"
        let object = try check(H5Oopen(id, name, defaultPlist), "H5Oopen", where_)
        defer { _ = H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }
}

/// An open dataset.
final class H5Dataset: H5AttributeHolder {
    let id: hid_t
    let file: H5File
    /// Path inside the file.
    let objectPath: String
    var displayPath: String { "\(file.path):\(objectPath)" }

    fileprivate init(id: hid_t, file: H5File, objectPath: String) {
        self.id = id
        self.file = file
        self.objectPath = objectPath
    }
    deinit { _ = H5Dclose(id) }

    private func fileSpace() throws -> H5Dataspace {
        try H5Dataspace(adopting: H5Dget_space(id), "H5Dget_space", displayPath)
    }

    /// Current dimensions.
    func shape() throws -> [Int] {
        try fileSpace().dims(displayPath)
    }

    /// Element type name ("float32", "int64", "string", …).
    func typeName() throws -> String {
        try H5Datatype.adopt(H5Dget_type(id), "H5Dget_type", displayPath).name(displayPath)
    }

    /// Grows (or shrinks) dimension 0 to `rows`; the dataset must be chunked and extendable.
    func setRowCount(_ rows: Int) throws {
        var dims = try shape().map { hsize_t($0) }
        dims[0] = hsize_t(rows)
        try check(H5Dset_extent(id, dims), "H5Dset_extent", displayPath)
    }

    /// Writes `values` (row-major) into rows `rowStart..<rowStart+rowCount`.
    func write<T: H5Element>(_ values: [T], rowStart: Int, rowCount: Int) throws {
        guard rowCount > 0 else { return }
        let space = try fileSpace()
        let dims = try space.dims(displayPath)
        let perRow = dims.dropFirst().reduce(1, *)
        guard values.count == perRow * rowCount, rowStart + rowCount <= dims[0] else {
            throw DatasetError.invalidArgument(
                "\(displayPath): writing \(values.count) values to rows \(rowStart)..<\(rowStart + rowCount) of shape \(dims)")
        }
        try space.selectRows(rowStart, rowCount, dims: dims, displayPath)
        var memoryDims = dims
        memoryDims[0] = rowCount
        let memorySpace = try H5Dataspace.simple(memoryDims, displayPath)
        let memoryType = try H5Datatype.memory(T.h5Type, displayPath)
        if let strings = values as? [String] {
            let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { cStringCopy($0) }
            defer { pointers.forEach { $0?.deallocate() } }
            _ = try pointers.withUnsafeBufferPointer { buffer in
                try check(H5Dwrite(id, memoryType.id, memorySpace.id, space.id, defaultPlist, buffer.baseAddress),
                          "H5Dwrite", displayPath)
            }
        } else {
            _ = try values.withUnsafeBytes { buffer in
                try check(H5Dwrite(id, memoryType.id, memorySpace.id, space.id, defaultPlist, buffer.baseAddress),
                          "H5Dwrite", displayPath)
            }
        }
    }

    /// Reads rows `rowStart..<rowStart+rowCount` (row-major), converting numbers to `T` as HDF5 does.
    func read<T: H5Element & Numeric>(_: T.Type, rowStart: Int, rowCount: Int) throws -> [T] {
        let (space, memorySpace, total) = try selection(rowStart, rowCount)
        guard total > 0 else { return [] }
        let memoryType = try H5Datatype.memory(T.h5Type, displayPath)
        var values = [T](repeating: 0, count: total)
        _ = try values.withUnsafeMutableBytes { buffer in
            try check(H5Dread(id, memoryType.id, memorySpace.id, space.id, defaultPlist, buffer.baseAddress),
                      "H5Dread", displayPath)
        }
        return values
    }

    /// Reads every row.
    func readAll<T: H5Element & Numeric>(_: T.Type) throws -> [T] {
        try read(T.self, rowStart: 0, rowCount: try shape().first ?? 0)
    }

    /// Reads rows of a variable-length string dataset.
    func readStrings(rowStart: Int, rowCount: Int) throws -> [String] {
        let (space, memorySpace, total) = try selection(rowStart, rowCount)
        guard total > 0 else { return [] }
        let memoryType = try H5Datatype.utf8String(displayPath)
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: total)
        try check(H5Dread(id, memoryType.id, memorySpace.id, space.id, defaultPlist, &pointers), "H5Dread", displayPath)
        let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
        try check(H5Dvlen_reclaim(memoryType.id, memorySpace.id, defaultPlist, &pointers), "H5Dvlen_reclaim", displayPath)
        return strings
    }

    /// File selection of the rows, matching memory space, and element count.
    private func selection(_ rowStart: Int, _ rowCount: Int) throws -> (H5Dataspace, H5Dataspace, Int) {
        let space = try fileSpace()
        let dims = try space.dims(displayPath)
        guard !dims.isEmpty, rowStart >= 0, rowCount >= 0, rowStart + rowCount <= dims[0] else {
            throw DatasetError.invalidArgument("\(displayPath): rows \(rowStart)..<\(rowStart + rowCount) outside shape \(dims)")
        }
        var memoryDims = dims
        memoryDims[0] = rowCount
        let total = memoryDims.reduce(1, *)
        if total > 0 { try space.selectRows(rowStart, rowCount, dims: dims, displayPath) }
        return (space, try H5Dataspace.simple(memoryDims, displayPath), total)
    }
}
