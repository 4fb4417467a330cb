import DMFT
import Foundation

/// The resumable state of a geometric-grid run, in `<run>/checkpoint/` (replaced atomically, as
/// `Checkpoint`): `checkpoint.json` (description, integers, the protocol's kinds), `problem.npy` (every Double setting,
/// bit-exact; T′ last), a temperature table if any, `grid.npy`, `rows.npy` (t, points, m, μ, e per row), `values.npy` (every row's values),
/// `upcoming.npy` (the row times still to take) and `waiting-times.npy`.
public enum GeometricCheckpoint {
    static let format = "dmft geometric-grid checkpoint"

    /// What `dmft resume` needs to continue: the state, the problem and the solver's knobs.
    public struct Contents {
        public var state: GeometricGridState
        public var problem: DynamicsProblem
        public var solver: GeometricGridSolver
    }

    /// Writes the checkpoint into `runDirectory/checkpoint` atomically (creating the run directory).
    public static func write(_ state: GeometricGridState, problem: DynamicsProblem,
                             solver: GeometricGridSolver, into runDirectory: URL) throws {
        try Checkpoint.replace(in: runDirectory) { try stage(state, problem: problem, solver: solver, at: $0) }
    }

    /// Writes the checkpoint files into `dir` (which must not exist), e.g. a staged run directory.
    public static func stage(_ s: GeometricGridState, problem: DynamicsProblem,
                             solver: GeometricGridSolver, at dir: URL) throws {
        let folder = try Checkpoint.Folder.create(dir)
        var json: [String: Any] = [
            "format": "\(format) 1", "points_per_efold": solver.pointsPerEfold, "max_sweeps": solver.maxSweeps,
            "anderson_depth": solver.andersonDepth, "threads": solver.threads,
            "rows": s.rowTime.count, "time": s.time, "sweeps": s.sweeps, "unconverged_rows": s.unconvergedRows,
            "split_steps": s.splitSteps,
        ]
        try folder.putModel(problem.model, json: &json)
        try folder.putSchedules(problem.drive, json: &json)
        try folder.put(JSON.encode(json), "checkpoint.json")
        let p = [problem.temperature, problem.m0, problem.tmax, solver.h0, solver.earlyTime, solver.stepTolerance,
                 solver.tolerance, s.wallSeconds, problem.drive.initialTemperature ?? .infinity]
        try folder.put(Npy.encode(p, shape: [p.count]), "problem.npy")
        let n = s.rowTime.count
        try folder.put(Npy.encode(s.grid, shape: [s.grid.count]), "grid.npy")
        try folder.put(Npy.encode(s.rowTime + s.rowPoints.map(Double.init) + s.m + s.mu + s.energy, shape: [5, n]), "rows.npy")
        try folder.put(Npy.encode(s.values, shape: [s.values.count]), "values.npy")
        try folder.put(Npy.encode(s.upcoming, shape: [s.upcoming.count]), "upcoming.npy")
        try folder.put(Npy.encode(solver.waitingTimes, shape: [solver.waitingTimes.count]), "waiting-times.npy")
    }

    /// Reads `runDirectory/checkpoint` (or the previous one, if a kill interrupted the rename).
    public static func read(_ runDirectory: URL) throws -> Contents {
        let folder = try Checkpoint.Folder.open(runDirectory)
        guard (folder.json["format"] as? String ?? "").hasPrefix(format) else {
            throw folder.bad("not a geometric-grid checkpoint")
        }
        let p = try folder.npy("problem.npy").values
        guard p.count == 9 else { throw folder.bad("problem.npy holds \(p.count) numbers, not 9") }
        let problem: DynamicsProblem
        do {
            problem = try DynamicsProblem(model: try folder.model(), temperature: p[0], m0: p[1], tmax: p[2],
                                          drive: try folder.drive(initialTemperature: p[8]))
        } catch let e as DMFTError { throw folder.bad(e.description) }
        let rows = try folder.npy("rows.npy")
        guard rows.shape.count == 2, rows.shape[0] == 5 else { throw folder.bad("rows.npy is not 5 × rows") }
        let n = rows.shape[1], r = rows.values
        func part(_ i: Int) -> [Double] { Array(r[(i * n)..<((i + 1) * n)]) }
        let points = part(1)
        guard points.allSatisfy({ $0 >= 1 && $0 <= 1e9 && $0 == $0.rounded() }) else { throw folder.bad("rows.npy: bad point counts") }
        let state = GeometricGridState(
            grid: try folder.npy("grid.npy").values, rowTime: part(0), rowPoints: points.map { Int($0) },
            m: part(2), mu: part(3), energy: part(4), values: try folder.npy("values.npy").values,
            upcoming: try folder.npy("upcoming.npy").values,
            sweeps: try folder.int("sweeps"), unconvergedRows: try folder.int("unconverged_rows"),
            splitSteps: try folder.int("split_steps"), wallSeconds: p[7])
        guard state.isConsistent else { throw folder.bad("the saved rows do not fit together") }
        var solver = GeometricGridSolver(pointsPerEfold: try folder.int("points_per_efold"), h0: p[3], earlyTime: p[4],
                                         stepTolerance: p[5], tolerance: p[6], maxSweeps: try folder.int("max_sweeps"),
                                         andersonDepth: try folder.int("anderson_depth"), threads: try folder.int("threads"))
        solver.waitingTimes = try folder.npy("waiting-times.npy").values
        do { try solver.validate(for: problem) } catch let e as DMFTError { throw folder.bad(e.description) }
        return Contents(state: state, problem: problem, solver: solver)
    }
}
