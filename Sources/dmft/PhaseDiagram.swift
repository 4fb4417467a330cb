import ArgumentParser
import DMFT
import DMFTIO
import Foundation

/// A phase-diagram sweep on disk: sweep.json (what is computed), points/NNNNN.json (one file per
/// finished point, each written atomically, so an interrupted sweep resumes where it stopped and
/// shards merge by union), and, once every point is there, phase.csv, phase.json and figures/.
enum SweepDirectory {
    static func pointURL(_ dir: URL, _ index: Int) -> URL {
        dir.appendingPathComponent(String(format: "points/%05d.json", index))
    }

    static func writePoint(_ p: SweepPoint, in dir: URL) throws {
        let data = try JSONEncoder.sorted.encode(p)
        let url = pointURL(dir, p.index)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(p.index).tmp-\(UUID().uuidString)")
        do {
            try data.write(to: tmp)
            // rename(2) replaces atomically: a reader sees the old point or the new one, never half.
            guard rename(tmp.path, url.path) == 0 else {
                throw DMFTError.unwritable(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw DMFTError.unwritable(path: url.path, reason: error.localizedDescription)
        }
    }

    static func readPoints(_ dir: URL) throws -> [Int: SweepPoint] {
        let folder = dir.appendingPathComponent("points")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var out: [Int: SweepPoint] = [:]
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let p = try? JSONDecoder().decode(SweepPoint.self, from: data) else {
                throw DMFTError.unreadable(path: url.path, reason: "not a sweep point")
            }
            out[p.index] = p
        }
        return out
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return e
    }
}

/// What a phase-diagram sweep computes; two directories merge only if these are equal.
struct PhaseDiagramSpec: Codable, Equatable {
    var model: String, p: Int, delta2: Double?, deltap: Double?
    var xName: String, xValues: [Double], yName: String, yValues: [Double]
    var settings: SweepSettings

    func parameters(_ index: Int) -> [String: Double] {
        let i = index % xValues.count, j = index / xValues.count
        return [xName: xValues[i], yName: yValues[j]]
    }
    var count: Int { xValues.count * yValues.count }

    static func read(_ dir: URL) throws -> PhaseDiagramSpec {
        let url = dir.appendingPathComponent("sweep.json")
        guard let data = try? Data(contentsOf: url) else { throw DMFTError.unreadable(path: url.path, reason: "no sweep.json: not a phase-diagram directory") }
        do { return try JSONDecoder().decode(PhaseDiagramSpec.self, from: data) } catch {
            throw DMFTError.unreadable(path: url.path, reason: "malformed sweep.json")
        }
    }
}

struct PhaseDiagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase-diagram",
        abstract: "Map where the dynamics finds the signal in a plane of two parameters.",
        discussion: """
        Every point runs to --tmax and records whether m(t) reached --level, and when. Points already \
        in --out are skipped, so an interrupted sweep resumes; --shard K/N runs every N-th point (for \
        clusters: --emit-slurm N writes a job-array script), and `dmft merge` joins shards into a result \
        identical to a single-machine sweep. Axes follow the papers: (1/Δ2, 1/Δp) with inv-delta2 and \
        inv-deltap; --convention direct draws (Δ2, Δp) instead.
        """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var runOptions: SweepRunOptions

    @Option(help: ArgumentHelp("Horizontal axis, NAME=start:end:count.", valueName: "spec"))
    var x: String = "inv-delta2=0.5:3:26"

    @Option(help: ArgumentHelp("Vertical axis, NAME=start:end:count.", valueName: "spec"))
    var y: String = "inv-deltap=0.1:2:20"

    @Option(help: "Horizon of every point.")
    var tmax: Double = 100

    @Option(help: ArgumentHelp("Run only shard K of N (every N-th point, starting at K−1).", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Write sweep.sbatch, a Slurm job array of N shards, and stop.", valueName: "N"))
    var emitSlurm: Int?

    @Option(help: "Axes of the figure: inverse (1/Δ2, 1/Δp, the papers' convention) or direct (Δ2, Δp).")
    var convention: String = "inverse"

    @Option(help: "Output directory (resumable).")
    var out: String = "phase-diagram"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let xr = try ParameterRange.parse(x, flag: "x"), yr = try ParameterRange.parse(y, flag: "y")
        guard xr.name != yr.name else { throw DMFTError.invalidParameter("y", "must differ from --x") }
        guard ["inverse", "direct"].contains(convention) else {
            throw DMFTError.invalidParameter("convention", "must be inverse or direct, got \(convention)")
        }
        let settings = try runOptions.settings(tmax: tmax, cap: tmax)
        let spec = PhaseDiagramSpec(model: modelOptions.model, p: modelOptions.p, delta2: modelOptions.delta2,
                                    deltap: modelOptions.deltap, xName: xr.name, xValues: xr.values,
                                    yName: yr.name, yValues: yr.values, settings: settings)
        var (k, n) = (1, 1)
        if let shard {
            let parts = shard.split(separator: "/").map { Int($0) }
            guard parts.count == 2, let a = parts[0], let b = parts[1], b >= 1, a >= 1, a <= b else {
                throw DMFTError.invalidParameter("shard", "expected K/N with 1 ≤ K ≤ N, got '\(shard)'")
            }
            (k, n) = (a, b)
        }
        let options = modelOptions
        for index in 0..<spec.count { _ = try options.makeModel(overrides: spec.parameters(index)) }
        let dir = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(dir)
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.appendingPathComponent("sweep.json").path) {
            guard try PhaseDiagramSpec.read(dir) == spec else {
                throw DMFTError.invalidParameter("out", "\(out) holds a different sweep; choose another --out")
            }
        } else {
            try fm.createDirectory(at: dir.appendingPathComponent("points"), withIntermediateDirectories: true)
            try JSONEncoder.sorted.encode(spec).write(to: dir.appendingPathComponent("sweep.json"), options: .atomic)
        }
        if let emitSlurm {
            try writeSlurm(shards: emitSlurm, dir: dir)
            return
        }
        let done = try SweepDirectory.readPoints(dir)
        let todo = (0..<spec.count).filter { $0 % n == k - 1 && done[$0] == nil }
            .map { (index: $0, parameters: spec.parameters($0)) }
        if !quiet { Terminal.info("phase-diagram: \(todo.count) points to run (\(done.count) of \(spec.count) already done)") }
        let progress = SweepProgress(total: todo.count, quiet: quiet)
        _ = try Sweep.run(points: todo, settings: settings, model: { try options.makeModel(overrides: $0) },
                          finished: { p in
                              do { try SweepDirectory.writePoint(p, in: dir) } catch { Terminal.error("\(error)") }
                              progress.report(p)
                          })
        print(try PhaseDiagramOutput.finish(dir, convention: convention))
    }

    func writeSlurm(shards: Int, dir: URL) throws {
        guard shards >= 1 else { throw DMFTError.invalidParameter("emit-slurm", "needs N ≥ 1, got \(shards)") }
        var args = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("--emit-slurm") }
        if let i = args.firstIndex(of: String(shards)), i > args.startIndex, CommandLine.arguments.contains("--emit-slurm") {
            args.remove(at: i)
        }
        let command = ([CommandLine.arguments[0]] + args).map { "'\($0)'" }.joined(separator: " ")
        let script = """
        #!/bin/bash
        # Written by dmft phase-diagram --emit-slurm \(shards). Submit with: sbatch sweep.sbatch
        # Each array task runs one shard into the same directory (one file per point, so tasks never
        # write the same file); when all are done, `dmft phase-diagram` with the same flags (or
        # `dmft merge`) assembles phase.csv and the figures.
        #SBATCH --job-name=dmft-phase
        #SBATCH --array=1-\(shards)
        #SBATCH --cpus-per-task=2
        #SBATCH --time=24:00:00
        \(command) --shard ${SLURM_ARRAY_TASK_ID}/\(shards) --quiet

        """
        try Data(script.utf8).write(to: dir.appendingPathComponent("sweep.sbatch"), options: .atomic)
        print("Wrote \(dir.path)/sweep.sbatch (\(shards) array tasks).")
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join phase-diagram shards (directories of the same sweep) into one result.")

    @Argument(help: "Shard directories written by `dmft phase-diagram --shard K/N`.")
    var directories: [String]

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Axes of the figure: inverse or direct.")
    var convention: String = "inverse"

    func run() throws {
        guard let first = directories.first else { throw DMFTError.invalidParameter("directories", "give at least one") }
        let spec = try PhaseDiagramSpec.read(URL(fileURLWithPath: first))
        var points: [Int: SweepPoint] = [:]
        for d in directories {
            let url = URL(fileURLWithPath: d)
            guard try PhaseDiagramSpec.read(url) == spec else {
                throw DMFTError.invalidParameter("directories", "\(d) is a different sweep from \(first)")
            }
            points.merge(try SweepDirectory.readPoints(url)) { a, _ in a }
        }
        let outURL = URL(fileURLWithPath: out)
        let staged = try OutputDirectory(outURL)
        try staged.write(try JSONEncoder.sorted.encode(spec), to: "sweep.json")
        try FileManager.default.createDirectory(at: staged.url("points"), withIntermediateDirectories: true)
        for p in points.values { try SweepDirectory.writePoint(p, in: staged.staging) }
        try staged.commit()
        print(try PhaseDiagramOutput.finish(outURL, convention: convention))
    }
}

/// phase.csv, phase.json and the heat map, once every point of a sweep is on disk.
enum PhaseDiagramOutput {
    static func finish(_ dir: URL, convention: String) throws -> String {
        let spec = try PhaseDiagramSpec.read(dir)
        let points = try SweepDirectory.readPoints(dir)
        guard points.count == spec.count else {
            return "\(points.count) of \(spec.count) points done in \(dir.path); run the remaining shards, then `dmft merge` (or re-run this command)."
        }
        func value(_ p: SweepPoint, _ name: String) -> Double {
            if let v = p.parameters[name] { return v }
            if name == "inv-delta2", let v = p.parameters["delta2"] { return 1 / v }
            if name == "inv-deltap", let v = p.parameters["deltap"] { return 1 / v }
            return .nan
        }
        var rows: [[Double]] = []
        for index in 0..<spec.count {
            let p = points[index]!
            rows.append([p.parameters[spec.xName]!, p.parameters[spec.yName]!, p.recovered ? 1 : 0,
                         p.crossingTime ?? .nan, p.crossingTime.map { log10($0) } ?? .nan, p.finalM])
        }
        let recovered = points.values.filter(\.recovered).count
        // The figure's axes in the chosen convention.
        func axis(_ name: String, _ v: Double) -> (String, Double) {
            let inverse = convention == "inverse"
            switch name {
            case "delta2": return inverse ? ("1/Δ2", 1 / v) : ("Δ2", v)
            case "deltap": return inverse ? ("1/Δp", 1 / v) : ("Δp", v)
            case "inv-delta2": return inverse ? ("1/Δ2", v) : ("Δ2", 1 / v)
            case "inv-deltap": return inverse ? ("1/Δp", v) : ("Δp", 1 / v)
            default: return (name, v)
            }
        }
        let out = try OutputDirectory(dir, startingFrom: dir)
        try out.write(CSVTable(header: [spec.xName, spec.yName, "recovered", "t_star", "log10_t_star", "m_final"], rows: rows),
                      to: "phase.csv")
        let figureRows = rows.map { r -> [Double] in [axis(spec.xName, r[0]).1, axis(spec.yName, r[1]).1, r[4], r[2]] }
        try out.write(CSVTable(header: ["x", "y", "log10_t_star", "recovered"], rows: figureRows), to: "figures/phase.csv")
        var f = Figure(name: "phase", title: "log10 t* (m reaches \(spec.settings.level) by t = \(spec.settings.tmax)), T = \(spec.settings.temperature)",
                       xlabel: axis(spec.xName, 1).0, ylabel: axis(spec.yName, 1).0)
        f.preamble = ["set view map", "set palette defined (0 '#1a9850', 0.5 '#fee08b', 1 '#d73027')",
                      "set cblabel 'log10 t*'", "set datafile missing 'nan'"]
        f.series = [.init(file: "phase.csv", using: "1:2:3", title: "", style: "points pt 5 ps 2.2 palette")]
        f.series.append(.init(file: "phase.csv", using: "1:($4 == 0 ? $2 : 1/0)", title: "not recovered", style: "points pt 6 ps 1.6 lc rgb 'gray40'"))
        // Analytic lines of REFERENCE §4 for the spiked matrix-tensor model, in (1/Δ2, 1/Δp).
        var lines: [[Double]] = []
        if spec.model == "spiked-matrix-tensor",
           Set([spec.xName, spec.yName]).isSubset(of: ["delta2", "deltap", "inv-delta2", "inv-deltap"]) {
            let pm1 = Double(spec.p - 1)
            let ys = (0...200).map { 0.005 + 4 * Double($0) / 200 }  // 1/Δp
            for invDp in ys {
                let gf = (1 + (1 + 4 * pm1 * invDp).squareRoot()) / 2      // x² = x + (p−1)y
                let langevin = spec.p == 3 && invDp > 0.5 ? (2 * invDp).squareRoot() : Double.nan
                lines.append([invDp, gf, langevin, 1])
            }
            func point(_ invD2: Double, _ invDp: Double) -> (Double, Double) {
                let xv = spec.xName.hasSuffix("delta2") ? axis("inv-delta2", invD2).1 : axis("inv-deltap", invDp).1
                let yv = spec.yName.hasSuffix("deltap") ? axis("inv-deltap", invDp).1 : axis("inv-delta2", invD2).1
                return (xv, yv)
            }
            let table = lines.map { r -> [Double] in
                let g = point(r[1], r[0]), l = point(r[2], r[0]), a = point(r[3], r[0])
                return [g.0, g.1, l.0, l.1, a.0, a.1]
            }
            try out.write(CSVTable(header: ["gf_x", "gf_y", "langevin_x", "langevin_y", "amp_x", "amp_y"], rows: table),
                          to: "figures/lines.csv")
            f.series += [.init(file: "lines.csv", using: "1:2", title: "gradient flow (BBP)", style: "lines lw 3 lc rgb 'black'"),
                         .init(file: "lines.csv", using: "3:4", title: "Langevin T=1 heuristic", style: "lines lw 2 dt 2 lc rgb 'blue'"),
                         .init(file: "lines.csv", using: "5:6", title: "AMP (Δ2 = 1)", style: "lines lw 2 dt 3 lc rgb 'magenta'")]
            let xs = figureRows.map { $0[0] }, yvals = figureRows.map { $0[1] }
            f.xrange = "[\(xs.min()!):\(xs.max()!)]"
            f.yrange = "[\(yvals.min()!):\(yvals.max()!)]"
        }
        try out.writeJSON([
            "dmft_version": dmftVersion, "points": spec.count, "recovered": recovered,
            "x": spec.xName, "y": spec.yName, "settings": ["level": spec.settings.level, "tmax": spec.settings.tmax,
                                                          "temperature": spec.settings.temperature, "m0": spec.settings.m0,
                                                          "dt": spec.settings.dt,
                                                          "grid": spec.settings.window == nil ? "uniform" : "adaptive",
                                                          "window": spec.settings.window ?? 0],
        ] as [String: Any], to: "phase.json")
        try out.write(f.script, to: "figures/phase.gp")
        let renderError = Gnuplot.renderAll([f], in: out.url("figures"))
        try out.commit()
        if let renderError { Terminal.error("\(renderError)") }
        return "\(recovered) of \(spec.count) points recovered the signal by t = \(spec.settings.tmax). Written to \(dir.path) (phase.csv, phase.json, figures/phase.png)."
    }
}
