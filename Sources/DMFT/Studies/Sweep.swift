import Foundation
import Synchronization

/// One point of a parameter scan or phase diagram: where it is, and what gradient flow or Langevin
/// did there.
public struct SweepPoint: Sendable, Codable, Equatable {
    public var index: Int
    /// Model and run parameters of the point, e.g. ["delta2": 0.4, "deltap": 1].
    public var parameters: [String: Double]
    /// The horizon finally simulated (after automatic extensions).
    public var tmax: Double
    /// First time m(t) ≥ level, interpolated; nil if not reached by `tmax`.
    public var crossingTime: Double?
    public var finalM: Double
    public var finalEnergy: Double
    public var status: String
    public var wallSeconds: Double

    public var recovered: Bool { crossingTime != nil }
}

/// How each point of a sweep is run.
public struct SweepSettings: Sendable, Codable, Equatable {
    /// m(t) level that defines recovery.
    public var level: Double
    public var temperature: Double
    public var m0: Double
    public var dt: Double
    /// First horizon; doubled for points that have not crossed, up to `tmaxCap`.
    public var tmax: Double
    public var tmaxCap: Double
    /// Points run at once (each with one BLAS thread).
    public var jobs: Int
    /// Window of the coarsening (Kim–Latz) grid; nil runs the uniform grid at `dt`. Escape times near
    /// a threshold reach 10³–10⁴, where the uniform grid's cost (∝ t³) is prohibitive and the
    /// coarsening grid's grows like log t (equations/coarsening-grid.md). Optional so that the
    /// sweep.json of existing uniform-grid sweeps decodes and compares unchanged.
    public var window: Int?

    public init(level: Double, temperature: Double, m0: Double, dt: Double, tmax: Double, tmaxCap: Double, jobs: Int,
                window: Int? = nil) {
        self.level = level; self.temperature = temperature; self.m0 = m0; self.dt = dt
        self.tmax = tmax; self.tmaxCap = tmaxCap; self.jobs = jobs; self.window = window
    }

    public func validate() throws {
        guard level.isFinite, level > 0, level <= 1 else { throw DMFTError.invalidParameter("level", "must lie in (0, 1], got \(level)") }
        guard tmax > 0, tmax.isFinite else { throw DMFTError.invalidParameter("tmax", "must be > 0, got \(tmax)") }
        guard tmaxCap >= tmax else { throw DMFTError.invalidParameter("tmax-cap", "must be ≥ --tmax (\(tmax)), got \(tmaxCap)") }
        guard jobs >= 1 else { throw DMFTError.invalidParameter("jobs", "must be ≥ 1, got \(jobs)") }
        if let window { try CoarseningGridSolver.validate(window: window) }
    }
}

public enum Sweep {
    /// Runs every point (in parallel, `settings.jobs` at a time) and returns them in input order.
    /// `model` builds the model of a point from its parameters. `finished` is called as each point
    /// completes (from a worker thread), so a caller can save it at once and resume later.
    public static func run(points: [(index: Int, parameters: [String: Double])], settings: SweepSettings,
                           model: @Sendable ([String: Double]) throws -> Model,
                           finished: @Sendable (SweepPoint) -> Void = { _ in }) throws -> [SweepPoint] {
        try settings.validate()
        // Refuse a bad point before any work.
        for p in points { _ = try model(p.parameters) }
        let results = Mutex<[Int: SweepPoint]>([:])
        let failure = Mutex<Error?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(settings.jobs, max(1, points.count))) { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < points.count else { return }
                do {
                    let point = try runPoint(points[k], settings: settings, model: model)
                    results.withLock { $0[k] = point }
                    finished(point)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { r in (0..<points.count).compactMap { r[$0] } }
    }

    static func runPoint(_ point: (index: Int, parameters: [String: Double]), settings: SweepSettings,
                         model: ([String: Double]) throws -> Model) throws -> SweepPoint {
        let m = try model(point.parameters)
        var tmax = settings.tmax
        let start = Date()
        var state: CoarseningGridState?
        while true {
            // A point may set its own temperature or m0 (a scan along T, say).
            let problem = try DynamicsProblem(model: m, temperature: point.parameters["temperature"] ?? settings.temperature,
                                              m0: point.parameters["m0"] ?? settings.m0, tmax: tmax)
            let solution: Solution
            if let window = settings.window {
                // The coarsening grid continues from its saved state (bit for bit as an uninterrupted
                // run), so doubling the horizon costs only the new stretch.
                let run = try CoarseningGridSolver(window: window, threads: 1).run(problem, from: state)
                solution = run.solution
                state = run.state
            } else {
                solution = try UniformGridSolver(dt: settings.dt, threads: 1).solve(problem)
            }
            let crossing = Crossings.firstPassage(t: solution.series.t, y: solution.series.m, level: settings.level)
            if crossing != nil || tmax >= settings.tmaxCap || !solution.status.isComplete {
                return SweepPoint(index: point.index, parameters: point.parameters, tmax: solution.finalTime,
                                  crossingTime: crossing, finalM: solution.series.m.last ?? .nan,
                                  finalEnergy: solution.series.energy.last ?? .nan,
                                  status: solution.status.label, wallSeconds: Date().timeIntervalSince(start))
            }
            tmax = min(2 * tmax, settings.tmaxCap)
        }
    }

    /// `n` evenly spaced values from a to b (inclusive).
    public static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        n == 1 ? [a] : (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }
}
