/// One-time observables, one row per step the integrator took.
public struct TimeSeries: Sendable, Equatable {
    public var t: [Double] = []
    public var m: [Double] = []
    public var energy: [Double] = []
    public var mu: [Double] = []

    public init() {}

    public init(t: [Double], m: [Double], energy: [Double], mu: [Double]) {
        precondition(t.count == m.count && m.count == energy.count && energy.count == mu.count)
        self.t = t; self.m = m; self.energy = energy; self.mu = mu
    }

    public var count: Int { t.count }

    public mutating func append(t: Double, m: Double, energy: Double, mu: Double) {
        self.t.append(t); self.m.append(m); self.energy.append(energy); self.mu.append(mu)
    }

    public func prefix(_ k: Int) -> TimeSeries {
        TimeSeries(t: Array(t.prefix(k)), m: Array(m.prefix(k)),
                   energy: Array(energy.prefix(k)), mu: Array(mu.prefix(k)))
    }

    /// Linear interpolation of a column at time `time` (clamped to the computed range).
    public func interpolate(_ column: KeyPath<TimeSeries, [Double]>, at time: Double) -> Double {
        let ys = self[keyPath: column]
        guard let first = t.first, let last = t.last else { return .nan }
        if time <= first { return ys[0] }
        if time >= last { return ys[ys.count - 1] }
        let k = Grid.cell(containing: time, in: t)
        let w = (time - t[k]) / (t[k + 1] - t[k])
        return ys[k] + w * (ys[k + 1] - ys[k])
    }
}

/// C(t, t_w) and χ(t, t_w) at one waiting time, at every step t ≥ t_w of the integrator (the
/// coarsening grid's followed columns, `aging.csv`). On a coarsening grid the final window alone
/// cannot give them once t_w is far below its step, so `Solution` reads two-time data at t′ = t_w
/// from here.
public struct WaitingTimeColumn: Sendable, Equatable {
    public let tw: Double
    /// Increasing times, t[0] = t_w (where C = 1, χ = 0).
    public let t: [Double]
    public let C: [Double]
    public let chi: [Double]

    public init(tw: Double, t: [Double], C: [Double], chi: [Double]) {
        precondition(t.count == C.count && C.count == chi.count && t.count >= 2, "a column needs ≥ 2 samples")
        self.tw = tw; self.t = t; self.C = C; self.chi = chi
    }

    /// The smallest lag after 0 that was computed: between 0 and it only the end values are known.
    public var firstLag: Double { t[1] - tw }

    /// Whether `time` is within the sampled range (to rounding: t_w + (t_end − t_w) may exceed t_end by an ulp).
    func covers(_ time: Double) -> Bool {
        let last = t[t.count - 1]
        return time >= tw && time <= last + 1e-12 * (abs(last) + 1)
    }

    func interpolate(_ ys: [Double], at time: Double) -> Double {
        let k = Grid.cell(containing: time, in: t)
        let w = min(1, max(0, (time - t[k]) / (t[k + 1] - t[k])))
        return ys[k] + w * (ys[k + 1] - ys[k])
    }
}

/// An estimate of the discretisation error of a run, and how it was obtained.
public struct ErrorEstimate: Sendable, Equatable, Codable {
    /// How the estimate was obtained (e.g. "richardson dt vs dt/2").
    public var method: String
    /// max |Δm| over the grid.
    public var m: Double
    /// max |Δe| over the grid.
    public var energy: Double
    /// max |ΔC| over the common grid points.
    public var C: Double

    public init(method: String, m: Double, energy: Double, C: Double) {
        self.method = method; self.m = m; self.energy = energy; self.C = C
    }
}

/// The result of integrating a `DynamicsProblem`: a (possibly non-uniform) time grid, C and R on the
/// lower triangle of that grid, and the one-time observables.
///
/// Conventions (equations/dmft.md): C is symmetric with C(t,t) = 1; R(t,t′) = 0 for t < t′ and the
/// diagonal holds the limit R(t⁺,t) = 1. Analysis and I/O use only this type, never an integrator's
/// internals, so any integrator that fills it works with every command.
public struct Solution: Sendable {
    public let problem: DynamicsProblem
    /// The two-time grid t_0 = 0 < t_1 < … (uniform or not).
    public let grid: [Double]
    public let C: TriangularArray
    public let R: TriangularArray
    /// m, e, μ at every step taken (for a uniform grid these are the grid times).
    public let series: TimeSeries
    public let status: RunStatus
    public let solverName: String
    public let solverSettings: [String: Double]
    public var errorEstimate: ErrorEstimate?
    public var wallSeconds: Double
    /// χ(t,t′) on the grid when the integrator evolves it (the coarsening grid). Then
    /// `integratedResponse` interpolates it: at a coarse step R next to the diagonal is only a cell
    /// average and its quadrature would not give χ.
    public var chi: TriangularArray?
    /// Columns C(t, t_w), χ(t, t_w) followed at full resolution (coarsening grid, `--waiting-times`);
    /// `correlation` and `integratedResponse` read them at t′ = t_w.
    public var waitingTimeColumns: [WaitingTimeColumn] = []

    public init(problem: DynamicsProblem, grid: [Double], C: TriangularArray, R: TriangularArray,
                series: TimeSeries, status: RunStatus, solverName: String,
                solverSettings: [String: Double], errorEstimate: ErrorEstimate? = nil,
                wallSeconds: Double = 0) {
        precondition(C.count == grid.count && R.count == grid.count, "two-time data must match the grid")
        self.problem = problem
        self.grid = grid
        self.C = C
        self.R = R
        self.series = series
        self.status = status
        self.solverName = solverName
        self.solverSettings = solverSettings
        self.errorEstimate = errorEstimate
        self.wallSeconds = wallSeconds
    }

    public var model: Model { problem.model }
    public var temperature: Double { problem.temperature }
    /// The last time with two-time data.
    public var finalTime: Double { grid.last ?? 0 }

    /// The followed column at waiting time `tw` (equal to a column's t_w to 1e-9 relative), if any.
    public func waitingTimeColumn(_ tw: Double) -> WaitingTimeColumn? {
        waitingTimeColumns.first { abs($0.tw - tw) <= 1e-9 * ($0.tw + 1) }
    }

    /// C(t, t′) anywhere in [0, finalTime]², by interpolation on the grid (symmetric), or along a
    /// followed column when the earlier time is one of its waiting times.
    public func correlation(_ t: Double, _ tPrime: Double) -> Double {
        let (a, b) = t >= tPrime ? (t, tPrime) : (tPrime, t)
        if let column = waitingTimeColumn(b), column.covers(a) {
            return column.interpolate(column.C, at: a)
        }
        return Grid.interpolateLowerTriangle(C, grid: grid, t: a, tPrime: b)
    }

    /// R(t, t′) anywhere in [0, finalTime]²: zero for t < t′, the limit R(t⁺,t) = 1 on the diagonal.
    public func response(_ t: Double, _ tPrime: Double) -> Double {
        if t < tPrime { return 0 }
        return Grid.interpolateLowerTriangle(R, grid: grid, t: t, tPrime: tPrime)
    }

    /// The integrated response χ(t,t′) = ∫_{t′}^{t} R(t,s) ds: along a followed column at t′ = t_w,
    /// else interpolated from `chi` when present,
    /// else by the trapezoidal rule on the grid points between t′ and t, with the end cells interpolated.
    public func integratedResponse(_ t: Double, _ tPrime: Double) -> Double {
        guard t > tPrime else { return 0 }
        if let column = waitingTimeColumn(tPrime), column.covers(t) {
            return column.interpolate(column.chi, at: t)
        }
        if let chi { return Grid.interpolateLowerTriangle(chi, grid: grid, t: t, tPrime: tPrime) }
        var nodes: [Double] = [tPrime]
        for s in grid where s > tPrime && s < t { nodes.append(s) }
        nodes.append(t)
        var sum = 0.0
        var previous = response(t, nodes[0])
        for k in 1..<nodes.count {
            let v = response(t, nodes[k])
            sum += 0.5 * (nodes[k] - nodes[k - 1]) * (v + previous)
            previous = v
        }
        return sum
    }
}
