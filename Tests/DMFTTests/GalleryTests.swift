import Foundation
import Testing

/// `results/` is the gallery a new user reads first: every study listed in results/README.md must be
/// regenerable (run.sh), carry its data and figures (each PNG with the gnuplot script that drew it),
/// and explain itself (README.md with its wall time). CI does not run the studies; this checks they
/// are complete and small.
@Suite struct GalleryTests {
    static let results = CommandLineTests.root.appendingPathComponent("results")

    /// Study names in the table of results/README.md: rows that start with `| [name](name/)`.
    static func listedStudies() throws -> [String] {
        let text = try String(contentsOf: results.appendingPathComponent("README.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| ["), let close = line.firstIndex(of: "]") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<close])
        }
    }

    static func files(under dir: URL) -> [URL] {
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.fileSizeKey])
        return (e?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }
    }

    @Test func everyStudyDirectoryIsListed() throws {
        let listed = Set(try Self.listedStudies())
        #expect(!listed.isEmpty)
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Self.results.path).filter {
            FileManager.default.fileExists(atPath: Self.results.appendingPathComponent($0).appendingPathComponent("run.sh").path)
        }
        for d in dirs { #expect(listed.contains(d), "results/\(d) has a run.sh but is not in results/README.md") }
    }

    @Test func everyListedStudyHasScriptDataFiguresAndReadme() throws {
        let fm = FileManager.default
        for name in try Self.listedStudies() {
            let dir = Self.results.appendingPathComponent(name)
            #expect(fm.isExecutableFile(atPath: dir.appendingPathComponent("run.sh").path), "results/\(name)/run.sh missing or not executable")
            let readme = (try? String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
            #expect(readme.lowercased().contains("wall"), "results/\(name)/README.md missing or without its wall time")
            let files = Self.files(under: dir)
            let pngs = files.filter { $0.pathExtension == "png" }
            #expect(!pngs.isEmpty, "results/\(name) has no figure")
            for png in pngs {
                let gp = png.deletingPathExtension().appendingPathExtension("gp")
                #expect(fm.fileExists(atPath: gp.path), "\(png.lastPathComponent) in results/\(name) has no gnuplot script beside it")
            }
            #expect(files.contains { $0.pathExtension == "csv" }, "results/\(name) has no data")
            for f in files {
                let size = (try? f.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
                #expect(size < 2_000_000, "\(f.path) is \(size) bytes; the gallery keeps small data only")
            }
        }
    }
}
