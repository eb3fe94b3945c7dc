import Foundation
import XCTest

/// Finds the `skysynth` executable built alongside the tests.
public enum SkySynthBinary {
    private final class Anchor {}

    /// Where the search ended: the executable, or the failure message naming every place searched.
    private static let found: Result<URL, SkySynthBinaryError> = search()

    /// The executable, or a test failure naming every place searched.
    public static func locate() throws -> URL {
        switch found {
        case .success(let url): return url
        case .failure(let error):
            XCTFail(error.description)
            throw error
        }
    }

    /// Folders the running test bundle may live in: its executable's folder and up to three parents of each start.
    private static func bundleFolders() -> [URL] {
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL { starts.append(exe.deletingLastPathComponent()) }
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            starts.append(URL(fileURLWithPath: arg0).standardizedFileURL.deletingLastPathComponent())
        }
        starts.append(Bundle(for: Anchor.self).bundleURL)
        starts.append(Bundle.main.bundleURL)
        var result: [URL] = []
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<4 {
                if !result.contains(folder) { result.append(folder) }
                folder = folder.deletingLastPathComponent()
            }
        }
        return result
    }

    private static func search(filePath: String = #filePath) -> Result<URL, SkySynthBinaryError> {
        if let explicit = ProcessInfo.processInfo.environment["SKYSYNTH_BINARY"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            return isExecutable(url) ? .success(url) : .failure(SkySynthBinaryError("SKYSYNTH_BINARY=\(explicit) is not an executable file"))
        }
        // 1. The SwiftPM products folder holding the test bundle (a folder with a *.xctest entry): the binary must be there,
        //    so a missing build fails loudly instead of silently testing some other, possibly stale, build.
        let folders = bundleFolders()
        let products = folders.filter { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasSuffix(".xctest") }
        }
        if !products.isEmpty {
            let tried = products.map { $0.appendingPathComponent("skysynth") }
            if let hit = tried.first(where: isExecutable) { return .success(hit) }
            return .failure(SkySynthBinaryError("""
                The skysynth executable is not next to the test bundle; looked for:
                  \(tried.map(\.path).joined(separator: "\n  "))
                Build it with the tests: `swift build --build-tests --scratch-path <scratch>` (or `swift test`), \
                or set SKYSYNTH_BINARY to its path.
                """))
        }
        // 2. Unusual runner: the package root above this source file, then its build folders, newest first.
        var root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while root.path != "/" && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root = root.deletingLastPathComponent()
        }
        var built: [URL] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] where entry.hasPrefix(".build") {
            let scratch = root.appendingPathComponent(entry)
            built.append(scratch.appendingPathComponent("debug/skysynth"))
            for triple in (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? [] {
                built.append(scratch.appendingPathComponent(triple).appendingPathComponent("debug/skysynth"))
            }
        }
        func modified(_ url: URL) -> Date {
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        if let newest = built.filter(isExecutable).max(by: { modified($0) < modified($1) }) { return .success(newest) }
        return .failure(SkySynthBinaryError("""
            The skysynth executable was not found. No products folder with a *.xctest bundle among:
              \(folders.map(\.path).joined(separator: "\n  "))
            and no \(root.path)/.build*/debug/skysynth. Build it (`swift build --build-tests --scratch-path <scratch>`) \
            or set SKYSYNTH_BINARY to its path.
            """))
    }

    private static func isExecutable(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}

/// Why the executable could not be found, naming every place searched.
public struct SkySynthBinaryError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}
