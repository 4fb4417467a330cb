import DMFT
import Foundation

/// The package version written into every run.json.
public let dmftVersion = "0.1.0"

/// The on-disk form of a `Solution` (README "Output contract"):
/// run.json, observables.csv, times.npy, C.npy, R.npy.
public enum RunDirectory {
    public static func modelJSON(_ model: Model) -> [String: Any] {
        var params: [String: Any] = [:]
        for p in model.preset.parameters { params[p.name] = p.value }
        func terms(_ poly: Polynomial) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: poly.terms.map { (String($0.degree), $0.coefficient) })
        }
        return [
            "preset": model.preset.name,
            "parameters": params,
            "noise": terms(model.noise),
            "signal": terms(model.signal),
            "xi": model.noise.formatted(variable: "q"),
            "V": model.signal.formatted(variable: "m"),
        ]
    }

    public static func model(fromJSON json: [String: Any], path: String) throws -> Model {
        func poly(_ key: String) throws -> Polynomial {
            guard let dict = json[key] as? [String: Any] else {
                throw DMFTError.unreadable(path: path, reason: "model.\(key) is missing")
            }
            var terms: [(degree: Int, coefficient: Double)] = []
            for (k, v) in dict {
                guard let d = Int(k), let c = (v as? NSNumber)?.doubleValue else {
                    throw DMFTError.unreadable(path: path, reason: "model.\(key) has a malformed term \(k)")
                }
                terms.append((d, c))
            }
            return Polynomial(terms: terms)
        }
        let noise = try poly("noise"), signal = try poly("signal")
        let params = json["parameters"] as? [String: Any] ?? [:]
        func value(_ name: String) -> Double? { (params[name] as? NSNumber)?.doubleValue }
        let preset: Preset
        switch json["preset"] as? String ?? "mixed" {
        case "pspin": preset = .pspin(p: Int(value("p") ?? 0))
        case "spiked-matrix": preset = .spikedMatrix(delta2: value("delta2") ?? .nan)
        case "spiked-tensor": preset = .spikedTensor(p: Int(value("p") ?? 0), deltap: value("deltap") ?? .nan)
        case "spiked-matrix-tensor":
            preset = .spikedMatrixTensor(p: Int(value("p") ?? 0), delta2: value("delta2") ?? .nan,
                                         deltap: value("deltap") ?? .nan)
        default: preset = .mixed
        }
        do { return try Model(noise: noise, signal: signal, preset: preset) } catch {
            throw DMFTError.unreadable(path: path, reason: "model: \(error)")
        }
    }

    /// run.json as a dictionary; `extra` entries are merged at the top level.
    public static func runJSON(_ solution: Solution, command: String?, extra: [String: Any] = [:]) -> [String: Any] {
        var solver: [String: Any] = ["name": solution.solverName]
        for (k, v) in solution.solverSettings { solver[k] = v }
        var json: [String: Any] = [
            "dmft_version": dmftVersion,
            "model": modelJSON(solution.model),
            "temperature": solution.temperature,
            "m0": solution.problem.m0,
            "tmax": solution.problem.tmax,
            "solver": solver,
            "status": solution.status.label,
            "complete": solution.status.isComplete,
            "final_time": solution.finalTime,
            "grid_points": solution.grid.count,
            "wall_seconds": solution.wallSeconds,
            "created": ISO8601DateFormatter().string(from: Date()),
            "host": ProcessInfo.processInfo.hostName,
        ]
        switch solution.status {
        case .diverged(let t): json["diverged_at"] = t
        case .interrupted(let t): json["interrupted_at"] = t
        case .completed: break
        }
        if let e = solution.errorEstimate {
            json["error_estimate"] = ["method": e.method, "m": e.m, "energy": e.energy, "C": e.C]
        } else {
            json["error_estimate"] = NSNull()
        }
        if let last = solution.series.t.indices.last {
            json["final"] = ["t": solution.series.t[last], "m": solution.series.m[last],
                             "energy": solution.series.energy[last], "mu": solution.series.mu[last]]
        }
        if let command { json["command"] = command }
        for (k, v) in extra { json[k] = v }
        return json
    }

    public static func observables(_ series: TimeSeries) -> CSVTable {
        CSVTable(columns: [("t", series.t), ("m", series.m), ("energy", series.energy), ("mu", series.mu)])
    }

    /// Stages a solution into `out` (call `out.commit()` afterwards).
    /// `extraColumns` follow t,m,energy,mu in observables.csv (e.g. a protocol's T(t) and w_k(t)).
    public static func write(_ solution: Solution, to out: OutputDirectory, command: String?,
                             extra: [String: Any] = [:], extraColumns: [(String, [Double])] = []) throws {
        let n = solution.grid.count
        try out.writeJSON(runJSON(solution, command: command, extra: extra), to: "run.json")
        var table = observables(solution.series)
        for (name, values) in extraColumns where values.count == table.rows.count {
            table.header.append(name)
            for k in table.rows.indices { table.rows[k].append(values[k]) }
        }
        try out.write(table, to: "observables.csv")
        try out.writeNpy(solution.grid, shape: [n], to: "times.npy")
        var arrays = [("C.npy", solution.C, true), ("R.npy", solution.R, false)]
        if let chi = solution.chi { arrays.append(("chi.npy", chi, false)) }
        for (name, f, symmetric) in arrays {
            try out.writeNpy(rows: n, columns: n, to: name) { i, row in f.denseRow(i, symmetric: symmetric, into: &row) }
        }
        if !solution.waitingTimeColumns.isEmpty { try out.write(agingTable(solution.waitingTimeColumns), to: "aging.csv") }
    }

    /// Reads a run directory written by `write` back into a `Solution`.
    public static func read(_ dir: URL) throws -> Solution {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw DMFTError.unreadable(path: dir.path, reason: "no such run directory")
        }
        let runURL = dir.appendingPathComponent("run.json")
        let json = try JSON.read(runURL)
        guard let modelDict = json["model"] as? [String: Any] else {
            throw DMFTError.unreadable(path: runURL.path, reason: "no model")
        }
        let model = try model(fromJSON: modelDict, path: runURL.path)
        func number(_ key: String) throws -> Double {
            guard let v = (json[key] as? NSNumber)?.doubleValue else {
                throw DMFTError.unreadable(path: runURL.path, reason: "\(key) is missing")
            }
            return v
        }
        let problem: DynamicsProblem
        do {
            problem = try DynamicsProblem(model: model, temperature: number("temperature"), m0: number("m0"),
                                          tmax: number("tmax"))
        } catch let e as DMFTError {
            throw DMFTError.unreadable(path: runURL.path, reason: e.description)
        }
        let times = try readNpy(dir.appendingPathComponent("times.npy"))
        let n = times.values.count
        let c = try readTwoTime(dir.appendingPathComponent("C.npy"), count: n)
        let r = try readTwoTime(dir.appendingPathComponent("R.npy"), count: n)
        let obs = try readColumns(dir.appendingPathComponent("observables.csv"), ["t", "m", "energy", "mu"],
                                  header: "header must start t,m,energy,mu")
        let (t, m, e, mu) = (obs[0], obs[1], obs[2], obs[3])
        var solverSettings: [String: Double] = [:]
        var solverName = "unknown"
        if let solver = json["solver"] as? [String: Any] {
            for (k, v) in solver {
                if let d = (v as? NSNumber)?.doubleValue { solverSettings[k] = d }
                if k == "name", let s = v as? String { solverName = s }
            }
        }
        let status: RunStatus
        switch json["status"] as? String {
        case "diverged": status = .diverged(atTime: (json["diverged_at"] as? NSNumber)?.doubleValue ?? .nan)
        case "interrupted": status = .interrupted(atTime: (json["interrupted_at"] as? NSNumber)?.doubleValue ?? .nan)
        default: status = .completed
        }
        var estimate: ErrorEstimate?
        if let e = json["error_estimate"] as? [String: Any] {
            estimate = ErrorEstimate(method: e["method"] as? String ?? "",
                                     m: (e["m"] as? NSNumber)?.doubleValue ?? .nan,
                                     energy: (e["energy"] as? NSNumber)?.doubleValue ?? .nan,
                                     C: (e["C"] as? NSNumber)?.doubleValue ?? .nan)
        }
        var chi: TriangularArray?
        let chiURL = dir.appendingPathComponent("chi.npy")
        if FileManager.default.fileExists(atPath: chiURL.path) {
            chi = try readTwoTime(chiURL, count: n)
        }
        var solution = Solution(problem: problem, grid: times.values,
                        C: c, R: r,
                        series: TimeSeries(t: t, m: m, energy: e, mu: mu), status: status,
                        solverName: solverName, solverSettings: solverSettings, errorEstimate: estimate,
                        wallSeconds: (json["wall_seconds"] as? NSNumber)?.doubleValue ?? 0)
        solution.chi = chi
        solution.waitingTimeColumns = try waitingTimeColumns(dir.appendingPathComponent("aging.csv"))
        return solution
    }

    /// aging.csv from a solution's waiting-time columns: one row per sample, t_w,t,C,chi.
    static func agingTable(_ columns: [WaitingTimeColumn]) -> CSVTable {
        CSVTable(columns: [("t_w", columns.flatMap { c in c.t.map { _ in c.tw } }), ("t", columns.flatMap(\.t)),
                           ("C", columns.flatMap(\.C)), ("chi", columns.flatMap(\.chi))])
    }

    /// The followed columns of aging.csv (t_w,t,C,chi, one block of rows per t_w), or none without it.
    static func waitingTimeColumns(_ url: URL) throws -> [WaitingTimeColumn] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let cols = try readColumns(url, ["t_w", "t", "C", "chi"], header: "header must be t_w,t,C,chi")
        let (tw, t, c, chi) = (cols[0], cols[1], cols[2], cols[3])
        var columns: [WaitingTimeColumn] = []
        var start = 0
        for k in 1...tw.count where k == tw.count || tw[k] != tw[start] {
            if k - start >= 2 {
                columns.append(WaitingTimeColumn(tw: tw[start], t: Array(t[start..<k]), C: Array(c[start..<k]),
                                                 chi: Array(chi[start..<k])))
            }
            start = k
        }
        return columns
    }

    /// The named columns of a CSV file of a run, or one line naming the file and what is wrong.
    static func readColumns(_ url: URL, _ names: [String], header: String) throws -> [[Double]] {
        let table: CSVTable
        do { table = try CSVTable.read(url) } catch {
            throw DMFTError.unreadable(path: url.path, reason: "\(error)")
        }
        return try names.map { name in
            guard let column = table.column(name) else { throw DMFTError.unreadable(path: url.path, reason: header) }
            return column
        }
    }

    /// A two-time array of the run (its lower triangle, which is all a solution keeps), n×n like times.npy.
    static func readTwoTime(_ url: URL, count n: Int) throws -> TriangularArray {
        let f: TriangularArray
        do { f = try Npy.readLowerTriangle(url) } catch {
            throw DMFTError.unreadable(path: url.path, reason: "\(error)".replacingOccurrences(of: "cannot read \(url.path): ", with: ""))
        }
        guard f.count == n else { throw DMFTError.unreadable(path: url.path, reason: "must be \(n)×\(n) like times.npy") }
        return f
    }

    static func readNpy(_ url: URL) throws -> (values: [Double], shape: [Int]) {
        do { return try Npy.read(url) } catch {
            throw DMFTError.unreadable(path: url.path, reason: "\(error)".replacingOccurrences(of: "cannot read \(url.path): ", with: ""))
        }
    }
}
