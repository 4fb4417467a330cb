import Foundation

/// A figure described in data, rendered by gnuplot. The script is always written beside the PNG
/// so that a user can restyle it and re-run `gnuplot NAME.gp` in the same folder.
public struct Figure: Sendable {
    public struct Series: Sendable {
        /// CSV file, relative to the figure's folder.
        public var file: String
        /// gnuplot `using` clause, e.g. "1:2" or "($1-$2):3".
        public var using: String
        public var title: String
        /// gnuplot style, e.g. "lines", "points pt 7 ps 0.5", "yerrorbars".
        public var style: String
        /// Extra gnuplot selection, e.g. "every ::1" (optional).
        public var extra: String

        public init(file: String, using: String, title: String, style: String = "lines lw 2", extra: String = "") {
            self.file = file; self.using = using; self.title = title; self.style = style; self.extra = extra
        }
    }

    public var name: String
    public var title: String
    public var xlabel: String
    public var ylabel: String
    public var logx = false
    public var logy = false
    public var xrange: String? = nil
    public var yrange: String? = nil
    public var series: [Series] = []
    /// Plain gnuplot lines added before `plot` (arrows, labels, functions).
    public var preamble: [String] = []
    /// Function curves such as "-1.154701 title 'E_th' dt 2".
    public var functions: [String] = []
    /// One panel of a multiplot when set together with others (see `script`).
    public var size = "900,600"

    public init(name: String, title: String, xlabel: String, ylabel: String) {
        self.name = name; self.title = title; self.xlabel = xlabel; self.ylabel = ylabel
    }

    public var script: String {
        var s = """
        # Written by dmft. Re-render with: gnuplot \(name).gp
        set terminal pngcairo size \(size) enhanced font 'DejaVu Sans,12'
        set output '\(name).png'
        set datafile separator ','
        set key autotitle columnhead
        set title \(Figure.quote(title))
        set xlabel \(Figure.quote(xlabel))
        set ylabel \(Figure.quote(ylabel))
        set grid
        set key opaque
        """
        s += "\n"
        if logx { s += "set logscale x\nset format x '10^{%L}'\n" }
        if logy { s += "set logscale y\nset format y '10^{%L}'\n" }
        if let xrange { s += "set xrange \(xrange)\n" }
        if let yrange { s += "set yrange \(yrange)\n" }
        for line in preamble { s += line + "\n" }
        var items = series.map { "'\($0.file)' \($0.extra) using \($0.using) with \($0.style) title \(Figure.quote($0.title))" }
        items += functions
        s += "plot " + items.joined(separator: ", \\\n     ") + "\n"
        return s
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

public enum Gnuplot {
    /// True when a `gnuplot` executable is on the PATH.
    public static var isAvailable: Bool { executable != nil }

    static var executable: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for p in paths {
            let candidate = "\(p)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes every figure's script into `folder` and renders them all; returns the first rendering
    /// error instead of throwing, so that a missing gnuplot never loses the numerical results.
    public static func renderAll(_ figures: [Figure], in folder: URL) -> Error? {
        var first: Error?
        for f in figures {
            do { try render(f, in: folder) } catch { if first == nil { first = error } }
        }
        return first
    }

    /// Writes `figure.name`.gp into `folder` and runs gnuplot there. The data files must already be
    /// in `folder`. Throws with gnuplot's own message if rendering fails.
    public static func render(_ figure: Figure, in folder: URL) throws {
        let scriptURL = folder.appendingPathComponent("\(figure.name).gp")
        try Data(figure.script.utf8).write(to: scriptURL)
        guard let exe = executable else {
            throw GnuplotError.missing
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["\(figure.name).gp"]
        process.currentDirectoryURL = folder
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw GnuplotError.failed(figure.name, message)
        }
    }
}

public enum GnuplotError: Error, CustomStringConvertible {
    case missing
    case failed(String, String)
    public var description: String {
        switch self {
        case .missing: "gnuplot is not installed (apt-get install gnuplot-nox); the .gp scripts were written"
        case .failed(let name, let why): "gnuplot failed on \(name).gp: \(why)"
        }
    }
}
