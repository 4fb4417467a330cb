import DMFT
import Foundation

/// Writes a result directory atomically: everything goes into a hidden temporary sibling, which is
/// renamed over the destination only when complete. A failed or interrupted write never touches
/// an existing good result.
public final class OutputDirectory {
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL
    private var committed = false

    /// Checks that the destination's parent exists and is writable before any work is done.
    public static func checkWritable(_ destination: URL) throws {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw DMFTError.unwritable(path: destination.path, reason: "parent directory \(parent.path) does not exist")
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            throw DMFTError.unwritable(path: destination.path, reason: "parent directory is not writable")
        }
        if fm.fileExists(atPath: destination.path, isDirectory: &isDir), !isDir.boolValue {
            throw DMFTError.unwritable(path: destination.path, reason: "exists and is not a directory")
        }
    }

    /// `seed`: an existing directory whose files are copied into the staging area first (to update
    /// a result in place, e.g. adding figures), or nil to start empty.
    public init(_ destination: URL, startingFrom seed: URL? = nil) throws {
        try OutputDirectory.checkWritable(destination)
        self.destination = destination.standardizedFileURL
        let name = ".\(self.destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        staging = self.destination.deletingLastPathComponent().appendingPathComponent(name)
        let fm = FileManager.default
        do {
            if let seed {
                try fm.copyItem(at: seed, to: staging)
            } else {
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            }
        } catch {
            throw DMFTError.unwritable(path: destination.path, reason: error.localizedDescription)
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }

    public func url(_ relative: String) -> URL { staging.appendingPathComponent(relative) }

    public func write(_ data: Data, to relative: String) throws {
        try writing(relative) { try data.write(to: $0) }
    }

    /// Runs `body` on the staged file's URL (its folder created), any failure reported as the
    /// destination path being unwritable.
    private func writing(_ relative: String, _ body: (URL) throws -> Void) throws {
        let target = url(relative)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try body(target)
        } catch {
            throw DMFTError.unwritable(path: destination.appendingPathComponent(relative).path,
                                       reason: error.localizedDescription)
        }
    }

    public func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    public func write(_ table: CSVTable, to relative: String) throws {
        try write(table.text, to: relative)
    }

    public func writeNpy(_ values: [Double], shape: [Int], to relative: String) throws {
        try write(Npy.encode(values, shape: shape), to: relative)
    }

    /// Writes a rows × columns float64 array one row at a time (`fill(i, &row)`), so that a large
    /// two-time array never exists densely in memory: a uniform run's C and R are held packed
    /// (n²/2 doubles each), and writing them densely at once tripled the run's peak memory.
    public func writeNpy(rows: Int, columns: Int, to relative: String, fill: (Int, inout [Double]) -> Void) throws {
        try writing(relative) { target in
            try Npy.header(shape: [rows, columns]).write(to: target)
            let handle = try FileHandle(forWritingTo: target)
            defer { try? handle.close() }
            try handle.seekToEnd()
            var row = [Double](repeating: 0, count: columns)
            for i in 0..<rows {
                fill(i, &row)
                try handle.write(contentsOf: Npy.littleEndian(row))
            }
        }
    }

    public func writeJSON(_ object: Any, to relative: String) throws {
        try write(JSON.encode(object), to: relative)
    }

    /// Replaces the destination with the staged directory.
    public func commit() throws {
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: destination.path) {
                let old = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: destination, to: old)
                do {
                    try fm.moveItem(at: staging, to: destination)
                } catch {
                    try? fm.moveItem(at: old, to: destination)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: destination)
            }
            committed = true
        } catch {
            throw DMFTError.unwritable(path: destination.path, reason: error.localizedDescription)
        }
    }
}

/// JSON with sorted keys and readable indentation, from plain dictionaries and arrays.
public enum JSON {
    public static func encode(_ object: Any) throws -> Data {
        let clean = sanitize(object)
        return try JSONSerialization.data(withJSONObject: clean, options: [.prettyPrinted, .sortedKeys])
    }

    /// JSON has no NaN or infinity: write them as null rather than fail.
    static func sanitize(_ object: Any) -> Any {
        switch object {
        case let d as Double: return d.isFinite ? d : NSNull()
        case let dict as [String: Any]: return dict.mapValues(sanitize)
        case let array as [Any]: return array.map(sanitize)
        default: return object
        }
    }

    public static func read(_ url: URL) throws -> [String: Any] {
        guard let data = try? Data(contentsOf: url) else {
            throw DMFTError.unreadable(path: url.path, reason: "cannot open the file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DMFTError.unreadable(path: url.path, reason: "not a JSON object")
        }
        return object
    }
}

extension OutputDirectory {
    /// Renders figures (their data must already be staged), commits the directory, then reports
    /// a rendering failure: the data and scripts are kept either way.
    public func commit(rendering figures: [Figure]) throws {
        let renderError = Gnuplot.renderAll(figures, in: staging)
        try commit()
        if let renderError { throw renderError }
    }
}
