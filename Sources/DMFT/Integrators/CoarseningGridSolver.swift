import COpenBLAS
import Foundation

/// Long-time integrator on a coarsening (Kim–Latz) grid, in the integrated response χ
/// (equations/coarsening-grid.md).
///
/// A window of `window` points t_r = r·h holds C, χ and their cell data. Rows are added one at a
/// time; when the window is full every other point is kept and h doubles. A step costs
/// O(window²) and each doubling of t costs O(window³), so t = 10⁶ is some twenty doublings away.
/// Memory integrals are Stieltjes sums ∫ F dχ ≈ Σ_cells F̄ Δχ, with F̄ built from cell averages
/// that are merged exactly at each halving. Near the diagonal (`bandCells` cells) the dynamics is
/// quasi-stationary once h is coarse, and values are copied along the diagonal instead of being
/// integrated. Time stepping: BDF3 (`stepOrder`), implicit in the local term −μy, with
/// Anderson-accelerated fixed-point iterations on the memory integrals of the new row.
public struct CoarseningGridSolver: DynamicsSolver {
    /// Window length N (even, ≥ 16). Error and cost grow with h/t ≈ 2/N: cost ∝ N³ per doubling.
    public var window: Int
    /// Initial step; must resolve the early dynamics (error ∝ h0² on the first window).
    public var h0: Double
    /// Cells next to the diagonal copied from the previous row once h ≥ `bandFromStep`.
    public var bandCells: Int
    /// The step from which the near-diagonal band is treated as quasi-stationary; below it every
    /// element is integrated.
    public var bandFromStep: Double
    /// Fixed-point tolerance on the new row (absolute on C, χ; relative on m), and the cap.
    public var tolerance: Double
    public var maxIterations: Int
    /// Order of the cell data of new rows: 2 (trapezoid, the default) or 4 (cubic through four nodes;
    /// more accurate early, but it drives growing oscillations after halvings at t ≳ 10⁶, window 1024).
    public var cellOrder: Int
    /// Order of the backward-differentiation formula for the columns: 3 (default) or 2.
    public var stepOrder: Int
    /// Lag defects (equations/coarsening-grid.md §4): at each halving, the coarse scheme's residual
    /// on the fine solution (cell data and column step, per lag up to N/4) is added to every row of
    /// the new window. Exact for stationary dynamics (quench from equilibrium: 2·10⁻⁵ instead of
    /// 1.6·10⁻³ in e); in aging it pins the slow drift after t ~ 10⁴–10⁵, so it is off by default.
    public var lagDefect: Bool
    /// Waiting times t_w whose columns C(t, t_w), χ(t, t_w) are followed through the run.
    public var waitingTimes: [Double]
    /// How many grid points below h the halvings keep (one per halving: h0, 2h0, 4h0, …), so that the
    /// cells next to s = 0 stay geometric (equations/coarsening-grid.md §2); nil: window/4. 0 is
    /// plain Kim–Latz halving, whose first cell [0, h] grows with h.
    public var pinnedPoints: Int?
    /// The number of pinned points this solver keeps at most.
    public var pinnedPointLimit: Int { pinnedPoints ?? window / 4 }
    public var threads: Int
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var progressInterval: Double
    /// Polled once per step; true stops the run cleanly (status `.interrupted`, state resumable).
    public var shouldStop: (@Sendable () -> Bool)?
    /// Called with the full state about every `checkpointInterval` wall seconds (nil: never).
    public var checkpoint: (@Sendable (CoarseningGridState) throws -> Void)?
    public var checkpointInterval: Double

    public init(window: Int = 512, h0: Double = 0.01, bandCells: Int = 3, bandFromStep: Double = 0.05,
                tolerance: Double = 1e-12, maxIterations: Int = 50, cellOrder: Int = 2, stepOrder: Int = 3, lagDefect: Bool = false, waitingTimes: [Double] = [],
                pinnedPoints: Int? = nil, threads: Int = 1, progress: (@Sendable (SolverProgress) -> Void)? = nil,
                progressInterval: Double = 1, shouldStop: (@Sendable () -> Bool)? = nil,
                checkpoint: (@Sendable (CoarseningGridState) throws -> Void)? = nil,
                checkpointInterval: Double = .infinity) {
        self.window = window
        self.h0 = h0
        self.bandCells = bandCells
        self.bandFromStep = bandFromStep
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.cellOrder = cellOrder
        self.stepOrder = stepOrder
        self.lagDefect = lagDefect
        self.waitingTimes = waitingTimes
        self.pinnedPoints = pinnedPoints
        self.threads = threads
        self.progress = progress
        self.progressInterval = progressInterval
        self.shouldStop = shouldStop
        self.checkpoint = checkpoint
        self.checkpointInterval = checkpointInterval
    }

    public var name: String { "adaptive" }
    public var settings: [String: Double] {
        ["window": Double(window), "h0": h0, "band_cells": Double(bandCells), "band_from_step": bandFromStep,
         "tolerance": tolerance, "max_iterations": Double(maxIterations), "cell_order": Double(cellOrder), "step_order": Double(stepOrder),
         "lag_defect": lagDefect ? 1 : 0, "pinned_points": Double(pinnedPointLimit), "threads": Double(threads)]
    }

    /// The window lengths the scheme accepts (also checked by sweeps before any point runs).
    public static func validate(window: Int) throws {
        guard window >= 16, window % 2 == 0 else {
            throw DMFTError.invalidParameter("window", "must be even and ≥ 16, got \(window)")
        }
        guard window <= 8192 else {
            throw DMFTError.invalidParameter("window", "must be ≤ 8192 (memory 7·N² doubles), got \(window)")
        }
    }

    public func validate(for problem: DynamicsProblem) throws {
        try Self.validate(window: window)
        guard h0.isFinite, h0 > 0, h0 <= problem.tmax else {
            throw DMFTError.invalidParameter("h0", "must be > 0 and ≤ --tmax, got \(h0)")
        }
        guard tolerance > 0, maxIterations >= 1 else {
            throw DMFTError.invalidParameter("tolerance", "needs tolerance > 0 and at least one iteration")
        }
        guard cellOrder == 2 || cellOrder == 4 else {
            throw DMFTError.invalidParameter("cell-order", "must be 2 or 4, got \(cellOrder)")
        }
        guard stepOrder == 2 || stepOrder == 3 else {
            throw DMFTError.invalidParameter("step-order", "must be 2 or 3, got \(stepOrder)")
        }
        guard bandCells >= 0, bandCells < window / 4 else {
            throw DMFTError.invalidParameter("band-cells", "must be in [0, window/4), got \(bandCells)")
        }
        guard pinnedPointLimit >= 0, pinnedPointLimit <= window / 4 else {
            throw DMFTError.invalidParameter("pinned-points", "must be in [0, window/4], got \(pinnedPointLimit)")
        }
        guard bandFromStep.isFinite, bandFromStep > 0 else {
            throw DMFTError.invalidParameter("band-from-step", "must be > 0, got \(bandFromStep)")
        }
        if lagDefect {
            guard stepOrder == 3 else {
                throw DMFTError.invalidParameter("lag-defect", "is measured for the BDF3 step: use --step-order 3")
            }
            guard !problem.drive.hasWeights else {
                throw DMFTError.invalidParameter("lag-defect", "is not available with channel weights (the cells are weighted per row)")
            }
        }
        for tw in waitingTimes where !(tw.isFinite && tw >= 0) {
            throw DMFTError.invalidParameter("waiting-times", "must be ≥ 0, got \(tw)")
        }
    }

    /// A fresh state at t = 0 for a problem.
    public func initialState(for problem: DynamicsProblem) -> CoarseningGridState {
        let n = window
        let zero = [Double](repeating: 0, count: n * n)
        var s = CoarseningGridState(window: n, rows: 1, h: h0, halvings: 0, C: zero, X: zero, CB: zero, XB: zero,
                                    S1: zero, S2: zero, SM: zero, m: [Double](repeating: 0, count: n),
                                    mBar: [Double](repeating: 0, count: n), mSlope0: 0, series: TimeSeries(),
                                    tracked: waitingTimes.map { TrackedColumn(requested: $0) }, wallSeconds: 0)
        s.C[0] = 1
        s.m[0] = problem.m0
        let model = problem.model
        let m0 = problem.m0
        var potential = model.signal(m0), force = model.v1(m0)
        var start = (xi: model.noise(1), xi1: model.xi1(1))
        if problem.drive.hasWeights {
            let weighted = WeightedKernels(model: model, drive: problem.drive)
            let w0 = weighted.noiseWeights(at: 0)
            (potential, force) = weighted.signal(m0, weights: weighted.signalWeights(at: 0))
            let k = weighted.noise(1, weightsAtT: w0, weightsAtS: w0)
            start = (k.xi, k.xi1)
            s.channelCells = [Double](repeating: 0, count: 3 * weighted.noiseTerms.count * n * n)
        }
        let invTp = problem.drive.inverseInitialTemperature
        let t0 = problem.drive.temperature(at: 0, default: problem.temperature)
        let mu = t0 + force * m0 + invTp * start.xi1
        s.mSlope0 = DMFTEquations.dm(mu: mu, m: m0, signalForce: force, memory: 0)
        s.series.append(t: 0, m: m0, energy: -potential - invTp * start.xi, mu: mu)
        for w in s.tracked.indices where s.tracked[w].requested <= 0 {
            s.tracked[w].gridIndex = 0
            s.tracked[w].time = 0
            s.tracked[w].mAtWait = m0
            s.tracked[w].cAtStart = 1
            s.tracked[w].samples.append((0, 1, 0))
        }
        return s
    }

    public func solve(_ problem: DynamicsProblem) throws -> Solution {
        try run(problem, from: nil).solution
    }

    /// Integrates from `state` (or from t = 0) until the first grid time ≥ problem.tmax, a stop
    /// request, or a non-finite value. Returns the solution and the final state (resumable).
    public func run(_ problem: DynamicsProblem, from state: CoarseningGridState?) throws
        -> (solution: Solution, state: CoarseningGridState) {
        try validate(for: problem)
        if let state, state.window != window {
            throw DMFTError.invalidParameter("window", "the saved state has window \(state.window), not \(window)")
        }
        let channels = problem.drive.hasWeights ? problem.model.noise.terms.count : 0
        if let state, state.channelCells.count != 3 * channels * window * window {
            throw DMFTError.invalidParameter("grid", "the saved state holds \(state.channelCount) weighted noise channels, the problem \(channels)")
        }
        openblas_set_num_threads(1)  // the threads split the row's products instead (RowProducts)
        let start = Date()
        let stepper = CoarseningStepper(problem: problem, solver: self,
                                        state: state ?? initialState(for: problem))
        let wallBefore = stepper.s.wallSeconds
        var lastReport = start, lastCheckpoint = start
        var status = RunStatus.completed
        let tEnd = problem.tmax * (1 - 1e-12)
        while stepper.s.time(stepper.s.rows - 1) < tEnd {
            if let shouldStop, shouldStop() {
                status = .interrupted(atTime: stepper.s.time(stepper.s.rows - 1))
                break
            }
            if !stepper.advance() {
                status = .diverged(atTime: stepper.s.time(stepper.s.rows))
                break
            }
            let now = Date()
            if let progress, now.timeIntervalSince(lastReport) >= progressInterval {
                lastReport = now
                let done = Double(stepper.s.series.count - 1)
                let left = Self.remainingSteps(rows: stepper.s.rows, window: window, h: stepper.s.h, tmax: problem.tmax,
                                               pinned: stepper.s.pinnedTimes.count, pinLimit: pinnedPointLimit)
                progress(SolverProgress(time: stepper.s.time(stepper.s.rows - 1), tmax: problem.tmax,
                                        step: stepper.s.series.count - 1,
                                        wallSeconds: wallBefore + now.timeIntervalSince(start),
                                        fraction: done / max(done + left, 1)))
            }
            if let checkpoint, now.timeIntervalSince(lastCheckpoint) >= checkpointInterval {
                lastCheckpoint = now
                var copy = stepper.s
                copy.wallSeconds = wallBefore + now.timeIntervalSince(start)
                try checkpoint(copy)
            }
        }
        stepper.s.wallSeconds = wallBefore + Date().timeIntervalSince(start)
        var all = settings
        if problem.drive.hasWeights { all["band_weight_drift"] = bandWeightDrift(stepper.s.series, problem.drive) }
        return (Self.solution(of: stepper.s, problem: problem, status: status, name: name, settings: all),
                stepper.s)
    }

    /// Steps still to take from a window holding `rows` rows at step h to reach tmax: the rest of this
    /// window, then N/2 per halving. Each doubling of t costs the same, so progress and ETA go by
    /// steps, not by t (a run at t = 10⁴ of 10⁶ is two-thirds done, not 1 %).
    /// With p pinned points (limit `pinLimit`) row r lies at (r − p)·h.
    public static func remainingSteps(rows: Int, window n: Int, h: Double, tmax: Double,
                                      pinned: Int = 0, pinLimit: Int = 0) -> Double {
        var steps = 0.0, r = rows, h = h, p = pinned
        while Double(r - 1 - p) * h < tmax * (1 - 1e-12) {
            if Double(n - 1 - p) * h >= tmax { return steps + ((tmax - Double(r - 1 - p) * h) / h).rounded(.up) }
            steps += Double(n - r)
            let pin = p < pinLimit
            r = keptPoints(window: n, pinned: p, pin: pin).count
            if pin { p += 1 }
            h *= 2
        }
        return steps
    }

    /// The indices a halving of a full window keeps, in order: t = 0 and the `pinned` pinned points, the
    /// lattice point t = h if it is to be pinned (`pin`), and the even lattice points 2h, 4h, ….
    static func keptPoints(window n: Int, pinned: Int, pin: Bool) -> [Int] {
        let P = pinned + 1  // index of the lattice point t = h
        var keep = Array(0..<P)
        if pin { keep.append(P) }
        for m in stride(from: 2, through: n - P, by: 2) { keep.append(P - 1 + m) }
        return keep
    }

    /// How far the channel weights move after the copied band switched on (the first step with
    /// h ≥ `bandFromStep`, time t_on): max_k max_t |w_k(t) − w_k(t_on)| / max(|w_k(t)|, |w_k(t_on)|).
    /// The band keeps the short-lag dynamics (C, χ and the unweighted cell integrals near the
    /// diagonal) from the time it was integrated — its innermost part from t_on — and only the
    /// weights themselves are applied afresh; the copy stands for the current Hamiltonian only if
    /// this is small (equations/coarsening-grid.md §4). 0 without a band or without weights.
    public func bandWeightDrift(_ series: TimeSeries, _ drive: DrivingProtocol) -> Double {
        guard bandCells > 0 else { return 0 }
        let t = series.t
        guard let on = (1..<max(1, t.count)).first(where: { t[$0] - t[$0 - 1] >= bandFromStep * (1 - 1e-12) })
        else { return 0 }
        var drift = 0.0
        for degree in drive.weights.keys {
            let start = drive.weight(degree, at: t[on])
            for k in on..<t.count {
                let w = drive.weight(degree, at: t[k])
                let scale = max(abs(w), abs(start))
                if scale > 0 { drift = max(drift, abs(w - start) / scale) }
            }
        }
        return drift
    }

    /// The window as a `Solution`: the grid (0, the pinned times, then m·h), C, and R(t,t′) =
    /// −∂χ(t,t′)/∂t′ by differences of χ along the row (over the two adjacent cells, one cell at
    /// t′ = 0; R = 1 on the diagonal). Near the diagonal at coarse h these are cell averages, not point values.
    public static func solution(of s: CoarseningGridState, problem: DynamicsProblem, status: RunStatus,
                                name: String = "adaptive", settings: [String: Double] = [:]) -> Solution {
        let n = s.rows
        var C = TriangularArray(count: n), R = TriangularArray(count: n)
        for i in 0..<n {
            for j in 0...i {
                C[i, j] = s.C[s.index(i, j)]
                if j == i { R[i, j] = 1; continue }
                // Centred over the two adjacent cells, which differ in width next to the pinned points.
                let a = max(j - 1, 0)
                R[i, j] = (s.X[s.index(i, a)] - s.X[s.index(i, j + 1)]) / (s.time(j + 1) - s.time(a))
            }
        }
        var all = settings
        all["final_h"] = s.h
        all["halvings"] = Double(s.halvings)
        all["unconverged_rows"] = Double(s.unconvergedRows)
        all["iterations_per_step"] = s.series.count > 0 ? Double(s.iterations) / Double(s.series.count) : 0
        if let t = s.firstUnconvergedTime { all["first_unconverged_time"] = t }
        var solution = Solution(problem: problem, grid: s.grid, C: C, R: R, series: s.series, status: status,
                                solverName: name, solverSettings: all, wallSeconds: s.wallSeconds)
        solution.chi = integratedResponse(of: s)
        solution.waitingTimeColumns = s.tracked.compactMap { col in
            col.samples.count >= 2 ? WaitingTimeColumn(tw: col.time, t: col.samples.map(\.t),
                                                        C: col.samples.map(\.C), chi: col.samples.map(\.chi)) : nil
        }
        return solution
    }

    /// χ on the final window, as a lower-triangular array (written as chi.npy).
    public static func integratedResponse(of s: CoarseningGridState) -> TriangularArray {
        var X = TriangularArray(count: s.rows)
        for i in 0..<s.rows { for j in 0...i { X[i, j] = s.X[s.index(i, j)] } }
        return X
    }
}

/// One step of the coarsening-grid scheme, on a state it owns.
final class CoarseningStepper {
    /// Read and written element by element in the hot loops. The stepper is used by one thread at a time,
    /// so the runtime exclusivity checks on this class property (a tenth of a run's time) are switched off.
    @exclusivity(unchecked) var s: CoarseningGridState
    let problem: DynamicsProblem
    let model: Model
    let bandCells: Int
    let bandFromStep: Double
    let tolerance: Double
    let maxIterations: Int
    let cellOrder: Int
    let bdfOrder: Int
    let invTp: Double
    /// The most pinned points the halvings keep (`CoarseningGridSolver.pinnedPointLimit`).
    let pinLimit: Int
    /// Largest lag that gets the lag-defect correction (0: off).
    let defectLags: Int
    /// The row's matrix products on two threads (`threads` ≥ 2).
    let parallelProducts: Bool
    /// Scratch, length window: the column memories of the row (outputs of `RowProducts`, which writes
    /// them from two threads, so they are raw buffers owned by the stepper).
    let g1: UnsafeMutableBufferPointer<Double>, g2: UnsafeMutableBufferPointer<Double>, gx: UnsafeMutableBufferPointer<Double>
    /// Channel weights (nil without): the number of noise channels, w_c(t_i) of the row being
    /// computed, w_c(0), the signal weights w_c(t_i), and w_c at the midpoints of the cells of the
    /// current grid (refreshed when h changes).
    let weighted: WeightedKernels?
    let channels: Int
    var rowWeights: [Double] = [], startWeights: [Double] = [], signalRowWeights: [Double] = []
    var cellWeights: [[Double]] = [], cellWeightsStep = Double.nan

    deinit { for g in [g1, g2, gx] { g.deallocate() } }

    init(problem: DynamicsProblem, solver: CoarseningGridSolver, state: CoarseningGridState) {
        self.problem = problem
        model = problem.model
        bandCells = solver.bandCells
        bandFromStep = solver.bandFromStep
        tolerance = solver.tolerance
        maxIterations = solver.maxIterations
        cellOrder = solver.cellOrder
        bdfOrder = solver.stepOrder
        pinLimit = solver.pinnedPointLimit
        invTp = problem.drive.inverseInitialTemperature
        parallelProducts = solver.threads >= 2
        s = state
        let n = state.window
        g1 = .allocate(capacity: n); g2 = .allocate(capacity: n); gx = .allocate(capacity: n)
        for g in [g1, g2, gx] { g.initialize(repeating: 0) }
        // Lags up to N/4 (τ ≤ t/2 in every window): beyond, the corrections are negligible.
        defectLags = solver.lagDefect ? n / 4 : 0
        let rows = CoarseningGridState.lagDefectRows
        assert(DefectSlot.allCases.count == rows)
        if defectLags > 0 && s.lagDefect.count != rows * n { s.lagDefect = .init(repeating: 0, count: rows * n) }
        if problem.drive.hasWeights {
            let w = WeightedKernels(model: model, drive: problem.drive)
            weighted = w
            channels = w.noiseTerms.count
            startWeights = w.noiseWeights(at: 0)
        } else {
            weighted = nil
            channels = 0
        }
    }

    /// Sets the channel weights for row i (no-op without weights).
    private func prepareWeights(row i: Int) {
        guard let weighted else { return }
        let t = s.time(i)
        rowWeights = weighted.noiseWeights(at: t)
        signalRowWeights = weighted.signalWeights(at: t)
        if cellWeightsStep != s.h {  // the grid changes only at a halving, which doubles h
            cellWeightsStep = s.h
            let midpoints = (0..<s.window).map { 0.5 * (s.time($0) + s.time($0 + 1)) }
            cellWeights = (0..<channels).map { c in
                let k = weighted.noiseTerms[c].degree
                return midpoints.map { problem.drive.weight(k, at: $0) }
            }
        }
    }

    /// (V_t(m), V′_t(m)) at the row being computed: the model's V, or V_t under channel weights.
    @inline(__always)
    private func signal(_ m: Double) -> (v: Double, v1: Double) {
        if let weighted { return weighted.signal(m, weights: signalRowWeights) }
        return (model.signal(m), model.v1(m))
    }

    /// D(t_i, s) = ξ′_{t_i,s}(q) for s in cell k of the current grid.
    @inline(__always)
    private func vertex(_ q: Double, cell k: Int) -> Double {
        guard let weighted else { return model.xi1(q) }
        var d = 0.0
        for c in 0..<channels { d += rowWeights[c] * cellWeights[c][k] * weighted.noiseTerm(c, q).xi1 }
        return d
    }

    /// (ξ_{t_i,0}(q), ξ′_{t_i,0}(q)), for the terms of a start from equilibrium.
    @inline(__always)
    private func startKernel(_ q: Double) -> (xi: Double, xi1: Double) {
        guard let weighted else { return (model.noise(q), model.xi1(q)) }
        let k = weighted.noise(q, weightsAtT: rowWeights, weightsAtS: startWeights)
        return (k.xi, k.xi1)
    }

    /// Computes row `rows`; halves the window when it is full. False if a value became non-finite.
    func advance() -> Bool {
        let N = s.window
        let i = s.rows
        let h = s.h
        let B = bandIsOn(at: h) ? bandCells : 0
        let T = problem.drive.temperature(at: s.time(i), default: problem.temperature)
        prepareWeights(row: i)
        @inline(__always) func band(_ distance: Int, _ sourceIndex: Int) -> Bool { Self.isBand(distance, sourceIndex, width: B, lattice: s.latticeStart) }

        // Quasi-stationary band: copy along the diagonal (row i from row i−1, shifted by one).
        for j in max(0, i - B)..<i where band(i - j, j) {
            s.C[i * N + j] = s.C[(i - 1) * N + j - 1]
            s.X[i * N + j] = s.X[(i - 1) * N + j - 1]
        }
        for k in max(0, i - B)..<i where band(i - k, k) {
            s.CB[k * N + i] = s.CB[(k - 1) * N + i - 1]
            s.S1[i * N + k] = s.S1[(i - 1) * N + k - 1]
            s.S2[i * N + k] = s.S2[(i - 1) * N + k - 1]
            s.SM[i * N + k] = s.SM[(i - 1) * N + k - 1]
            for kind in 0..<(3 * channels) {  // the unweighted cell integrals, channel by channel
                let base = kind * N * N
                s.channelCells[base + i * N + k] = s.channelCells[base + (i - 1) * N + k - 1]
            }
        }
        for j in max(0, i - B)..<i where band(i - j, j) {  // cell i−1 of column j
            s.CB[(i - 1) * N + j] = s.CB[(i - 2) * N + j - 1]
            s.XB[(i - 1) * N + j] = s.XB[(i - 2) * N + j - 1]
        }
        s.C[i * N + i] = 1
        s.X[i * N + i] = 0

        // First guess for the integrated elements: linear extrapolation along the column.
        for j in 0..<i where !band(i - j, j) {
            if j == i - 1 {
                s.C[i * N + j] = 1 - T * h
                s.X[i * N + j] = h
            } else {
                s.C[i * N + j] = 2 * s.C[(i - 1) * N + j] - s.C[(i - 2) * N + j]
                s.X[i * N + j] = 2 * s.X[(i - 1) * N + j] - s.X[(i - 2) * N + j]
            }
        }
        s.m[i] = i >= 2 ? 2 * s.m[i - 1] - s.m[i - 2] : s.m[0] + h * s.mSlope0

        var mu = 0.0, energy = 0.0
        var converged = false
        // The integrated elements of the row; the fixed-point iteration on them is accelerated
        // (Anderson mixing): near a marginal state its plain contraction factor tends to 1.
        let free = (0..<i).filter { !band(i - $0, $0) }
        let nFree = free.count
        var u = [Double](repeating: 0, count: 2 * nFree + 1), g = u
        var anderson = AndersonMixing(depth: 4)
        func write(_ v: [Double]) {
            for (p, j) in free.enumerated() { s.C[i * N + j] = v[p]; s.X[i * N + j] = v[p + nFree] }
            s.m[i] = v[2 * nFree]
        }
        for _ in 0..<maxIterations {
            s.iterations += 1
            // Cell data of the new row and of the newest cell, outside the band.
            fillCells(row: i, isBand: band)

            let ev = evaluateMemory(row: i, temperature: T)
            mu = ev.mu; energy = ev.energy
            let force = ev.force, quench = ev.quench, memM = ev.memM

            // Implicit update (BDF2; trapezoid from the diagonal for the newest column): the map
            // u ↦ g(u) on the integrated elements of the row and m(t_i).
            var change = 0.0
            let bdf = 2 * h / 3
            for (p, j) in free.enumerated() {
                let (gC, gX) = columnRightHandSide(row: i, column: j, force: force, quench: quench)
                let c: Double, x: Double
                if j == i - 1 {
                    let f = 1 / (1 + 0.5 * h * mu)
                    c = (1 + 0.5 * h * (-T + gC)) * f
                    x = (0.5 * h * (1 + gX)) * f
                } else if bdfOrder >= 3 && j <= i - 3 {
                    let b3 = 6 * h / 11
                    let f = 1 / (1 + b3 * mu)
                    let d = i - j
                    let dc = d <= defectLags ? s.lagDefect[defectIndex(.stepC, d)] : 0
                    let dx = d <= defectLags ? s.lagDefect[defectIndex(.stepX, d)] : 0
                    c = (Self.bdf3History(s.C, i, j, N) + b3 * gC + dc) * f
                    x = (Self.bdf3History(s.X, i, j, N) + b3 * gX + dx) * f
                } else {
                    let f = 1 / (1 + bdf * mu)
                    c = ((4 * s.C[(i - 1) * N + j] - s.C[(i - 2) * N + j]) / 3 + bdf * gC) * f
                    x = ((4 * s.X[(i - 1) * N + j] - s.X[(i - 2) * N + j]) / 3 + bdf * gX) * f
                }
                change = max(change, abs(c - s.C[i * N + j]), abs(x - s.X[i * N + j]))
                u[p] = s.C[i * N + j]; u[p + nFree] = s.X[i * N + j]
                g[p] = c; g[p + nFree] = x
            }
            let gm = DMFTEquations.dm(mu: 0, m: 0, signalForce: force, memory: memM)
            let newM: Double
            if i == 1 {
                newM = (s.m[0] + 0.5 * h * (s.mSlope0 + gm)) / (1 + 0.5 * h * mu)
            } else if bdfOrder >= 3 && i >= 3 {
                let b3 = 6 * h / 11
                newM = (Self.bdf3History(s.m, i, 0, 1) + b3 * gm) / (1 + b3 * mu)
            } else {
                newM = ((4 * s.m[i - 1] - s.m[i - 2]) / 3 + bdf * gm) / (1 + bdf * mu)
            }
            let mChange = abs(newM - s.m[i]) / max(abs(newM), 1e-300)
            u[2 * nFree] = s.m[i]; g[2 * nFree] = newM
            if !(change.isFinite && newM.isFinite) { return false }
            if change <= tolerance && mChange <= tolerance {
                converged = true
                write(g)
                break
            }
            write(anderson.next(u: u, g: g))
        }
        // A row that has not converged within the cap is kept (the cap bounds the work) and counted.
        if !converged {
            s.unconvergedRows += 1
            if s.firstUnconvergedTime == nil { s.firstUnconvergedTime = s.time(i) }
        }
        // Final cell data and observables for the converged row.
        fillCells(row: i, isBand: band)
        let mi = s.m[i]
        var sumM = 0.0, sum1 = 0.0
        for k in 0..<i { sumM += s.SM[i * N + k]; sum1 += s.S1[i * N + k] }
        let c0 = s.C[i * N]
        let (potential, force) = signal(mi), start = startKernel(c0)
        mu = DMFTEquations.mu(temperature: T, m: mi, signalForce: force,
                              integral: sumM + invTp * start.xi1 * c0)
        energy = -potential - (sum1 + invTp * start.xi)
        guard mu.isFinite, energy.isFinite else { return false }

        advanceTracked(row: i, mu: mu)
        s.series.append(t: s.time(i), m: mi, energy: energy, mu: mu)
        s.rows = i + 1
        if s.rows == N { halve() }
        return true
    }

    /// The memory integrals of row i from the current cell data: μ, e, the signal force, the quench
    /// coefficient and the m memory are returned, the column memories are left in g1, g2, gx.
    private func evaluateMemory(row i: Int, temperature T: Double)
        -> (mu: Double, energy: Double, force: Double, quench: Double, memM: Double) {
        let N = s.window
        let mi = s.m[i]
        let (potential, force) = signal(mi)
        var sumM = 0.0, sum1 = 0.0, memM = 0.0
        for k in 0..<i {
            sumM += s.SM[i * N + k]
            sum1 += s.S1[i * N + k]
            memM += s.S2[i * N + k] * s.mBar[k]
        }
        let start = startKernel(s.C[i * N])
        let quench = invTp * start.xi1
        let mu = DMFTEquations.mu(temperature: T, m: mi, signalForce: force, integral: sumM + quench * s.C[i * N])
        let energy = -potential - (sum1 + invTp * start.xi)

        // Memory integrals for every column j < i at once (g2 enters as the differences ΔD of the vertex).
        var prev = 0.0
        for k in 0..<i {
            let d = vertex(s.CB[k * N + i], cell: k)
            g2[k] = d - prev
            prev = d
        }
        let len = Int32(i), lda = Int32(N)
        s.S2.withUnsafeBufferPointer { s2 in
            let row = s2.baseAddress! + i * N
            gx.baseAddress!.update(from: row, count: i)
            s.CB.withUnsafeBufferPointer { cb in
            s.XB.withUnsafeBufferPointer { xb in
            s.X.withUnsafeBufferPointer { x in
                let products = RowProducts(cBar: cb.baseAddress!, chiBar: xb.baseAddress!, chi: x.baseAddress!,
                                           row: row, sigmaC: g1.baseAddress!, sigmaChi: gx.baseAddress!,
                                           responseD: g2.baseAddress!, count: len, stride: lda)
                // On short rows the hand-off to a second thread costs more than the products.
                if parallelProducts && i >= 64 {
                    DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? products.full() : products.halves() }
                } else {
                    products.full(); products.halves()
                }
            }}}
        }
        return (mu, energy, force, quench, memM)
    }

    /// The lag defects of the window that a halving has just made (equations/coarsening-grid.md §4):
    /// the residual of the coarse row equations on the last row of the halved window, whose values
    /// were computed on the fine grid, δ = y(1 + bμ) − (18y₋₁ − 9y₋₂ + 2y₋₃)/11 − b·G, b = 6h/11,
    /// with the row's cell data filled from point values as a new row's are. Frozen per lag for the
    /// window, it carries the fine grid's accuracy next to the band as the copy does inside it: the
    /// multigrid τ-correction, exact when the dynamics at that lag only shifts along the diagonal.
    private func measureLagDefects() {
        let N = s.window, i = s.rows - 1
        for d in s.lagDefect.indices { s.lagDefect[d] = 0 }
        guard i >= 3, bandIsOn(at: s.h) else { return }
        let B = bandCells
        @inline(__always) func band(_ distance: Int, _ sourceIndex: Int) -> Bool { Self.isBand(distance, sourceIndex, width: B, lattice: s.latticeStart) }
        // The merged cell data of the row (exact averages and integrals from the fine grid) …
        let row = i * N, newest = (i - 1) * N
        let s1 = Array(s.S1[row..<(row + i)]), s2 = Array(s.S2[row..<(row + i)]), sm = Array(s.SM[row..<(row + i)])
        let rowAverages = (0..<i).map { s.CB[$0 * N + i] }
        let cb = Array(s.CB[newest..<(newest + i)]), xb = Array(s.XB[newest..<(newest + i)])
        let mb = s.mBar[i - 1]
        // … against what a new row would fill from point values: their difference per lag is the
        // cell defect, added to every new row's cells.
        fillCells(row: i, isBand: band)
        let L = s.latticeStart
        for k in min(L, i)..<i where !band(i - k, k) && i - k <= defectLags {
            let e = i - k
            s.lagDefect[defectIndex(.s1, e)] = s1[k] - s.S1[row + k]
            s.lagDefect[defectIndex(.s2, e)] = s2[k] - s.S2[row + k]
            s.lagDefect[defectIndex(.sm, e)] = sm[k] - s.SM[row + k]
            s.lagDefect[defectIndex(.rowAverage, e)] = rowAverages[k] - s.CB[k * N + i]
        }
        for j in min(L, i)..<i where !band(i - j, j) && i - j <= defectLags {
            s.lagDefect[defectIndex(.newestC, i - j)] = cb[j] - s.CB[newest + j]
            s.lagDefect[defectIndex(.newestX, i - j)] = xb[j] - s.XB[newest + j]
        }
        s.S1.replaceSubrange(row..<(row + i), with: s1)
        s.S2.replaceSubrange(row..<(row + i), with: s2)
        s.SM.replaceSubrange(row..<(row + i), with: sm)
        for k in 0..<i { s.CB[k * N + i] = rowAverages[k] }
        s.CB.replaceSubrange(newest..<(newest + i), with: cb)
        s.XB.replaceSubrange(newest..<(newest + i), with: xb)
        s.mBar[i - 1] = mb
        // The step defect: the residual of the column step on the merged data.
        let T = problem.drive.temperature(at: s.time(i), default: problem.temperature)
        let ev = evaluateMemory(row: i, temperature: T)
        let b = 6 * s.h / 11
        for j in 0...(i - 3) {
            let d = i - j
            guard d > B, d <= defectLags, j >= L else { continue }
            let (gC, gX) = columnRightHandSide(row: i, column: j, force: ev.force, quench: ev.quench)
            func residual(_ y: [Double], _ g: Double) -> Double {
                y[i * N + j] * (1 + b * ev.mu) - Self.bdf3History(y, i, j, N) - b * g
            }
            s.lagDefect[defectIndex(.stepC, d)] = residual(s.C, gC)
            s.lagDefect[defectIndex(.stepX, d)] = residual(s.X, gX)
        }
    }

    /// ∂t C and ∂t χ of element (i, j) without the local term −μy, from the memories in g1, g2, gx.
    @inline(__always)
    private func columnRightHandSide(row i: Int, column j: Int, force: Double, quench: Double) -> (Double, Double) {
        let N = s.window
        // ∂t C = −μC + V′(m)m(t′) − ∫₀ᵗ ξ″ C dχ − ∫₀^{t′} ξ′ dχ(t′,·) (+ quench ξ′(C(t,0))C(t′,0)/T′)
        let gC = DMFTEquations.dC(mu: 0, C: 0, signalForce: force, mEarlier: s.m[j],
                                  memoryC: g1[j], memoryR: g2[j] + quench * s.C[j * N])
        return (gC, 1 + gx[j])
    }

    /// The cell data that row i adds outside the band: row averages C̄_{k,i} and cell integrals S_{ik}
    /// along the row, and the newest cell i−1 of every column (C̄_{i−1,j}, χ̄_{i−1,j}, m̄_{i−1}).
    /// `cellOrder` 2: trapezoid and ξ(C̄)Δχ. 4: cubic interpolation through four nodes of the row
    /// (or column), exact averages of the cubic, and three-point Gauss–Legendre for ∫ξ(C) dχ.
    private func fillCells(row i: Int, isBand: (Int, Int) -> Bool) {
        let N = s.window, L = s.latticeStart
        // Cubic stencils need four equally spaced nodes: on the lattice only (trapezoid next to the pinned points).
        func stencil(_ k: Int) -> Int? {
            guard cellOrder >= 4 && i >= 3 else { return nil }
            if k - 1 >= L && k + 2 <= i { return k - 1 }
            if k >= L && k + 3 <= i { return k }
            if k - 2 >= L && k + 1 <= i { return k - 2 }
            return nil
        }
        for k in 0..<i where !isBand(i - k, k) {
            if let b = stencil(k) {
                let st = k - b  // 1: nodes −1…2; 0: nodes 0…3; 2: nodes −2…1 (relative to k)
                let wa = CellCubic.average[st], gl = CellCubic.gauss[st], gd = CellCubic.gaussSlope[st]
                var c = 0.0
                for o in 0..<4 { c += wa[o] * s.C[i * N + b + o] }
                s.CB[k * N + i] = c
                var s1 = 0.0, s2 = 0.0, sm = 0.0
                if weighted != nil { clearChannelCells(row: i, cell: k) }
                for q in 0..<3 {
                    var cq = 0.0, dq = 0.0
                    for o in 0..<4 { cq += gl[q][o] * s.C[i * N + b + o]; dq += gd[q][o] * s.X[i * N + b + o] }
                    let r = -CellCubic.gaussWeights[q] * dq  // R ds over this part of the cell
                    if weighted != nil { addChannelCells(row: i, cell: k, C: cq, response: r); continue }
                    let x1 = model.xi1(cq), x2 = model.xi2(cq)
                    s1 += x1 * r; s2 += x2 * r; sm += (x1 + x2 * cq) * r
                }
                s.S1[i * N + k] = s1; s.S2[i * N + k] = s2; s.SM[i * N + k] = sm
                addCellDefect(row: i, cell: k)
            } else {
                let c = 0.5 * (s.C[i * N + k] + s.C[i * N + k + 1])
                s.CB[k * N + i] = c
                let dx = s.X[i * N + k] - s.X[i * N + k + 1]  // ∫_cell R(t_i, s) ds
                if weighted != nil {
                    clearChannelCells(row: i, cell: k)
                    addChannelCells(row: i, cell: k, C: c, response: dx)
                    continue
                }
                let x1 = model.xi1(c), x2 = model.xi2(c)
                s.S1[i * N + k] = x1 * dx
                s.S2[i * N + k] = x2 * dx
                s.SM[i * N + k] = (x1 + x2 * c) * dx
                addCellDefect(row: i, cell: k)
            }
        }
        if weighted != nil { weighChannelCells(row: i) }
        let w = CellCubic.average[2]  // nodes i−3 … i for the cell [t_{i−1}, t_i]
        for j in 0..<i where !isBand(i - j, j) {
            if cellOrder >= 4 && i - 3 >= max(j, L) {
                var c = 0.0, x = 0.0
                for o in 0..<4 { c += w[o] * s.C[(i - 3 + o) * N + j]; x += w[o] * s.X[(i - 3 + o) * N + j] }
                s.CB[(i - 1) * N + j] = c
                s.XB[(i - 1) * N + j] = x
            } else {
                s.CB[(i - 1) * N + j] = 0.5 * (s.C[(i - 1) * N + j] + s.C[i * N + j])
                s.XB[(i - 1) * N + j] = 0.5 * (s.X[(i - 1) * N + j] + s.X[i * N + j])
            }
            if i - j <= defectLags {
                s.CB[(i - 1) * N + j] += s.lagDefect[defectIndex(.newestC, i - j)]
                s.XB[(i - 1) * N + j] += s.lagDefect[defectIndex(.newestX, i - j)]
            }
        }
        if cellOrder >= 4 && i - 3 >= L {
            var mb = 0.0
            for o in 0..<4 { mb += w[o] * s.m[i - 3 + o] }
            s.mBar[i - 1] = mb
        } else {
            s.mBar[i - 1] = 0.5 * (s.m[i - 1] + s.m[i])
        }
    }

    /// Adds the cell defect of lag i − k (measured at the last halving) to cell k of row i.
    @inline(__always)
    private func addCellDefect(row i: Int, cell k: Int) {
        let e = i - k, N = s.window
        guard e <= defectLags else { return }
        s.S1[i * N + k] += s.lagDefect[defectIndex(.s1, e)]
        s.S2[i * N + k] += s.lagDefect[defectIndex(.s2, e)]
        s.SM[i * N + k] += s.lagDefect[defectIndex(.sm, e)]
        s.CB[k * N + i] += s.lagDefect[defectIndex(.rowAverage, e)]
    }

    /// The rows of `CoarseningGridState.lagDefect` (`lagDefectRows` of them), each `window` long and indexed by lag.
    enum DefectSlot: Int, CaseIterable { case stepC, stepX, s1, s2, sm, rowAverage, newestC, newestX }
    @inline(__always) private func defectIndex(_ slot: DefectSlot, _ lag: Int) -> Int { slot.rawValue * s.window + lag }

    /// The BDF3 history (18y₋₁ − 9y₋₂ + 2y₋₃)/11 of element (i, j) of a row-major array with row stride n.
    @inline(__always)
    private static func bdf3History(_ y: [Double], _ i: Int, _ j: Int, _ n: Int) -> Double {
        (18 * y[(i - 1) * n + j] - 9 * y[(i - 2) * n + j] + 2 * y[(i - 3) * n + j]) / 11
    }

    /// The band switches on once the step is coarse (`bandFromStep`); before, every element is integrated.
    private func bandIsOn(at h: Double) -> Bool { h >= bandFromStep * (1 - 1e-12) }

    /// Element (i, j) at `distance` = i − j from the diagonal is copied along it from (i − 1, j − 1):
    /// inside the band, never in column 0, whose start is not stationary, and only where t_j − t_{j−1}
    /// is the lattice step h (j − 1 ≥ `lattice`, the first lattice index), so never from a pinned point.
    @inline(__always)
    private static func isBand(_ distance: Int, _ sourceIndex: Int, width: Int, lattice: Int) -> Bool {
        distance <= width && sourceIndex >= 1 + lattice
    }

    private func clearChannelCells(row i: Int, cell k: Int) {
        let N = s.window
        for kind in 0..<(3 * channels) { s.channelCells[kind * N * N + i * N + k] = 0 }
    }

    /// Adds F_c(C)·r for every channel c to the unweighted cell integrals of cell k on row i
    /// (F = ξ_c′, ξ_c″, ξ_c′ + ξ_c″C), where r is ∫ R ds over (part of) the cell.
    @inline(__always)
    private func addChannelCells(row i: Int, cell k: Int, C q: Double, response r: Double) {
        guard let weighted else { return }
        let N = s.window, nn = N * N, at = i * N + k
        for c in 0..<channels {
            let p = weighted.noiseTerm(c, q)
            s.channelCells[c * nn + at] += p.xi1 * r
            s.channelCells[(channels + c) * nn + at] += p.xi2 * r
            s.channelCells[(2 * channels + c) * nn + at] += (p.xi1 + p.xi2 * q) * r
        }
    }

    /// S1, S2, SM of row i from the unweighted channel cell integrals: the weight of channel c on
    /// cell k is w_c(t_i) w_c(t_k + h/2) (REFERENCE §2: ξ_{t,s} = Σ_k w_k(t) w_k(s) a_k q^k).
    private func weighChannelCells(row i: Int) {
        let N = s.window, nn = N * N
        for k in 0..<i {
            var s1 = 0.0, s2 = 0.0, sm = 0.0
            for c in 0..<channels {
                let w = rowWeights[c] * cellWeights[c][k]
                s1 += w * s.channelCells[c * nn + i * N + k]
                s2 += w * s.channelCells[(channels + c) * nn + i * N + k]
                sm += w * s.channelCells[(2 * channels + c) * nn + i * N + k]
            }
            s.S1[i * N + k] = s1; s.S2[i * N + k] = s2; s.SM[i * N + k] = sm
        }
    }

    /// Waiting-time columns: reach, sample, and evolve the detached ones on row i.
    private func advanceTracked(row i: Int, mu: Double) {
        let N = s.window, h = s.h, t = s.time(i)
        let force = signal(s.m[i]).v1
        for w in s.tracked.indices {
            var col = s.tracked[w]
            if col.gridIndex == -2, t >= col.requested * (1 - 1e-12), i < N - 1 {
                col.gridIndex = i
                col.time = t
                col.mAtWait = s.m[i]
                col.cAtStart = s.C[i * N]
            }
            if col.gridIndex >= 0 {
                let j = col.gridIndex
                col.samples.append((t, s.C[i * N + j], s.X[i * N + j]))
            } else if col.gridIndex == -1 {
                // Same equations as a window column; cell i−1 depends linearly on the new value.
                let s2last = s.S2[i * N + i - 1]
                var aC = 0.0, aX = 0.0, aR = 0.0
                for k in 0..<(i - 1) {
                    aC += s.S2[i * N + k] * col.cBar[k]
                    aX += s.S2[i * N + k] * col.xBar[k]
                }
                for k in 0..<i where col.rCell[k] != 0 { aR += vertex(s.CB[k * N + i], cell: k) * col.rCell[k] }
                let quench = invTp * startKernel(s.C[i * N]).xi1 * col.cAtStart
                let baseC = force * col.mAtWait + aC + aR + quench + 0.5 * s2last * col.c[i - 1]
                let baseX = 1 + aX + 0.5 * s2last * col.x[i - 1]
                let c: Double, x: Double
                if i - 2 >= col.firstRow {
                    let b = 2 * h / 3
                    let denom = 1 + b * mu - b * 0.5 * s2last
                    c = ((4 * col.c[i - 1] - col.c[i - 2]) / 3 + b * baseC) / denom
                    x = ((4 * col.x[i - 1] - col.x[i - 2]) / 3 + b * baseX) / denom
                } else {
                    let denom = 1 + h * mu - h * 0.5 * s2last
                    c = (col.c[i - 1] + h * baseC) / denom
                    x = (col.x[i - 1] + h * baseX) / denom
                }
                col.c[i] = c
                col.x[i] = x
                col.cBar[i - 1] = 0.5 * (col.c[i - 1] + c)
                col.xBar[i - 1] = 0.5 * (col.x[i - 1] + x)
                col.samples.append((t, c, x))
            }
            s.tracked[w] = col
        }
    }

    /// Keeps every other lattice point of the full window and doubles h; cell data merge exactly.
    /// The lattice point t = h becomes a pinned point while there are fewer than `pinLimit`, so the
    /// cells next to s = 0 keep the widths h0, h0, 2h0, 4h0, … instead of merging into [0, 2h].
    private func halve() {
        let N = s.window
        let pin = s.pinnedTimes.count < pinLimit
        let keep = CoarseningGridSolver.keptPoints(window: N, pinned: s.pinnedTimes.count, pin: pin)
        let n2 = keep.count
        var newIndex = [Int](repeating: -1, count: N)
        for (q, r) in keep.enumerated() { newIndex[r] = q }
        let width = (0..<(N - 1)).map { s.time($0 + 1) - s.time($0) }
        // New cell q is old cells keep[q] ..< keep[q+1]: sums of integrals, width-weighted means of averages
        // (for two equal halves exactly the mean, as in plain halving).
        @inline(__always) func sum(_ q: Int, _ value: (Int) -> Double) -> Double {
            var total = 0.0
            for k in keep[q]..<keep[q + 1] { total += value(k) }
            return total
        }
        @inline(__always) func mean(_ q: Int, _ value: (Int) -> Double) -> Double {
            let a = keep[q], b = keep[q + 1]
            if b - a == 1 { return value(a) }
            if b - a == 2 && width[a] == width[a + 1] { return 0.5 * (value(a) + value(a + 1)) }
            var total = 0.0, w = 0.0
            for k in a..<b { total += width[k] * value(k); w += width[k] }
            return total / w
        }
        // Detach waiting-time columns that fall off the grid, from the fine arrays.
        for w in s.tracked.indices where s.tracked[w].gridIndex >= 0 {
            let j = s.tracked[w].gridIndex
            if newIndex[j] >= 0 { s.tracked[w].gridIndex = newIndex[j]; continue }
            var col = s.tracked[w]
            col.gridIndex = -1
            col.firstRow = j
            col.c = [Double](repeating: 0, count: N)
            col.x = col.c; col.cBar = col.c; col.xBar = col.c; col.rCell = col.c
            for r in j..<N { col.c[r] = s.C[r * N + j]; col.x[r] = s.X[r * N + j] }
            for k in 0..<(N - 1) {
                col.cBar[k] = s.CB[k * N + j]
                col.xBar[k] = k >= j ? s.XB[k * N + j] : 0
                col.rCell[k] = k < j ? s.X[j * N + k] - s.X[j * N + k + 1] : 0
            }
            s.tracked[w] = col
        }
        for w in s.tracked.indices where s.tracked[w].gridIndex == -1 {
            var col = s.tracked[w]
            var c = [Double](repeating: 0, count: N)
            var x = c, cb = c, xb = c, rc = c
            for p in 0..<n2 { c[p] = col.c[keep[p]]; x[p] = col.x[keep[p]] }
            for q in 0..<(n2 - 1) {
                cb[q] = mean(q) { col.cBar[$0] }
                xb[q] = mean(q) { col.xBar[$0] }
                rc[q] = sum(q) { col.rCell[$0] }
            }
            col.c = c; col.x = x; col.cBar = cb; col.xBar = xb; col.rCell = rc
            col.firstRow = keep.firstIndex { $0 >= col.firstRow } ?? n2
            s.tracked[w] = col
        }

        let zero = [Double](repeating: 0, count: N * N)
        var C = zero, X = zero, CB = zero, XB = zero, S1 = zero, S2 = zero, SM = zero
        for p in 0..<n2 {
            let r = keep[p]
            for p2 in 0...p {
                C[p * N + p2] = s.C[r * N + keep[p2]]
                X[p * N + p2] = s.X[r * N + keep[p2]]
            }
            for q in 0..<p {
                S1[p * N + q] = sum(q) { s.S1[r * N + $0] }
                S2[p * N + q] = sum(q) { s.S2[r * N + $0] }
                SM[p * N + q] = sum(q) { s.SM[r * N + $0] }
            }
        }
        // Cell q of the new grid is complete for q < n2 − 1.
        for q in 0..<(n2 - 1) {
            for p in 0..<n2 {
                let j = keep[p]
                CB[q * N + p] = mean(q) { s.CB[$0 * N + j] }
                if q >= p { XB[q * N + p] = mean(q) { s.XB[$0 * N + j] } }
            }
        }
        if channels > 0 {
            var cells = [Double](repeating: 0, count: s.channelCells.count)
            for kind in 0..<(3 * channels) {
                let base = kind * N * N
                for p in 0..<n2 {
                    let r = keep[p]
                    for q in 0..<p { cells[base + p * N + q] = sum(q) { s.channelCells[base + r * N + $0] } }
                }
            }
            s.channelCells = cells
        }
        var m = [Double](repeating: 0, count: N), mBar = m
        for p in 0..<n2 { m[p] = s.m[keep[p]] }
        for q in 0..<(n2 - 1) { mBar[q] = mean(q) { s.mBar[$0] } }
        s.C = C; s.X = X; s.CB = CB; s.XB = XB; s.S1 = S1; s.S2 = S2; s.SM = SM
        s.m = m; s.mBar = mBar
        if pin { s.pinnedTimes.append(s.h) }
        s.rows = n2
        s.h *= 2
        s.halvings += 1
        if defectLags > 0 { measureLagDefects() }
    }
}

/// The three matrix–vector products of a row's memory integrals: Σ_k S2_ik C̄_kj over all cells
/// (`full`), and the two lower-triangular ones, Σ_{k≥j} S2_ik χ̄_kj and Σ_k χ_jk ΔD_k (`halves`), which
/// read half of their matrices. These matrix reads are what a long run's time goes into, and the two
/// halves are equal shares for two threads. Each BLAS call is single-threaded, so the sums do not depend
/// on the thread count. Unchecked Sendable: the two shares read shared matrices and write disjoint outputs.
struct RowProducts: @unchecked Sendable {
    let cBar, chiBar, chi, row: UnsafePointer<Double>
    let sigmaC, sigmaChi, responseD: UnsafeMutablePointer<Double>
    let count, stride: Int32

    func full() {
        cblas_dgemv(CblasRowMajor, CblasTrans, count, count, 1, cBar, stride, row, 1, 0, sigmaC, 1)
    }

    /// In place: `sigmaChi` holds the row S2 and `responseD` the differences ΔD on entry.
    func halves() {
        cblas_dtrmv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, count, chiBar, stride, sigmaChi, 1)
        cblas_dtrmv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, count, chi, stride, responseD, 1)
    }
}

/// Anderson acceleration of a fixed-point iteration u = g(u) (type II, finite memory): the next
/// iterate is the combination of the last g's whose residuals g − u combine to the least norm.
/// Deterministic, so resumed runs stay bit-identical.
struct AndersonMixing {
    let depth: Int
    private var fs: [[Double]] = [], gs: [[Double]] = []

    init(depth: Int) { self.depth = depth }

    mutating func next(u: [Double], g: [Double]) -> [Double] {
        let n = u.count
        var f = [Double](repeating: 0, count: n)
        for r in 0..<n { f[r] = g[r] - u[r] }
        fs.append(f); gs.append(g)
        if fs.count > depth + 1 { fs.removeFirst(); gs.removeFirst() }
        let k = fs.count - 1
        guard k >= 1 else { return g }
        // ΔF_j = f_{j+1} − f_j; minimise |f − ΔF γ| by the normal equations. Flat buffers: this runs
        // once per sweep on rows of ~2N unknowns, and nested arrays made it an eighth of a long run.
        var dF = [Double](repeating: 0, count: k * n)
        dF.withUnsafeMutableBufferPointer { d in
            for j in 0..<k {
                fs[j + 1].withUnsafeBufferPointer { next in
                    fs[j].withUnsafeBufferPointer { prev in
                        for r in 0..<n { d[j * n + r] = next[r] - prev[r] }
                    }
                }
            }
        }
        var a = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var b = [Double](repeating: 0, count: k)
        dF.withUnsafeBufferPointer { d in
            f.withUnsafeBufferPointer { fr in
                for p in 0..<k {
                    for q in p..<k {
                        var sum = 0.0
                        for r in 0..<n { sum += d[p * n + r] * d[q * n + r] }
                        a[p][q] = sum; a[q][p] = sum
                    }
                    var sum = 0.0
                    for r in 0..<n { sum += d[p * n + r] * fr[r] }
                    b[p] = sum
                }
            }
        }
        var trace = 0.0
        for p in 0..<k { trace += a[p][p] }
        guard trace > 0, trace.isFinite else { return g }
        for p in 0..<k { a[p][p] += 1e-12 * trace }
        guard let gamma = Self.solve(a, b) else { return g }
        var out = g
        out.withUnsafeMutableBufferPointer { o in
            for j in 0..<k {
                let gj = gamma[j]
                gs[j + 1].withUnsafeBufferPointer { next in
                    gs[j].withUnsafeBufferPointer { prev in
                        for r in 0..<n { o[r] -= gj * (next[r] - prev[r]) }
                    }
                }
            }
        }
        return out
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a0: [[Double]], _ b0: [Double]) -> [Double]? {
        var a = a0, b = b0
        let n = b.count
        for c in 0..<n {
            guard let p = (c..<n).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), a[p][c] != 0 else { return nil }
            a.swapAt(c, p); b.swapAt(c, p)
            for r in (c + 1)..<n {
                let factor = a[r][c] / a[c][c]
                for q in c..<n { a[r][q] -= factor * a[c][q] }
                b[r] -= factor * b[c]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[r]
            for q in (r + 1)..<n { sum -= a[r][q] * x[q] }
            x[r] = sum / a[r][r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}

/// Cubic interpolation on a cell [0, 1] of four consecutive nodes: stencil 0 = nodes 0…3,
/// 1 = nodes −1…2 (centred), 2 = nodes −2…1 (relative to the cell's left end).
enum CellCubic {
    static let offsets: [[Double]] = [[0, 1, 2, 3], [-1, 0, 1, 2], [-2, -1, 0, 1]]
    /// Weights of the exact average over [0, 1] of the interpolating cubic.
    static let average: [[Double]] = [[9.0 / 24, 19.0 / 24, -5.0 / 24, 1.0 / 24],
                                      [-1.0 / 24, 13.0 / 24, 13.0 / 24, -1.0 / 24],
                                      [1.0 / 24, -5.0 / 24, 19.0 / 24, 9.0 / 24]]
    static let gaussNodes: [Double] = [0.5 - 0.5 * (0.6).squareRoot(), 0.5, 0.5 + 0.5 * (0.6).squareRoot()]
    static let gaussWeights: [Double] = [5.0 / 18, 8.0 / 18, 5.0 / 18]
    /// gauss[stencil][node q][o]: Lagrange basis at Gauss node q; gaussSlope: its x-derivative.
    static let gauss: [[[Double]]] = offsets.map { nodes in gaussNodes.map { x in basis(nodes, x) } }
    static let gaussSlope: [[[Double]]] = offsets.map { nodes in gaussNodes.map { x in slope(nodes, x) } }

    static func basis(_ nodes: [Double], _ x: Double) -> [Double] {
        (0..<4).map { o in
            var v = 1.0
            for p in 0..<4 where p != o { v *= (x - nodes[p]) / (nodes[o] - nodes[p]) }
            return v
        }
    }

    static func slope(_ nodes: [Double], _ x: Double) -> [Double] {
        (0..<4).map { o in
            var total = 0.0
            for skip in 0..<4 where skip != o {
                var v = 1 / (nodes[o] - nodes[skip])
                for p in 0..<4 where p != o && p != skip { v *= (x - nodes[p]) / (nodes[o] - nodes[p]) }
                total += v
            }
            return total
        }
    }
}
