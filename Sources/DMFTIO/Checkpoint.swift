import DMFT
import Foundation

/// The resumable state of a coarsening-grid run, in `<run>/checkpoint/`:
/// `checkpoint.json` (description, integers), `scalars.npy` and `problem.npy` (every Double scalar,
/// bit-exact), one `.npy` per array, and `tracked-<w>.npy` per waiting time. Written into a hidden
/// sibling folder and renamed into place, so a kill at any moment leaves the previous checkpoint or
/// the new one, never a mixture.
public enum Checkpoint {
    public static let folder = "checkpoint"

    /// What `dmft resume` needs to continue: the state, the problem and the solver's knobs.
    public struct Contents {
        public var state: CoarseningGridState
        public var problem: DynamicsProblem
        public var solver: CoarseningGridSolver
    }

    /// Writes the checkpoint into `runDirectory/checkpoint` atomically (creating the run directory).
    public static func write(_ state: CoarseningGridState, problem: DynamicsProblem,
                             solver: CoarseningGridSolver, into runDirectory: URL) throws {
        try replace(in: runDirectory) { try stage(state, problem: problem, solver: solver, at: $0) }
    }

    /// Replaces `runDirectory/checkpoint` by what `stage` writes into a fresh hidden sibling folder, by
    /// renames: a kill at any moment leaves the previous checkpoint or the new one (`directory(of:)`).
    static func replace(in runDirectory: URL, stage: (URL) throws -> Void) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: runDirectory, withIntermediateDirectories: true)
        } catch {
            throw DMFTError.unwritable(path: runDirectory.path, reason: error.localizedDescription)
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = runDirectory.appendingPathComponent(".\(folder).tmp-\(pid)")
        try? fm.removeItem(at: staging)
        try stage(staging)
        let target = runDirectory.appendingPathComponent(folder)
        let old = runDirectory.appendingPathComponent(".\(folder).old-\(pid)")
        do {
            if fm.fileExists(atPath: target.path) {
                try? fm.removeItem(at: old)
                try fm.moveItem(at: target, to: old)
            }
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } catch {
            throw DMFTError.unwritable(path: target.path, reason: error.localizedDescription)
        }
    }

    /// The checkpoint folder of a run: `checkpoint/`, or the previous one if a kill interrupted the rename.
    static func directory(of runDirectory: URL) throws -> URL {
        let fm = FileManager.default
        var dir = runDirectory.appendingPathComponent(folder)
        if !fm.fileExists(atPath: dir.path),
           let old = (try? fm.contentsOfDirectory(atPath: runDirectory.path))?.first(where: { $0.hasPrefix(".\(folder).old-") }) {
            dir = runDirectory.appendingPathComponent(old)
        }
        guard fm.fileExists(atPath: dir.appendingPathComponent("checkpoint.json").path) else {
            throw DMFTError.unreadable(path: runDirectory.path,
                                       reason: "no checkpoint/ (adaptive and geometric runs write one; uniform runs cannot be resumed)")
        }
        return dir
    }

    /// The grid whose state a run's checkpoint holds ("adaptive" or "geometric").
    public static func grid(of runDirectory: URL) throws -> String {
        let dir = try directory(of: runDirectory)
        let format = try JSON.read(dir.appendingPathComponent("checkpoint.json"))["format"] as? String ?? ""
        if format.hasPrefix(GeometricCheckpoint.format) { return "geometric" }
        if format.hasPrefix(formatName) { return "adaptive" }
        throw DMFTError.unreadable(path: dir.path, reason: "unknown checkpoint format '\(format)'")
    }

    static let formatName = "dmft coarsening-grid checkpoint"

    /// Reading and writing the files of one checkpoint folder, with errors that name the file.
    struct Folder {
        let dir: URL
        var json: [String: Any] = [:]

        func put(_ data: Data, _ name: String) throws {
            do { try data.write(to: dir.appendingPathComponent(name)) } catch {
                throw DMFTError.unwritable(path: dir.appendingPathComponent(name).path, reason: error.localizedDescription)
            }
        }
        func npy(_ name: String) throws -> (values: [Double], shape: [Int]) {
            do { return try Npy.read(dir.appendingPathComponent(name)) } catch {
                throw DMFTError.unreadable(path: dir.appendingPathComponent(name).path, reason: "\(error)")
            }
        }
        func int(_ key: String) throws -> Int {
            guard let v = (json[key] as? NSNumber)?.intValue else {
                throw DMFTError.unreadable(path: dir.path, reason: "checkpoint.json lacks \(key)")
            }
            return v
        }
        func bad(_ reason: String) -> DMFTError { DMFTError.unreadable(path: dir.path, reason: reason) }

        /// The model: its description in checkpoint.json, its coefficients bit-exact in noise.npy and signal.npy.
        func putModel(_ model: Model, json: inout [String: Any]) throws {
            json["model"] = RunDirectory.modelJSON(model)
            try put(Npy.encode(model.noise.coefficients, shape: [model.noise.coefficients.count]), "noise.npy")
            try put(Npy.encode(model.signal.coefficients, shape: [model.signal.coefficients.count]), "signal.npy")
        }
        func model() throws -> Model {
            guard let modelJSON = json["model"] as? [String: Any] else { throw bad("checkpoint.json lacks the model") }
            let described = try RunDirectory.model(fromJSON: modelJSON, path: dir.path)
            do {
                return try Model(noise: Polynomial(coefficients: try npy("noise.npy").values),
                                 signal: Polynomial(coefficients: try npy("signal.npy").values), preset: described.preset)
            } catch let e as DMFTError { throw bad(e.description) }
        }

        /// The temperature schedule and the channel weights: their kinds in checkpoint.json, tables and
        /// weights bit-exact in temperature-table.npy and weight-<k>.npy.
        func putSchedules(_ drive: DrivingProtocol, json: inout [String: Any]) throws {
            switch drive.temperature {
            case .none: break
            case .table(let t, let v)?:
                json["temperature_schedule"] = "table"
                try put(Npy.encode(t + v, shape: [2, t.count]), "temperature-table.npy")
            case let schedule?:
                json["temperature_schedule"] = schedule.summary
            }
            var weights: [String: Any] = [:]
            for (k, schedule) in drive.weights {
                let (kind, values) = schedule.encoded
                weights[String(k)] = kind
                try put(Npy.encode(values, shape: [values.count]), "weight-\(k).npy")
            }
            if !weights.isEmpty { json["channel_weights"] = weights }
        }
        /// The protocol written by `putSchedules`, with T′ (∞ or NaN: the random start).
        func drive(initialTemperature: Double) throws -> DrivingProtocol {
            var drive = DrivingProtocol()
            if initialTemperature.isFinite { drive.initialTemperature = initialTemperature }
            if let spec = json["temperature_schedule"] as? String {
                if spec == "table" {
                    let table = try npy("temperature-table.npy")
                    let k = table.values.count / 2
                    drive.temperature = .table(t: Array(table.values[0..<k]), values: Array(table.values[k...]))
                } else {
                    drive.temperature = try Schedule.parse(spec, name: "temperature-schedule")
                }
            }
            if let weights = json["channel_weights"] as? [String: Any] {
                for (key, kind) in weights {
                    guard let k = Int(key), let kind = kind as? String,
                          let schedule = Schedule(kind: kind, values: try npy("weight-\(k).npy").values) else {
                        throw bad("malformed channel weight '\(key)'")
                    }
                    drive.weights[k] = schedule
                }
            }
            return drive
        }

        static func create(_ dir: URL) throws -> Folder {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw DMFTError.unwritable(path: dir.path, reason: error.localizedDescription)
            }
            return Folder(dir: dir)
        }
        static func open(_ runDirectory: URL) throws -> Folder {
            let dir = try Checkpoint.directory(of: runDirectory)
            return Folder(dir: dir, json: try JSON.read(dir.appendingPathComponent("checkpoint.json")))
        }
    }

    /// Writes the checkpoint files into `dir` (which must not exist), e.g. a staged run directory.
    public static func stage(_ s: CoarseningGridState, problem: DynamicsProblem,
                             solver: CoarseningGridSolver, at dir: URL) throws {
        let folder = try Folder.create(dir)
        let put = folder.put
        let n = s.window
        var json: [String: Any] = [
            "format": "\(formatName) 1",
            "window": n, "rows": s.rows, "halvings": s.halvings, "steps": s.series.count,
            "time": s.time(s.rows - 1), "h": s.h,
            "band_cells": solver.bandCells, "max_iterations": solver.maxIterations, "cell_order": solver.cellOrder, "step_order": solver.stepOrder,
            "lag_defect": solver.lagDefect ? 1 : 0, "pinned_points": solver.pinnedPointLimit, "threads": solver.threads,
            "tracked": s.tracked.count, "unconverged_rows": s.unconvergedRows,
            "iterations": s.iterations,
        ]
        if let t = s.firstUnconvergedTime { json["first_unconverged_time"] = t }
        if let tp = problem.drive.initialTemperature { json["initial_temperature"] = tp }
        try folder.putSchedules(problem.drive, json: &json)
        try folder.putModel(problem.model, json: &json)
        try put(JSON.encode(json), "checkpoint.json")
        let scalars = [s.h, s.mSlope0, s.wallSeconds]
        try put(Npy.encode(scalars, shape: [scalars.count]), "scalars.npy")
        let p = [problem.temperature, problem.m0, problem.tmax, solver.h0, solver.bandFromStep, solver.tolerance,
                 problem.drive.initialTemperature ?? .infinity]
        try put(Npy.encode(p, shape: [p.count]), "problem.npy")
        for (name, a) in [("C", s.C), ("X", s.X), ("CB", s.CB), ("XB", s.XB), ("S1", s.S1), ("S2", s.S2), ("SM", s.SM)] {
            try put(Npy.encode(a, shape: [n, n]), "\(name).npy")
        }
        if !s.channelCells.isEmpty {
            try put(Npy.encode(s.channelCells, shape: [3 * s.channelCount, n, n]), "channel-cells.npy")
        }
        if !s.lagDefect.isEmpty { try put(Npy.encode(s.lagDefect, shape: [CoarseningGridState.lagDefectRows, n]), "lag-defect.npy") }
        try put(Npy.encode(s.m + s.mBar, shape: [2, n]), "m.npy")
        try put(Npy.encode(s.pinnedTimes, shape: [s.pinnedTimes.count]), "pinned-times.npy")
        let series = s.series
        try put(Npy.encode(series.t + series.m + series.energy + series.mu, shape: [4, series.count]), "series.npy")
        for (w, col) in s.tracked.enumerated() {
            let head = [col.requested, col.time, Double(col.gridIndex), Double(col.firstRow), col.mAtWait, col.cAtStart]
            try put(Npy.encode(head, shape: [head.count]), "tracked-\(w)-scalars.npy")
            let detached = col.c.count == n
            let arrays = detached ? col.c + col.x + col.cBar + col.xBar + col.rCell : []
            try put(Npy.encode(arrays, shape: [detached ? 5 : 0, detached ? n : 0]), "tracked-\(w)-arrays.npy")
            let samples = col.samples.map(\.t) + col.samples.map(\.C) + col.samples.map(\.chi)
            try put(Npy.encode(samples, shape: [3, col.samples.count]), "tracked-\(w)-samples.npy")
        }
    }

    /// Reads `runDirectory/checkpoint` (or the previous one, if a kill interrupted the rename).
    public static func read(_ runDirectory: URL) throws -> Contents {
        let folder = try Folder.open(runDirectory)
        let dir = folder.dir, json = folder.json
        guard (json["format"] as? String ?? formatName).hasPrefix(formatName) else {
            throw DMFTError.unreadable(path: dir.path, reason: "not an adaptive-grid checkpoint")
        }
        let npy = folder.npy, int = folder.int
        let n = try int("window"), rows = try int("rows"), halvings = try int("halvings")
        let scalars = try npy("scalars.npy").values, p = try npy("problem.npy").values
        guard scalars.count == 3, p.count == 7, rows >= 1, rows <= n else {
            throw DMFTError.unreadable(path: dir.path, reason: "malformed scalars")
        }
        let model = try folder.model()
        let drive = try folder.drive(initialTemperature: p[6])
        let problem: DynamicsProblem
        do {
            problem = try DynamicsProblem(model: model, temperature: p[0], m0: p[1], tmax: p[2], drive: drive)
        } catch let e as DMFTError { throw DMFTError.unreadable(path: dir.path, reason: e.description) }
        func square(_ name: String) throws -> [Double] {
            let a = try npy("\(name).npy")
            guard a.shape == [n, n] else { throw DMFTError.unreadable(path: dir.path, reason: "\(name).npy is not \(n)×\(n)") }
            return a.values
        }
        let mm = try npy("m.npy").values
        let series = try npy("series.npy")
        guard mm.count == 2 * n, series.shape.count == 2, series.shape[0] == 4 else {
            throw DMFTError.unreadable(path: dir.path, reason: "malformed m.npy or series.npy")
        }
        let k = series.shape[1]
        let sv = series.values
        var tracked: [TrackedColumn] = []
        for w in 0..<(try int("tracked")) {
            let head = try npy("tracked-\(w)-scalars.npy").values
            guard head.count == 6 else { throw DMFTError.unreadable(path: dir.path, reason: "malformed tracked-\(w)") }
            var col = TrackedColumn(requested: head[0])
            col.time = head[1]; col.gridIndex = Int(head[2]); col.firstRow = Int(head[3])
            col.mAtWait = head[4]; col.cAtStart = head[5]
            let arrays = try npy("tracked-\(w)-arrays.npy").values
            if arrays.count == 5 * n {
                col.c = Array(arrays[0..<n]); col.x = Array(arrays[n..<(2 * n)])
                col.cBar = Array(arrays[(2 * n)..<(3 * n)]); col.xBar = Array(arrays[(3 * n)..<(4 * n)])
                col.rCell = Array(arrays[(4 * n)...])
            }
            let samples = try npy("tracked-\(w)-samples.npy").values
            let count = samples.count / 3
            col.samples = (0..<count).map { (samples[$0], samples[count + $0], samples[2 * count + $0]) }
            tracked.append(col)
        }
        let state0 = CoarseningGridState(
            window: n, rows: rows, h: scalars[0], halvings: halvings,
            C: try square("C"), X: try square("X"), CB: try square("CB"), XB: try square("XB"),
            S1: try square("S1"), S2: try square("S2"), SM: try square("SM"),
            m: Array(mm[0..<n]), mBar: Array(mm[n...]), mSlope0: scalars[1],
            series: TimeSeries(t: Array(sv[0..<k]), m: Array(sv[k..<(2 * k)]), energy: Array(sv[(2 * k)..<(3 * k)]),
                               mu: Array(sv[(3 * k)...])),
            tracked: tracked, wallSeconds: scalars[2])
        var state = state0
        state.unconvergedRows = (json["unconverged_rows"] as? NSNumber)?.intValue ?? 0
        state.iterations = (json["iterations"] as? NSNumber)?.intValue ?? 0
        state.firstUnconvergedTime = (json["first_unconverged_time"] as? NSNumber)?.doubleValue
        // Checkpoints written before the pinned points existed have none, and keep halving without them.
        let pinnedPoints = (json["pinned_points"] as? NSNumber)?.intValue ?? 0
        if pinnedPoints > 0 { state.pinnedTimes = try npy("pinned-times.npy").values }
        guard state.pinnedTimes.count <= pinnedPoints, state.pinnedTimes.count < rows else {
            throw DMFTError.unreadable(path: dir.path, reason: "pinned-times.npy does not match the grid")
        }
        if !drive.weights.isEmpty {
            let cells = try npy("channel-cells.npy")
            guard cells.shape.count == 3, cells.shape[0] == 3 * model.noise.terms.count,
                  cells.shape[1] == n, cells.shape[2] == n else {
                throw DMFTError.unreadable(path: dir.path, reason: "channel-cells.npy does not match the model's noise channels")
            }
            state.channelCells = cells.values
        }
        let lagDefect = ((json["lag_defect"] as? NSNumber)?.intValue ?? 0) != 0
        if lagDefect {
            let d = try npy("lag-defect.npy")
            guard d.values.count == CoarseningGridState.lagDefectRows * n else {
                throw DMFTError.unreadable(path: dir.path, reason: "lag-defect.npy does not match the window")
            }
            state.lagDefect = d.values
        }
        let solver = CoarseningGridSolver(window: n, h0: p[3], bandCells: try int("band_cells"), bandFromStep: p[4],
                                          tolerance: p[5], maxIterations: try int("max_iterations"),
                                          cellOrder: (json["cell_order"] as? NSNumber)?.intValue ?? 2,
                                          stepOrder: (json["step_order"] as? NSNumber)?.intValue ?? 2,
                                          lagDefect: lagDefect,
                                          waitingTimes: tracked.map(\.requested), pinnedPoints: pinnedPoints,
                                          threads: (json["threads"] as? NSNumber)?.intValue ?? 1)
        return Contents(state: state, problem: problem, solver: solver)
    }
}
