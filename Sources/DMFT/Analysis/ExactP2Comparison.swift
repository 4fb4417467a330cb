import Foundation

/// A DMFT solution of the solvable p = 2 case against its exact solution (REFERENCE §3), so that
/// the order of an integrator can be read off from runs at several dt (results/p2-exact).
public struct ExactP2Comparison: Sendable {
    public struct EnergyPoint: Sendable {
        public let t: Double, dmft: Double, exact: Double
    }
    public struct TwoTimePoint: Sendable {
        public let t: Double, tPrime: Double
        public let C: Double, exactC: Double, R: Double, exactR: Double
    }

    /// C(t, t_w) of a waiting-time column (`--waiting-times`) against the exact value.
    public struct AgingPoint: Sendable {
        public let tw: Double, t: Double, C: Double, exactC: Double
    }

    /// e(t) at every grid point.
    public let energy: [EnergyPoint]
    /// C and R at every pair t ≥ t′ of checkpoint times (every `stride` grid points).
    public let twoTime: [TwoTimePoint]
    /// Grid points between checkpoints, and the time between them on the final grid's uniform part.
    public let stride: Int
    public let checkpointSpacing: Double
    public let maxErrorC: Double, maxErrorR: Double, maxErrorEnergy: Double
    /// The waiting-time columns at up to `agingSamplesPerDecade` times per decade of t − t_w: they
    /// follow C(t, t_w) over the whole run, where the final grid holds only its last window.
    public let aging: [AgingPoint]
    public let maxErrorAging: Double
    public static let agingSamplesPerDecade = 16.0

    /// The exact reference that applies to `problem`, or nil when it is not the solvable case:
    /// ξ(q) = q²/(2Δ2) alone, no signal force (V = 0, or m0 = 0 so that m stays 0), a constant
    /// temperature and a random start (no protocol).
    public static func reference(for problem: DynamicsProblem) -> ExactP2? {
        guard let delta2 = twoSpinDelta2(problem.model),
              problem.model.signal.isZero || problem.m0 == 0,
              problem.drive.isTrivial else { return nil }
        return ExactP2(delta2: delta2, temperature: problem.temperature)
    }

    /// Δ2 when the landscape is ξ(q) = q²/(2Δ2) alone (the GOE semicircle of radius 2/√Δ2), else nil.
    public static func twoSpinDelta2(_ model: Model) -> Double? {
        let noise = model.noise.terms
        guard noise.count == 1, noise[0].degree == 2, noise[0].coefficient > 0 else { return nil }
        return 1 / (2 * noise[0].coefficient)
    }

    /// The energy at every step taken; C and R on the final grid, uniform on both grids but for the
    /// adaptive one's pinned points next to t = 0. Checkpoints are every `stride` = round(finalTime/(checkpoints·dt))
    /// grid points, so runs whose dt divides finalTime/checkpoints compare at the same times; C at
    /// T > 0 costs a quadrature per point, which is why it is not compared at every pair.
    public init(solution: Solution, exact: ExactP2, checkpoints: Int = 16) {
        let n = solution.grid.count
        let dt = n > 1 ? solution.grid[n - 1] - solution.grid[n - 2] : 1
        var ee = 0.0
        var energy: [EnergyPoint] = []
        let series = solution.series
        for k in 0..<series.count {
            let p = EnergyPoint(t: series.t[k], dmft: series.energy[k], exact: exact.energy(series.t[k]))
            ee = max(ee, abs(p.dmft - p.exact))
            energy.append(p)
        }
        let stride = max(1, Int((solution.finalTime / (Double(max(1, checkpoints)) * dt)).rounded()))
        var ec = 0.0, er = 0.0
        var twoTime: [TwoTimePoint] = []
        for k in Swift.stride(from: 0, to: n, by: stride) {
            for j in Swift.stride(from: 0, through: k, by: stride) {
                let t = solution.grid[k], tp = solution.grid[j]
                let p = TwoTimePoint(t: t, tPrime: tp, C: solution.C[k, j], exactC: exact.correlation(t, tp),
                                     R: solution.R[k, j], exactR: exact.response(t, tp))
                ec = max(ec, abs(p.C - p.exactC))
                er = max(er, abs(p.R - p.exactR))
                twoTime.append(p)
            }
        }
        var aging: [AgingPoint] = []
        var ea = 0.0
        for column in solution.waitingTimeColumns {
            var next = 0.0  // log10 of the next t − t_w to sample
            for (t, c) in zip(column.t, column.C) where t > column.tw {
                let lag = log10(t - column.tw)
                guard lag >= next || t == column.t.last else { continue }
                next = (lag * Self.agingSamplesPerDecade).rounded(.down) / Self.agingSamplesPerDecade + 1 / Self.agingSamplesPerDecade
                let p = AgingPoint(tw: column.tw, t: t, C: c, exactC: exact.correlation(t, column.tw))
                ea = max(ea, abs(p.C - p.exactC))
                aging.append(p)
            }
        }
        self.aging = aging
        maxErrorAging = ea
        self.energy = energy
        self.twoTime = twoTime
        self.stride = stride
        checkpointSpacing = n > 1 ? Double(stride) * dt : 0
        maxErrorC = ec
        maxErrorR = er
        maxErrorEnergy = ee
    }
}
