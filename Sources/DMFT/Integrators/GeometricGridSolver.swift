import Foundation

/// Long-time integrator on a geometric grid with a fixed-lag near-diagonal region
/// (equations/geometric-grid.md).
///
/// A grid of times τ_k: uniform with step h0 up to K·h0, then geometric, τ_{k+1} = τ_k(1 + 1/K). The rows
/// are these times with the early steps split (the first relaxation needs shorter steps than t/K); every
/// row is kept. Row n holds C and χ at two sets of points of the grid τ_k: the columns
/// t′ = τ_k ≤ 0.6 t_n, stepped at fixed t′ with ∂t (the far field, smooth on the scale t), and the lags
/// t′ = t_n − τ_k, τ_k ≤ 0.6 t_n, stepped at fixed lag with ∂t + ∂t′ (the near-diagonal region, where the
/// dynamics is nearly stationary and smooth along the diagonal). So the microscopic lags stay resolved at
/// every t, nothing is copied or coarsened, and the step is set by the slow drift (h = t/K), not by the
/// fast relaxation. Values anywhere in the plane are interpolated: within a row in lag or in t′ (cubic),
/// across rows in time at fixed lag or fixed t′ (cubic). Memory integrals are Stieltjes integrals on
/// quadratic panels over nodes dense at both ends of every interval; time steps are variable-step BDF2,
/// implicit in the local terms; the new row is solved by sweeps (every memory integral from the sweep's
/// starting values, then the local updates, the lags marched outward from the diagonal with R from a
/// third-order backward difference in the lag) accelerated by Anderson mixing.
public struct GeometricGridSolver: DynamicsSolver {
    /// Rows per e-fold of t once the grid is geometric (and lag points per e-fold). Errors fall as K⁻² to K⁻³.
    public var pointsPerEfold: Int
    /// Step of the uniform start, which must resolve the first relaxation (errors ∝ h0²).
    public var h0: Double
    /// δm: steps are sized so that m differs from its linear extrapolation by at most δm·|m| (a row over it
    /// is redone at half the step; the steps after a short stretch grow back at most twofold); with
    /// schedules (T, channel weights), steps are also halved while one changes by more than 10 δm per step
    /// or bends by more than δm/10, and capped after a kink. It resolves escapes, which the step t/K
    /// would jump, and the schedule's own time scale. 0: off.
    public var stepTolerance: Double
    /// Waiting times t_w whose C(t, t_w) and χ(t, t_w) the solution carries at every row t ≥ t_w
    /// (`waitingTimeColumns`, aging.csv), read from each row's own interpolant: every row is kept, so nothing
    /// needs following during the run.
    public var waitingTimes: [Double] = []
    /// Sweeps stop when no value changes by more than this (absolute), or after `maxSweeps`.
    public var tolerance: Double
    public var maxSweeps: Int
    /// Time scale of the first relaxation: rows are refined below about 2·earlyTime (see `rowTimes`).
    public var earlyTime: Double
    /// Depth of the Anderson mixing of the sweeps.
    public var andersonDepth: Int
    /// Threads for the memory integrals of a sweep (the result does not depend on it).
    public var threads: Int
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var progressInterval: Double
    /// Polled once per row; true stops the run cleanly (status `.interrupted`).
    public var shouldStop: (@Sendable () -> Bool)?
    /// Called with the full state about every `checkpointInterval` wall seconds (nil: never).
    public var checkpoint: (@Sendable (GeometricGridState) throws -> Void)?
    public var checkpointInterval: Double = .infinity

    public init(pointsPerEfold: Int = 16, h0: Double = 0.0025, earlyTime: Double = 10, stepTolerance: Double = 1e-3,
                tolerance: Double = 1e-7,
                maxSweeps: Int = 400, andersonDepth: Int = 30, threads: Int = 2, progress: (@Sendable (SolverProgress) -> Void)? = nil,
                progressInterval: Double = 1, shouldStop: (@Sendable () -> Bool)? = nil) {
        self.pointsPerEfold = pointsPerEfold
        self.h0 = h0
        self.earlyTime = earlyTime
        self.stepTolerance = stepTolerance
        self.tolerance = tolerance
        self.maxSweeps = maxSweeps
        self.andersonDepth = andersonDepth
        self.threads = threads
        self.progress = progress
        self.progressInterval = progressInterval
        self.shouldStop = shouldStop
    }

    public var name: String { "geometric" }
    public var settings: [String: Double] {
        ["points_per_efold": Double(pointsPerEfold), "h0": h0, "early_time": earlyTime, "step_tolerance": stepTolerance, "tolerance": tolerance,
         "max_sweeps": Double(maxSweeps), "anderson_depth": Double(andersonDepth), "threads": Double(threads)]
    }

    /// The grid of times τ_0 = 0 < τ_1 < … < τ_last = tmax: steps max(h0, τ/K) (uniform h0 up to K·h0,
    /// then geometric with ratio 1 + 1/K), scaled by a factor in (1/(1 + 1/K), 1] so that it lands on tmax.
    public func grid(tmax: Double) -> [Double] {
        var times = [0.0]
        let k = Double(pointsPerEfold)
        while times.last! < tmax * (1 - 1e-12) {
            let n = times.count
            times.append(n <= pointsPerEfold ? Double(n) * h0 : times[n - 1] * (1 + 1 / k))
        }
        let scale = tmax / times.last!
        return times.map { $0 * scale }
    }

    /// `g` continued to tmax (> its last time) with the same rule, steps max(g[1], τ/K), the new steps
    /// scaled by a factor in (1/(1 + 1/K), 1] so that they land on tmax. The points already there stay,
    /// so rows solved on `g` stay valid: this is how a resumed run goes beyond its original tmax.
    public func extendedGrid(_ g: [Double], to tmax: Double) -> [Double] {
        let last = g[g.count - 1], k = Double(pointsPerEfold)
        var tail = [last]
        while tail[tail.count - 1] < tmax * (1 - 1e-12) {
            let t = tail[tail.count - 1]
            tail.append(t + max(g[1], t / k))
        }
        let scale = (tmax - last) / (tail[tail.count - 1] - last)
        return g + tail.dropFirst().map { last + ($0 - last) * scale }
    }

    /// The times of the rows: the grid, with each of its steps split into equal parts where it is long
    /// against the early transient, so that the row step stays near max(h0, t/K · t/(t + earlyTime)).
    /// Points (columns, lags, quadrature nodes) stay on `grid`: the early error is BDF2's, in time.
    public func rowTimes(tmax: Double) -> [Double] {
        let g = grid(tmax: tmax)
        return [g[0]] + rowTimes(grid: g, from: 1)
    }

    /// The row times of the steps of `g` that end at g[first], g[first + 1], …
    public func rowTimes(grid g: [Double], from first: Int) -> [Double] {
        var out: [Double] = []
        let k = Double(pointsPerEfold)
        for i in max(1, first)..<g.count {
            let a = g[i - 1], step = g[i] - a
            let wanted = max(h0, a / k * a / (a + earlyTime))
            // Near `wanted`, but never shorter than the first lag spacing g[1] (see `GeometricStepControl`).
            let parts = max(1, min(Int((step / wanted).rounded()), Int((step / g[1] * (1 + 1e-9)).rounded(.down))))
            for p in 1..<parts { out.append(a + step * Double(p) / Double(parts)) }
            out.append(g[i])
        }
        return out
    }

    /// The state at t = 0: one row (C = 1, χ = 0), m0 and μ(0), and every row time of `grid(tmax:)` to take.
    public func initialState(for problem: DynamicsProblem) -> GeometricGridState {
        let m0 = problem.m0, quench = problem.drive.inverseInitialTemperature
        let g = grid(tmax: problem.tmax)
        let kernels = PairKernels(problem)
        let w0 = kernels.noiseWeights(at: 0), (v, v1) = kernels.signal(m0, weights: kernels.signalWeights(at: 0)), start = kernels(1, w0, w0)
        let mu = problem.drive.temperature(at: 0, default: problem.temperature) + v1 * m0 + quench * start.xi1
        return GeometricGridState(grid: g, rowTime: [0], rowPoints: [1], m: [m0],
                                  mu: [mu], energy: [-v - quench * start.xi],
                                  values: [1, 0, 1, 0], upcoming: rowTimes(grid: g, from: 1).reversed(),
                                  sweeps: 0, unconvergedRows: 0, splitSteps: 0, wallSeconds: 0)
    }

    public func validate(for problem: DynamicsProblem) throws {
        guard pointsPerEfold >= 4, pointsPerEfold <= 512 else {
            throw DMFTError.invalidParameter("points-per-efold", "must be in [4, 512], got \(pointsPerEfold)")
        }
        guard h0.isFinite, h0 > 0, h0 <= problem.tmax else {
            throw DMFTError.invalidParameter("h0", "must be > 0 and ≤ --tmax, got \(h0)")
        }
        guard earlyTime.isFinite, earlyTime >= 0 else {
            throw DMFTError.invalidParameter("early-time", "must be ≥ 0 (0: no refinement), got \(earlyTime)")
        }
        if let bad = waitingTimes.first(where: { !$0.isFinite || $0 < 0 || $0 >= problem.tmax }) {
            throw DMFTError.invalidParameter("waiting-times", "\(bad) is not in [0, tmax)")
        }
        guard stepTolerance.isFinite, stepTolerance >= 0 else {
            throw DMFTError.invalidParameter("step-tolerance", "must be ≥ 0 (0: no step control), got \(stepTolerance)")
        }
        guard tolerance > 0, maxSweeps >= 1, andersonDepth >= 0 else {
            throw DMFTError.invalidParameter("tolerance", "needs tolerance > 0, at least one sweep and a depth ≥ 0")
        }
        guard threads >= 1 else { throw DMFTError.invalidParameter("threads", "must be ≥ 1, got \(threads)") }
    }

    public func solve(_ problem: DynamicsProblem) throws -> Solution {
        try run(problem, from: nil).solution
    }

    /// C(t, t_w) and χ(t, t_w) of a finished (or stopped) run for any waiting times, read from its rows as
    /// `waitingTimes` would have been: every row is kept, so the columns need not be asked for before the run.
    public func waitingTimeColumns(_ tws: [Double], of state: GeometricGridState, problem: DynamicsProblem) -> [WaitingTimeColumn] {
        let run = GeometricGridRun(problem: problem, solver: self, state: state)
        return tws.sorted().compactMap(run.waitingTimeColumn)
    }

    /// Integrates from `state` (or from t = 0) to problem.tmax, a stop request or a non-finite value.
    /// A tmax beyond the state's grid extends the grid (`extendedGrid`). Returns the solution and the
    /// final state (resumable).
    public func run(_ problem: DynamicsProblem, from state: GeometricGridState?) throws
        -> (solution: Solution, state: GeometricGridState) {
        try validate(for: problem)
        var start = state ?? initialState(for: problem)
        guard start.isConsistent else { throw DMFTError.invalidParameter("state", "the saved rows do not fit together") }
        let end = start.grid[start.grid.count - 1]
        if problem.tmax < end * (1 - 1e-12) {
            throw DMFTError.invalidParameter("tmax", "must be ≥ \(end), the tmax of the saved run, got \(problem.tmax)")
        }
        if problem.tmax > end * (1 + 1e-12) {
            let old = start.grid.count
            start.grid = extendedGrid(start.grid, to: problem.tmax)
            start.upcoming = rowTimes(grid: start.grid, from: old).reversed() + start.upcoming
        }
        let run = GeometricGridRun(problem: problem, solver: self, state: start)
        return try run.solve()
    }
}

/// One run: the rows so far and the machinery that reads values anywhere in the plane.
final class GeometricGridRun {
    let problem: DynamicsProblem
    let solver: GeometricGridSolver
    let model: Model
    /// 1/T′ of a start from equilibrium (0: random start).
    let quench: Double
    /// ξ and V of a pair of times, through the channel weights if any.
    let kernels: PairKernels
    /// Where a channel weight's slope jumps: forced panel boundaries of every integral (`nodesAndBreaks`).
    let weightKinks: [Double]
    /// The grid of times τ_k: columns, lags and quadrature nodes.
    let times: [Double]
    /// BDF order in time. BDF3 (not A-stable) lets rows oscillate and grow at some K (24 at p = 3,
    /// T = 0.5), whatever the order in the lag; BDF2 does not, so the early transient gets shorter steps.
    static let stepOrder = 2
    /// Order of the backward difference in the lag that gives R from χ: third order, which makes the
    /// late-time error 4–10 times smaller than the second-order difference did.
    static let lagOrder = 3
    private(set) var rows: [GeometricRow] = []
    /// The row times still to take, the next one last.
    private var upcoming: [Double]
    /// For each lag τ_k > 0, the backward difference in the lag that gives R(t, t − τ_k) from χ
    /// (index k − 1).
    let lagDifference: [VariableStepBDF]
    private(set) var sweepsTotal: Int
    private(set) var unconvergedRows: Int
    /// Steps rejected and halved by the step control on m.
    private(set) var splitRows: Int
    /// Wall seconds spent before this run continued the state.
    let wallBefore: Double

    init(problem: DynamicsProblem, solver: GeometricGridSolver, state: GeometricGridState) {
        self.problem = problem
        self.solver = solver
        let times = state.grid
        self.times = times
        let order = Self.lagOrder
        lagDifference = times.indices.dropFirst().map { k in VariableStepBDF(times: (0...min(order, k)).map { times[k - $0] }) }
        model = problem.model
        quench = problem.drive.inverseInitialTemperature
        kernels = PairKernels(problem)
        weightKinks = problem.drive.kinks(upTo: problem.tmax, weightsOnly: true)
        var offset = 0
        for r in state.rowTime.indices {
            let row = GeometricRow(t: state.rowTime[r], points: state.rowPoints[r])
            row.u = Array(state.values[offset..<(offset + row.u.count)])
            offset += row.u.count
            row.m = state.m[r]; row.mu = state.mu[r]; row.energy = state.energy[r]
            rows.append(row)
        }
        upcoming = state.upcoming
        sweepsTotal = state.sweeps
        unconvergedRows = state.unconvergedRows
        splitRows = state.splitSteps
        wallBefore = state.wallSeconds
    }

    /// The resumable state: every row and the times still to take.
    func state(wallSeconds: Double) -> GeometricGridState {
        GeometricGridState(grid: times, rowTime: rows.map(\.t), rowPoints: rows.map(\.points), m: rows.map(\.m),
                           mu: rows.map(\.mu), energy: rows.map(\.energy), values: rows.flatMap(\.u), upcoming: upcoming,
                           sweeps: sweepsTotal, unconvergedRows: unconvergedRows, splitSteps: splitRows, wallSeconds: wallSeconds)
    }

    @inline(__always) func time(_ k: Int) -> Double { times[k] }
    /// T(t), the schedule's or the constant.
    @inline(__always) func temperature(at t: Double) -> Double { problem.drive.temperature(at: t, default: problem.temperature) }
    /// The number of grid times ≤ x.
    func count(upTo x: Double) -> Int {
        var k = 0
        while k < times.count && times[k] <= x * (1 + 1e-12) { k += 1 }
        return k
    }
    /// Fraction of the row that is stored in each representation (the two overlap between 0.4 t and 0.6 t,
    /// so that interpolation at the switch, t − t′ = t/2, is always interior).
    static let reach = 0.6

    /// Whether (a, a − lag) is read in the lag representation (the near-diagonal half), else at fixed t′.
    /// Ties go to the lag side whatever the rounding: the two representations differ by their
    /// discretisation errors, and a history read from one side then the other drives an instability.
    @inline(__always) static func nearDiagonal(lag: Double, at a: Double) -> Bool { lag <= 0.5 * a * (1 + 1e-9) }

    // MARK: values

    /// A cubic (or shorter) Lagrange stencil into a row's vector: C = Σ w u[i], χ = Σ w u[i + dx].
    struct Stencil {
        var i = (0, 0, 0, 0)
        var w = (0.0, 0.0, 0.0, 0.0)
        var m = 0
        var dx = 0
    }

    /// The stencil of C(t_r, b), χ(t_r, b) in row r: in the lag t_r − b up to t_r/2, in t′ = b beyond.
    @inline(__always) func stencil(_ r: GeometricRow, _ b: Double, derivative: Bool = false) -> Stencil {
        let lam = r.t - b
        let useLag = Self.nearDiagonal(lag: lam, at: r.t)
        let x = useLag ? lam : b
        let cnt = r.points
        let base = useLag ? r.lagC : r.colC
        var st = Stencil()
        st.dx = cnt
        if cnt == 1 { st.m = 1; st.i.0 = base; st.w.0 = derivative ? 0 : 1; return st }
        var lo = 0, hi = cnt - 1
        while hi - lo > 1 { let mid = (lo + hi) / 2; if times[mid] <= x { lo = mid } else { hi = mid } }
        let m = min(4, cnt)
        let s = max(0, min(lo - 1, cnt - m))
        var ws = (0.0, 0.0, 0.0, 0.0)
        for a in 0..<m {
            var w = 0.0
            if !derivative {
                w = 1
                for b2 in 0..<m where b2 != a { w *= (x - times[s + b2]) / (times[s + a] - times[s + b2]) }
            } else {
                for c in 0..<m where c != a {
                    var term = 1 / (times[s + a] - times[s + c])
                    for b2 in 0..<m where b2 != a && b2 != c { term *= (x - times[s + b2]) / (times[s + a] - times[s + b2]) }
                    w += term
                }
                // d/db = −d/dλ in the lag representation
                if useLag { w = -w }
            }
            switch a { case 0: ws.0 = w; case 1: ws.1 = w; case 2: ws.2 = w; default: ws.3 = w }
        }
        st.m = m
        st.i = (base + s, base + s + min(1, m - 1), base + s + min(2, m - 1), base + s + min(3, m - 1))
        st.w = ws
        return st
    }

    @inline(__always) static func apply(_ st: Stencil, _ u: [Double]) -> (Double, Double) {
        var c = st.w.0 * u[st.i.0], x = st.w.0 * u[st.i.0 + st.dx]
        if st.m > 1 { c += st.w.1 * u[st.i.1]; x += st.w.1 * u[st.i.1 + st.dx] }
        if st.m > 2 { c += st.w.2 * u[st.i.2]; x += st.w.2 * u[st.i.2 + st.dx] }
        if st.m > 3 { c += st.w.3 * u[st.i.3]; x += st.w.3 * u[st.i.3 + st.dx] }
        return (c, x)
    }

    @inline(__always) func rowValue(_ r: GeometricRow, _ b: Double) -> (Double, Double) { Self.apply(stencil(r, b), r.u) }

    /// A value that depends on the row being solved affinely: (c0, x0) + scale·stencil(current row).
    /// `hasChi` false: χ(a, b) with a < b, which is 0.
    struct Dep {
        var c0 = 0.0, x0 = 0.0, scale = 0.0
        var st = Stencil()
        var hasChi = true
        /// ξ′(c0), ξ″(c0) when the value is static (scale 0): computed once per row, not per sweep.
        var xi1 = 0.0, xi2 = 0.0
    }

    @inline(__always) static func eval(_ d: Dep, _ u: [Double]) -> (Double, Double) {
        if d.scale == 0 { return (d.c0, d.hasChi ? d.x0 : 0) }
        let (c, x) = apply(d.st, u)
        return (d.c0 + d.scale * c, d.hasChi ? d.x0 + d.scale * x : 0)
    }

    /// The rows at most four, nearest a, used to interpolate in time, with their Lagrange weights.
    func timeWeights(_ a: Double, valid: (GeometricRow) -> Bool = { _ in true }) -> [(Int, Double)] {
        let n = rows.count
        var lo = 0, hi = n - 1
        while hi - lo > 1 { let mid = (lo + hi) / 2; if rows[mid].t <= a { lo = mid } else { hi = mid } }
        for r in [lo, hi] where abs(rows[r].t - a) <= 1e-13 * max(1, a) && valid(rows[r]) { return [(r, 1)] }
        // Grow a window of valid rows around a, one row at a time on the nearer side.
        var use: [Int] = []
        use.reserveCapacity(4)
        var below = lo, above = lo + 1
        while use.count < 4 {
            while below >= 0 && !valid(rows[below]) { below -= 1 }
            while above < n && !valid(rows[above]) { above += 1 }
            let canBelow = below >= 0 && lo - below <= 3, canAbove = above < n && above - lo <= 4
            if !canBelow && !canAbove { break }
            if canAbove && (!canBelow || rows[above].t - a < a - rows[below].t) { use.append(above); above += 1 }
            else { use.append(below); below -= 1 }
        }
        var out: [(Int, Double)] = []
        out.reserveCapacity(use.count)
        for i in use {
            var w = 1.0
            for j in use where j != i { w *= (a - rows[j].t) / (rows[i].t - rows[j].t) }
            out.append((i, w))
        }
        return out
    }

    /// C(a, b) and χ(a, b) for a ≥ b: rows interpolated in time at fixed lag (a − b ≤ a/2) or at
    /// fixed t′ = b, as a Dep on the last row (the one being solved).
    func dep(_ a: Double, _ b: Double) -> Dep {
        let cur = rows.count - 1
        let lam = a - b, fixedLag = Self.nearDiagonal(lag: lam, at: a)
        var d = Dep()
        for (i, w) in timeWeights(a, valid: { fixedLag ? $0.t >= lam : $0.t >= b }) {
            let point = fixedLag ? rows[i].t - lam : b
            if i == cur { d.scale = w; d.st = stencil(rows[i], point) }
            else { let (c, x) = rowValue(rows[i], point); d.c0 += w * c; d.x0 += w * x }
        }
        return d
    }
    /// C(a, b) for any order (symmetric), χ(a, b) (0 for a < b).
    func symmetricDep(_ a: Double, _ b: Double) -> Dep {
        if a >= b { var d = dep(a, b); if a == b { d.x0 = 0; d.hasChi = false }; return d }
        var d = dep(b, a); d.hasChi = false
        return d
    }

    /// A one-time quantity (m or μ) at time a: Σ w f(row), the last row's value passed in.
    @inline(__always) func oneTime(_ weights: [(Int, Double)], _ f: (GeometricRow) -> Double, current: Double) -> Double {
        var v = 0.0
        let cur = rows.count - 1
        for (i, w) in weights { v += w * (i == cur ? current : f(rows[i])) }
        return v
    }

    /// Nodes on [a, b], dense at both ends: a + τ_k and b − τ_k for τ_k ≤ (b − a)/2. Where the two meet,
    /// a node closer than half the local spacing is left out, for the quadratic panels of the quadrature.
    func nodes(_ a: Double, _ b: Double) -> [Double] {
        if b - a <= 0 { return [a] }
        let half = 0.5 * (b - a)
        let k = count(upTo: half)
        var out = times[0..<k].map { a + $0 }
        for i in stride(from: k - 1, through: 0, by: -1) {
            let s = b - times[i]
            if i == 0 || s - out.last! > 0.5 * (times[i] - times[i - 1]) { out.append(s) }
        }
        return out
    }

    /// `nodes(a, b)` with the kinks of the channel weights in (a, b) added (a node closer than half the
    /// spacing to one is left out), and their indices: there every kernel w_k(a′)w_k(s) has a kink in s, which
    /// a quadratic panel across it would integrate at first order (`StieltjesPanels(nodes:breaks:)`).
    func nodesAndBreaks(_ a: Double, _ b: Double) -> (nodes: [Double], breaks: [Int]) {
        var out = nodes(a, b)
        let inside = weightKinks.filter { $0 > a && $0 < b }
        if inside.isEmpty { return (out, []) }
        for u in inside {
            guard let i = out.firstIndex(where: { $0 >= u }) else { continue }
            if out[i] == u { continue }
            let spacing = out[i] - out[i - 1]
            if i < out.count - 1, out[i] - u < 0.5 * spacing { out.remove(at: i) }
            if i - 1 > 0, u - out[i - 1] < 0.5 * spacing { out.remove(at: i - 1) }
            out.insert(u, at: out.firstIndex(where: { $0 > u }) ?? out.count)
        }
        return (out, inside.compactMap { u in out.firstIndex(of: u) })
    }

    // MARK: the row equations

    /// What one target t′ of the row being solved reads: on A = nodes(0, t′) the row itself (TA) and
    /// C(t′, s), χ(t′, s) (PA); on B = nodes(t′, t) the row and C(s, t′), χ(s, t′) (QB); and the
    /// weights that interpolate m and μ in time at t′.
    struct Target {
        var TA: [Stencil] = [], PA: [Dep] = [], TB: [Stencil] = [], QB: [Dep] = []
        /// The quadrature on A's and on B's nodes (no A for t′ = 0).
        var ruleA: StieltjesPanels? = nil, ruleB = StieltjesPanels(nodes: [])
        /// Lagrange weights in time at t′, for m(t′) and μ(t′).
        var atTarget: [(Int, Double)] = []
        /// C(t′, 0), for the terms of a start from equilibrium.
        var start = Dep()
        /// With channel weights: w_k at the row's time t, at t′, and at A's and B's nodes (node-major).
        var wRow: [Double] = [], wTarget: [Double] = [], wA: [Double] = [], wB: [Double] = []
    }

    func target(_ t: Double, _ tp: Double, _ row: GeometricRow) -> Target {
        var g = Target()
        let weighted = kernels.isWeighted
        if weighted { g.wRow = kernels.noiseWeights(at: t); g.wTarget = kernels.noiseWeights(at: tp) }
        let channels = g.wRow.count
        // The kernels of the pair (t′, s_q) of a value that does not depend on the row: once per row.
        func withKernel(_ d: Dep, _ nodeWeights: [Double], _ q: Int) -> Dep {
            var d = d
            if d.scale == 0 {
                if weighted { (_, d.xi1, d.xi2) = kernels(d.c0, g.wTarget, nodeWeights, node: q * channels) }
                else { d.xi1 = model.xi1(d.c0); d.xi2 = model.xi2(d.c0) }
            }
            return d
        }
        if tp > 0 {
            let (a, breaksA) = nodesAndBreaks(0, tp)
            if weighted { g.wA = a.flatMap { kernels.noiseWeights(at: $0) } }
            for (q, s) in a.enumerated() { g.TA.append(stencil(row, s)); g.PA.append(withKernel(symmetricDep(tp, s), g.wA, q)) }
            g.ruleA = StieltjesPanels(nodes: a, breaks: breaksA)
        }
        let (b, breaksB) = nodesAndBreaks(tp, t)
        if weighted { g.wB = b.flatMap { kernels.noiseWeights(at: $0) } }
        for (q, s) in b.enumerated() { g.TB.append(stencil(row, s)); g.QB.append(withKernel(symmetricDep(s, tp), g.wB, q)) }
        g.ruleB = StieltjesPanels(nodes: b, breaks: breaksB)
        g.atTarget = timeWeights(tp)
        g.start = symmetricDep(tp, 0)
        return g
    }

    /// The targets of the row being solved, columns and lags, prepared on `threads` threads (they only
    /// read the rows, and each is built the same way whatever the split).
    func targets(_ t: Double, _ row: GeometricRow) -> (cols: [Target], lags: [Target]) {
        let np = row.points
        var cols = [Target](repeating: Target(), count: np), lags = cols
        let parts = 2 * np >= 64 ? max(1, solver.threads) : 1
        let run = UncheckedRun(run: self, row: row)
        cols.withUnsafeMutableBufferPointer { c in
            lags.withUnsafeMutableBufferPointer { l in
                let out = UncheckedTargets(cols: c, lags: l)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    var q = part
                    while q < 2 * np {
                        if q < np { out.cols[q] = run.run.target(t, run.run.time(q), run.row) }
                        else if q > np { out.lags[q - np] = run.run.target(t, t - run.run.time(q - np), run.row) }
                        q += parts
                    }
                }
            }
        }
        return (cols, lags)
    }

    private struct UncheckedRun: @unchecked Sendable { let run: GeometricGridRun; let row: GeometricRow }
    private struct UncheckedTargets: @unchecked Sendable {
        let cols: UnsafeMutableBufferPointer<Target>, lags: UnsafeMutableBufferPointer<Target>
    }

    /// Memory of ∂₁C(t, t′) (without −μC and the signal term), of ∂₁χ(t, t′) (with its 1), and of
    /// the adjoint ∂₁C(t′, t) (without −μ(t′)C, the signal term and 2T R(t, t′)). `scratch` holds six
    /// columns as long as the target's longest node list.
    @inline(__always) func integrals(_ g: Target, _ u: [Double], adjoint: Bool, scratch: NodeScratch)
        -> (dc: Double, dx: Double, adj: Double) {
        if kernels.isWeighted { return weightedIntegrals(g, u, adjoint: adjoint, scratch: scratch) }
        let xi1 = model.xi1, xi2 = model.xi2
        @inline(__always) func depKernels(_ d: Dep, _ c: Double) -> (Double, Double) {
            d.scale == 0 ? (d.xi1, d.xi2) : (xi1(c), xi2(c))
        }
        let f1 = scratch.column(0), f2 = scratch.column(1), f3 = scratch.column(2), f4 = scratch.column(3)
        let gT = scratch.column(4), gP = scratch.column(5)
        var dc = 0.0, dx = 1.0, adj = 0.0
        // On A = [0, t′]: −∫ ξ″(C(t,s)) C(t′,s) dχ(t,s) − ∫ ξ′(C(t,s)) dχ(t′,s), and the adjoint's mirror.
        if let ruleA = g.ruleA {
            for q in 0..<g.TA.count {
                let (ct, xt) = Self.apply(g.TA[q], u)
                let (cp, xp) = Self.eval(g.PA[q], u)
                f1[q] = xi2(ct) * cp; f2[q] = xi1(ct); gT[q] = xt; gP[q] = xp
                if adjoint { let (p1, p2) = depKernels(g.PA[q], cp); f3[q] = p2 * ct; f4[q] = p1 }
            }
            dc -= ruleA.integrate(f1, gT) + ruleA.integrate(f2, gP)
            if adjoint { adj -= ruleA.integrate(f3, gP) + ruleA.integrate(f4, gT) }
        }
        // On B = [t′, t]: −∫ ξ″(C(t,s)) {C, χ}(s,t′) dχ(t,s); the adjoint's −∫ ξ′(C(s,t′)) dχ(t,s).
        for q in 0..<g.TB.count {
            let (ct, xt) = Self.apply(g.TB[q], u)
            let (cq, xq) = Self.eval(g.QB[q], u)
            let t2 = xi2(ct)
            f1[q] = t2 * cq; f2[q] = t2 * xq; gT[q] = xt
            if adjoint { f3[q] = depKernels(g.QB[q], cq).0 }
        }
        dc -= g.ruleB.integrate(f1, gT)
        dx -= g.ruleB.integrate(f2, gT)
        if adjoint { adj -= g.ruleB.integrate(f3, gT) }
        return (dc, dx, adj)
    }

    /// `integrals` with channel weights: every kernel of the pair (t, s) carries w_k(t)w_k(s), of (t′, s)
    /// w_k(t′)w_k(s) (equations/protocols.md). Kept apart so that unweighted runs keep their arithmetic.
    func weightedIntegrals(_ g: Target, _ u: [Double], adjoint: Bool, scratch: NodeScratch)
        -> (dc: Double, dx: Double, adj: Double) {
        let f1 = scratch.column(0), f2 = scratch.column(1), f3 = scratch.column(2), f4 = scratch.column(3)
        let gT = scratch.column(4), gP = scratch.column(5)
        let channels = g.wRow.count
        var dc = 0.0, dx = 1.0, adj = 0.0
        if let ruleA = g.ruleA {
            for q in 0..<g.TA.count {
                let (ct, xt) = Self.apply(g.TA[q], u)
                let (cp, xp) = Self.eval(g.PA[q], u)
                let kt = kernels(ct, g.wRow, g.wA, node: q * channels)
                f1[q] = kt.xi2 * cp; f2[q] = kt.xi1; gT[q] = xt; gP[q] = xp
                if adjoint {
                    let d = g.PA[q]
                    let (p1, p2) = d.scale == 0 ? (d.xi1, d.xi2) : { let k = kernels(cp, g.wTarget, g.wA, node: q * channels); return (k.xi1, k.xi2) }()
                    f3[q] = p2 * ct; f4[q] = p1
                }
            }
            dc -= ruleA.integrate(f1, gT) + ruleA.integrate(f2, gP)
            if adjoint { adj -= ruleA.integrate(f3, gP) + ruleA.integrate(f4, gT) }
        }
        for q in 0..<g.TB.count {
            let (ct, xt) = Self.apply(g.TB[q], u)
            let (cq, xq) = Self.eval(g.QB[q], u)
            let t2 = kernels(ct, g.wRow, g.wB, node: q * channels).xi2
            f1[q] = t2 * cq; f2[q] = t2 * xq; gT[q] = xt
            if adjoint {
                let d = g.QB[q]
                f3[q] = d.scale == 0 ? d.xi1 : kernels(cq, g.wTarget, g.wB, node: q * channels).xi1
            }
        }
        dc -= g.ruleB.integrate(f1, gT)
        dx -= g.ruleB.integrate(f2, gT)
        if adjoint { adj -= g.ruleB.integrate(f3, gT) }
        return (dc, dx, adj)
    }

    // MARK: the run

    func solve() throws -> (solution: Solution, state: GeometricGridState) {
        let clock = Date()
        var lastReport = clock, lastCheckpoint = clock
        let tmax = problem.tmax
        var status = RunStatus.completed
        let done0 = rows.count - 1
        let control = GeometricStepControl(solver: solver, problem: problem, shortest: times[1])
        while let t = upcoming.last {
            if let stop = solver.shouldStop, stop() { status = .interrupted(atTime: rows.last!.t); break }
            let last = rows[rows.count - 1].t
            if let shorter = control.shortened(t, after: rows.suffix(3).map { (t: $0.t, m: $0.m) }[...]) {
                upcoming.append(shorter)
                continue
            }
            guard let row = advance(to: t) else {
                status = .diverged(atTime: t)
                rows.removeLast()
                break
            }
            if rows.count >= 4 {
                let a = rows[rows.count - 2], b = rows[rows.count - 3]
                if control.rejects((t, row.m), after: (a.t, a.m), (b.t, b.m)) {
                    rows.removeLast()
                    splitRows += 1
                    upcoming.append(last + 0.5 * (t - last))
                    continue
                }
            }
            upcoming.removeLast()
            let now = Date()
            if let progress = solver.progress, now.timeIntervalSince(lastReport) >= solver.progressInterval {
                lastReport = now
                // A row costs ∝ (log t)² late, so the cube of the fraction of rows is closer to the work done.
                let done = Double(rows.count - 1 - done0), total = done + Double(upcoming.count)
                progress(SolverProgress(time: t, tmax: tmax, step: rows.count - 1, wallSeconds: wallBefore + now.timeIntervalSince(clock),
                                        fraction: min(1, pow(done / max(total, 1), 3))))
            }
            if let checkpoint = solver.checkpoint, now.timeIntervalSince(lastCheckpoint) >= solver.checkpointInterval {
                lastCheckpoint = now
                try checkpoint(state(wallSeconds: wallBefore + now.timeIntervalSince(clock)))
            }
        }
        let wall = wallBefore + Date().timeIntervalSince(clock)
        return (solution(status: status, wall: wall), state(wallSeconds: wall))
    }

    /// Solves the row at time t; nil if a value became non-finite.
    func advance(to t: Double) -> GeometricRow? {
        let n = rows.count
        let prev = rows[n - 1]
        let dt = t - prev.t
        let row = GeometricRow(t: t, points: max(1, count(upTo: Self.reach * t)))
        let np = row.points
        // Variable-step BDF of the solver's order, lower where older rows do not hold a point yet:
        // y = Σ a_j y₋ⱼ + b f, with b per value.
        let back = min(Self.stepOrder, n)
        let steps = (1...back).map { depth in VariableStepBDF(times: [t] + (1...depth).map { rows[n - $0].t }) }
        var hist = [Double](repeating: 0, count: row.u.count), b = [Double](repeating: 0, count: row.u.count)
        func history(_ point: (GeometricRow) -> Double?, c: Int, x: Int) {
            var cs = (0.0, 0.0, 0.0), xs = (0.0, 0.0, 0.0), held = 0
            for j in 1...back {
                guard let p = point(rows[n - j]) else { break }
                let (cv, xv) = rowValue(rows[n - j], p)
                switch j { case 1: cs.0 = cv; xs.0 = xv; case 2: cs.1 = cv; xs.1 = xv; default: cs.2 = cv; xs.2 = xv }
                held = j
            }
            if held == 0 { cs.0 = 1; held = 1 }  // a lag the previous row does not reach: start from C = 1, χ = 0
            let bdf = steps[held - 1]
            hist[c] = bdf.history(cs); hist[x] = bdf.history(xs)
            b[c] = bdf.beta; b[x] = bdf.beta
            row.u[c] = cs.0; row.u[x] = xs.0
            if held >= 2 {
                // First guess: linear extrapolation along the same column or lag (a sixth fewer sweeps).
                let r = dt / (prev.t - rows[n - 2].t)
                row.u[c] = cs.0 + r * (cs.0 - cs.1); row.u[x] = xs.0 + r * (xs.0 - xs.1)
            }
        }
        for j in 0..<np {
            let tp = time(j)
            history({ $0.t >= tp ? tp : nil }, c: row.colC + j, x: row.colX + j)
        }
        for k in 1..<np {
            let lam = time(k)
            history({ $0.t >= lam ? $0.t - lam : nil }, c: row.lagC + k, x: row.lagX + k)
        }
        let stepM = steps[back - 1]
        let histM = stepM.history((prev.m, back >= 2 ? rows[n - 2].m : 0, back >= 3 ? rows[n - 3].m : 0))
        let bM = stepM.beta
        row.m = prev.m
        row.mu = prev.mu
        rows.append(row)

        let (own, ownBreaks) = nodesAndBreaks(0, t)
        let ownStencils = own.map { stencil(row, $0) }
        let ownM = own.map { timeWeights($0) }
        let (cols, lags) = targets(t, row)
        let ownRule = StieltjesPanels(nodes: own, breaks: ownBreaks)
        let wRow = kernels.noiseWeights(at: t), wOwn = kernels.isWeighted ? own.flatMap { kernels.noiseWeights(at: $0) } : []
        let w0 = kernels.noiseWeights(at: 0), channels = wRow.count
        // ξ′, ξ″ of the pair (t, s_q) at c: the model's, or weighted.
        @inline(__always) func rowKernel(_ c: Double, _ q: Int) -> (Double, Double) {
            if !kernels.isWeighted { return (model.xi1(c), model.xi2(c)) }
            let k = kernels(c, wRow, wOwn, node: q * channels)
            return (k.xi1, k.xi2)
        }
        let temperatureNow = temperature(at: t)
        // T(t′) at the lags: the noise term 2T(t′)R(t,t′) of ∂t′C.
        let lagTemperature = (0..<np).map { temperature(at: t - time($0)) }
        // The drive's weights at t and at the lags' earlier times, once per row (empty without channel weights).
        let signalRow = kernels.signalWeights(at: t)
        let lagSignal = (0..<np).map { kernels.signalWeights(at: t - time($0)) }
        let lagNoise = quench != 0 ? (0..<np).map { kernels.noiseWeights(at: t - time($0)) } : []
        var fMu = [Double](repeating: 0, count: own.count), fE = fMu, fM = fMu, gX = fMu
        func observables(_ u: [Double], m: Double) -> (mu: Double, energy: Double, memM: Double) {
            for q in 0..<own.count {
                let (c, x) = Self.apply(ownStencils[q], u)
                let mq = oneTime(ownM[q], { $0.m }, current: m)
                let (k1, k2) = rowKernel(c, q)
                fMu[q] = k1 + k2 * c; fE[q] = k1; fM[q] = k2 * mq; gX[q] = x
            }
            // The integrals over s ∈ [0, t] against dχ(t, s), which runs from χ(t, 0) down to 0.
            let (sMu, sE, sM) = gX.withUnsafeBufferPointer { g in
                (-ownRule.integrate(fMu, g.baseAddress!), -ownRule.integrate(fE, g.baseAddress!),
                 -ownRule.integrate(fM, g.baseAddress!))
            }
            // A start from equilibrium at T′ adds ξ′(C(t,0))C(t,0)/T′ to μ and −ξ(C(t,0))/T′ to e (REFERENCE §2).
            let c0 = u[row.colC]
            let (v, v1) = kernels.signal(m, weights: signalRow), start = kernels(c0, wRow, w0)
            return (DMFTEquations.mu(temperature: temperatureNow, m: m, signalForce: v1, integral: sMu) + quench * start.xi1 * c0,
                    -v - sE - quench * start.xi, sM)
        }
        var anderson = AndersonMixing(depth: solver.andersonDepth)
        var sweeps = 0, change = Double.infinity
        let mIndex = row.u.count
        let work = SweepIntegrals(run: self, cols: cols, lags: lags, threads: solver.threads)
        while sweeps < solver.maxSweeps && change > solver.tolerance {
            sweeps += 1
            var u = row.u
            let mi = row.m
            let ob = observables(u, m: mi)
            let mu = ob.mu
            change = abs(mu - row.mu)
            let force = kernels.signal(mi, weights: signalRow).v1
            // Every memory integral from the sweep's starting values (in parallel), then the local
            // updates: columns at fixed t′, ∂t y = −μ y + G; lags at fixed lag, ∂t y + ∂t′ y, marched outward
            // with R(t, t − λ) = ∂λχ by a backward difference that includes the new value (implicit).
            work.compute(u)
            // A start from equilibrium at T′ adds ξ′(C(t,0)) C(t′,0)/T′ to ∂t C(t,t′) (REFERENCE §2), and its mirror to ∂t′.
            let c0 = u[row.colC], startForce = quench * kernels(c0, wRow, w0).xi1
            for j in 0..<np {
                // ∂t C without its local term −μC, which the step takes implicitly.
                var gC = DMFTEquations.dC(mu: 0, C: 0, signalForce: force, mEarlier: oneTime(cols[j].atTarget, { $0.m }, current: mi),
                                          memoryC: work.colC[j], memoryR: 0)
                if quench != 0 { gC += startForce * Self.eval(cols[j].start, u).0 }
                let bj = b[row.colC + j]
                let c = (hist[row.colC + j] + bj * gC) / (1 + bj * mu)
                let x = (hist[row.colX + j] + bj * work.colX[j]) / (1 + bj * mu)
                change = max(change, abs(c - u[row.colC + j]), abs(x - u[row.colX + j]))
                u[row.colC + j] = c; u[row.colX + j] = x
            }
            for k in 1..<np {
                let ic = row.lagC + k, ix = row.lagX + k
                // R = ∂λχ = (χ_k − Σ a_j χ_{k−j})/β, the backward difference of the step's order in the lag.
                let d = lagDifference[k - 1]
                let earlier = d.history((u[ix - 1], k >= 2 ? u[ix - 2] : 0, k >= 3 ? u[ix - 3] : 0))
                let bk = b[ix]
                let x = (hist[ix] + bk * (work.lagX[k] + earlier / d.beta)) / (1 + bk * (mu + 1 / d.beta))
                change = max(change, abs(x - u[ix]))
                u[ix] = x
                let r = (x - earlier) / d.beta
                let mp = oneTime(lags[k].atTarget, { $0.m }, current: mi)
                let mup = oneTime(lags[k].atTarget, { $0.mu }, current: mu)
                // D C = ∂t C + ∂t′ C without the local terms −(μ(t) + μ(t′))C, taken implicitly. The memories
                // are sums over both integrals of each equation (`integrals`).
                var drift = DMFTEquations.dC(mu: 0, C: 0, signalForce: force, mEarlier: mp, memoryC: work.lagC[k], memoryR: 0)
                    + DMFTEquations.dCEarlier(muEarlier: 0, C: 0, signalForceEarlier: kernels.signal(mp, weights: lagSignal[k]).v1, mLater: mi,
                                              memoryC: work.lagAdjoint[k], memoryR: 0, temperature: lagTemperature[k], response: r)
                if quench != 0 {
                    let cp0 = Self.eval(lags[k].start, u).0
                    drift += startForce * cp0 + quench * kernels(cp0, lagNoise[k], w0).xi1 * c0
                }
                let c = (hist[ic] + bk * drift) / (1 + bk * (mu + mup))
                change = max(change, abs(c - u[ic]))
                u[ic] = c
            }
            let newM = (histM + bM * DMFTEquations.dm(mu: 0, m: 0, signalForce: force, memory: ob.memM)) / (1 + bM * mu)
            change = max(change, abs(newM - mi) / max(abs(newM), 1e-300))
            guard change.isFinite else { return nil }
            let next = anderson.next(u: row.u + [mi, row.mu], g: u + [newM, mu])
            row.u = Array(next[0..<mIndex])
            row.m = next[mIndex]; row.mu = next[mIndex + 1]
            row.u[row.lagC] = 1; row.u[row.lagX] = 0
        }
        sweepsTotal += sweeps
        if change > solver.tolerance { unconvergedRows += 1 }
        let ob = observables(row.u, m: row.m)
        row.mu = ob.mu; row.energy = ob.energy
        guard row.mu.isFinite, row.energy.isFinite, row.m.isFinite else { return nil }
        return row
    }

    /// The solution on the grid of row times, with χ, and R = −∂t′χ from each row's interpolant.
    func solution(status: RunStatus, wall: Double) -> Solution {
        let grid = rows.map(\.t)
        let series = TimeSeries(t: grid, m: rows.map(\.m), energy: rows.map(\.energy), mu: rows.map(\.mu))
        let count = grid.count
        var C = TriangularArray(count: count), R = TriangularArray(count: count), X = TriangularArray(count: count)
        for i in 0..<count {
            let r = rows[i]
            for j in 0...i {
                if j == i { C[i, i] = 1; R[i, i] = 1; X[i, i] = 0; continue }
                let (c, x) = rowValue(r, grid[j])
                C[i, j] = c; X[i, j] = x
                R[i, j] = -Self.apply(stencil(r, grid[j], derivative: true), r.u).1
            }
        }
        var settings = solver.settings
        settings["rows"] = Double(count)
        settings["sweeps_per_row"] = Double(sweepsTotal) / Double(max(1, count - 1))
        settings["unconverged_rows"] = Double(unconvergedRows)
        settings["split_steps"] = Double(splitRows)
        var solution = Solution(problem: problem, grid: grid, C: C, R: R, series: series, status: status,
                                solverName: solver.name, solverSettings: settings, wallSeconds: wall)
        solution.chi = X
        solution.waitingTimeColumns = solver.waitingTimes.sorted().compactMap(waitingTimeColumn)
        return solution
    }

    /// C(t, t_w) and χ(t, t_w) at every row t > t_w, from the row's own interpolant, and at t = t_w + τ_k for
    /// the lags τ_k ≤ t_w (the near-diagonal half, where rows are further apart than the lags): there the
    /// rows are interpolated in time at the fixed lag τ_k (cubic, as the scheme itself reads them), so the
    /// column resolves the fast (FDT) decay at τ ≪ t_w/K, which the rows alone would jump.
    func waitingTimeColumn(_ tw: Double) -> WaitingTimeColumn? {
        let end = rows[rows.count - 1].t
        var samples: [(t: Double, value: (Double, Double))] = rows.filter { $0.t > tw * (1 + 1e-12) + 1e-300 }.map { ($0.t, rowValue($0, tw)) }
        guard !samples.isEmpty else { return nil }
        for k in 1..<times.count {
            let lag = times[k], a = tw + lag
            guard lag <= tw, a < end else { break }
            let near = samples.contains { abs($0.t - a) <= 1e-9 * a }
            if near { continue }
            var c = 0.0, x = 0.0
            for (i, w) in timeWeights(a, valid: { $0.t >= lag }) {
                let (ci, xi) = rowValue(rows[i], rows[i].t - lag)
                c += w * ci; x += w * xi
            }
            samples.append((a, (c, x)))
        }
        samples.sort { $0.t < $1.t }
        return WaitingTimeColumn(tw: tw, t: [tw] + samples.map(\.t), C: [1] + samples.map(\.value.0),
                                 chi: [0] + samples.map(\.value.1))
    }
}

/// One row t of the geometric grid: C and χ at the columns t′ = τ_k and at the lags t − τ_k, k < points,
/// packed as [C col | χ col | C lag | χ lag]; m and μ at t.
final class GeometricRow {
    let t: Double
    let points: Int
    var u: [Double]
    var m = 0.0, mu = 0.0, energy = 0.0
    init(t: Double, points: Int) {
        self.t = t
        self.points = points
        u = [Double](repeating: 0, count: 4 * points)
        u[2 * points] = 1
    }
    var colC: Int { 0 }
    var colX: Int { points }
    var lagC: Int { 2 * points }
    var lagX: Int { 3 * points }
}

/// The memory integrals of every target of a row from one vector of the row's values, split over
/// threads by target (each integral is computed the same way whatever the split, so the result does not
/// depend on the thread count).
final class SweepIntegrals: @unchecked Sendable {
    let run: GeometricGridRun
    let cols: [GeometricGridRun.Target], lags: [GeometricGridRun.Target]
    let threads: Int
    /// The most nodes any target integrates over.
    let longest: Int
    var colC: [Double], colX: [Double], lagC: [Double], lagX: [Double], lagAdjoint: [Double]

    init(run: GeometricGridRun, cols: [GeometricGridRun.Target], lags: [GeometricGridRun.Target], threads: Int) {
        self.run = run; self.cols = cols; self.lags = lags; self.threads = max(1, threads)
        longest = (cols + lags).reduce(1) { max($0, $1.TA.count, $1.TB.count) }
        colC = .init(repeating: 0, count: cols.count); colX = colC
        lagC = .init(repeating: 0, count: lags.count); lagX = lagC; lagAdjoint = lagC
    }

    func compute(_ u: [Double]) {
        let nc = cols.count, nl = lags.count
        let total = nc + nl
        let parts = total >= 64 ? threads : 1
        colC.withUnsafeMutableBufferPointer { cc in
        colX.withUnsafeMutableBufferPointer { cx in
        lagC.withUnsafeMutableBufferPointer { lc in
        lagX.withUnsafeMutableBufferPointer { lx in
        lagAdjoint.withUnsafeMutableBufferPointer { la in
            let out = Outputs(cc: cc, cx: cx, lc: lc, lx: lx, la: la)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let scratch = NodeScratch(nodes: longest)
                defer { scratch.free() }
                // Interleaved, so that both threads get targets of every size.
                var q = part
                while q < total {
                    if q < nc {
                        let r = run.integrals(cols[q], u, adjoint: false, scratch: scratch)
                        out.cc[q] = r.dc; out.cx[q] = r.dx
                    } else if q - nc >= 1 {
                        let k = q - nc
                        let r = run.integrals(lags[k], u, adjoint: true, scratch: scratch)
                        out.lc[k] = r.dc; out.lx[k] = r.dx; out.la[k] = r.adj
                    }
                    q += parts
                }
            }
        }}}}}
    }

    private struct Outputs: @unchecked Sendable {
        let cc: UnsafeMutableBufferPointer<Double>, cx: UnsafeMutableBufferPointer<Double>
        let lc: UnsafeMutableBufferPointer<Double>, lx: UnsafeMutableBufferPointer<Double>
        let la: UnsafeMutableBufferPointer<Double>
    }
}

/// Per-thread columns for a target's values at its nodes (see `GeometricGridRun.integrals`).
struct NodeScratch {
    private let base: UnsafeMutablePointer<Double>
    private let stride: Int
    init(nodes: Int) {
        stride = nodes
        base = .allocate(capacity: 6 * nodes)
    }
    @inline(__always) func column(_ i: Int) -> UnsafeMutablePointer<Double> { base + i * stride }
    func free() { base.deallocate() }
}

/// ξ_{a,s}(q) = Σ_k w_k(a) w_k(s) a_k q^k and its q-derivatives, V_a(m) and V′_a(m) (equations/protocols.md), or
/// the model's own ξ and V when the protocol has no channel weights: the same arithmetic as without a protocol.
struct PairKernels: @unchecked Sendable {
    let model: Model
    let weighted: WeightedKernels?
    var isWeighted: Bool { weighted != nil }

    init(_ problem: DynamicsProblem) {
        model = problem.model
        weighted = problem.drive.hasWeights ? WeightedKernels(model: problem.model, drive: problem.drive) : nil
    }

    /// w_k(a) of every noise channel (empty without weights).
    func noiseWeights(at a: Double) -> [Double] { weighted?.noiseWeights(at: a) ?? [] }

    /// (ξ, ξ′, ξ″) at q for the weights wa of the first time and ws[node...] of the second.
    @inline(__always) func callAsFunction(_ q: Double, _ wa: [Double], _ ws: [Double], node: Int = 0) -> (xi: Double, xi1: Double, xi2: Double) {
        guard let weighted else { return (model.noise(q), model.xi1(q), model.xi2(q)) }
        return weighted.noise(q, weightsAtT: wa, weightsAtS: ws, offset: node)
    }

    /// w_k(a) of every signal channel (empty without weights).
    func signalWeights(at a: Double) -> [Double] { weighted?.signalWeights(at: a) ?? [] }

    /// (V_a(m), V′_a(m)) for w = signalWeights(at: a).
    @inline(__always) func signal(_ m: Double, weights w: [Double]) -> (v: Double, v1: Double) {
        guard let weighted else { return (model.signal(m), model.v1(m)) }
        return weighted.signal(m, weights: w)
    }
}
