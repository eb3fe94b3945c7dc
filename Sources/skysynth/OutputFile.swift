import Foundation

/// A dataset written under a temporary name next to its target and renamed into place only when complete,
/// so an error or an interrupt never leaves a half-written file at the target path.
final class OutputFile: @unchecked Sendable {
    let path: String
    let temporaryPath: String

    init(path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)").path
        InterruptCleanup.shared.register(temporaryPath)
    }

    /// Fails early, with the reason, when the target's folder does not exist or is not writable.
    func checkWritable() throws {
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw OutputError("cannot write \(path.isEmpty ? "''" : path): the output must name a file, e.g. out/dataset.h5")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError("cannot write \(path): the folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw OutputError("cannot write \(path): the folder \(folder) is not writable")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError("cannot write \(path): it is a folder")
        }
    }

    /// Moves the finished temporary file onto the target path (atomic on one file system).
    func commit() throws {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputError("cannot move the finished dataset to \(path): \(reason)")
        }
        InterruptCleanup.shared.unregister(temporaryPath)
    }

    /// Deletes the temporary file.
    func discard() {
        unlink(temporaryPath)
        InterruptCleanup.shared.unregister(temporaryPath)
    }
}

/// An output problem, printed as its message.
struct OutputError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Deletes registered temporary files when the process is interrupted (SIGINT, SIGTERM, SIGHUP), then exits 130.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()
    private var paths: Set<String> = []
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "skysynth.signals")

    private init() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [unowned self] in
                self.lock.lock()
                for p in self.paths { unlink(p) }
                self.lock.unlock()
                FileHandle.standardError.write(Data("\ninterrupted: removed the unfinished dataset\n".utf8))
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }

    func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }
}
