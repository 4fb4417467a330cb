/// Where the rows of the geometric grid go beyond the planned row times (`GeometricGridSolver.rowTimes`):
/// every rule that shortens a step, before the row is solved and after (equations/geometric-grid.md §3).
///
/// The run keeps the times still to take as a stack; a rule that wants a shorter step pushes the earlier
/// time. No rule makes a step shorter than the first lag spacing τ₁ (the smallest step `rowTimes` plans):
/// below it the march in the lag and the step in t no longer fit together (a step of h0/2 at t = 427 made
/// the row explode).
struct GeometricStepControl {
    /// τ₁, the shortest step.
    let shortest: Double
    /// After a short stretch the steps grow back at most by 2(1 + 1/K) per row, the largest ratio of the
    /// planned row times themselves (BDF2 is zero-stable for ratios below 1 + √2).
    let growth: Double
    let pointsPerEfold: Double
    /// δm (0: no control).
    let tolerance: Double
    /// The schedules that drive the run, T(t) and the channel weights w_k(t) (constants apart).
    let drives: [Schedule]
    /// Kinks of the schedules whose slope jump exceeds δm (per unit time), in increasing order.
    let kinks: [Double]

    init(solver: GeometricGridSolver, problem: DynamicsProblem, shortest: Double) {
        self.shortest = shortest
        let k = Double(solver.pointsPerEfold)
        pointsPerEfold = k
        growth = 2 * (1 + 1 / k) * (1 + 1e-9)
        let tolerance = solver.stepTolerance
        self.tolerance = tolerance
        drives = problem.drive.varyingSchedules
        kinks = tolerance > 0 ? problem.drive.kinks(upTo: problem.tmax, slopeJump: tolerance) : []
    }

    /// Before a row at t is solved, given the rows so far (at least the last one): a shorter step's end, or
    /// nil to take t.
    func shortened(_ t: Double, after rows: ArraySlice<(t: Double, m: Double)>) -> Double? {
        guard rows.count >= 2 else { return nil }
        let last = rows[rows.endIndex - 1].t, previous = last - rows[rows.endIndex - 2].t
        let h = t - last
        // Growth, without leaving a short remainder.
        if h > growth * previous { return last + (h <= 4 * previous ? 0.5 * h : 2 * previous) }
        // m's error estimate scales as h²: the step that would bring the last row's estimate to half the
        // tolerance. Sized before the solve, every row lands near that target; halving after it alone left
        // rows anywhere between a quarter of the tolerance and all of it, at about the same cost.
        if rows.count >= 3 {
            let r = mError(rows[rows.endIndex - 1], after: rows[rows.endIndex - 2], rows[rows.endIndex - 3])
            let limit = max(shortest, previous * (0.5 / max(r, 1e-300)).squareRoot())
            if h > limit * (1 + 1e-9) {
                return last + h / (h / limit).rounded(.up)
            }
        }
        // Along a fixed lag λ the ∂t′ part meets a kink u of a schedule at t = u + λ, inside a step of the
        // ordinary size, which BDF2 integrates at first order (6.5e-5 in e after a ramp 1 → 0.3 ending at
        // u = 50, whatever K or δm). After a kink the steps are capped at max(4τ₁, (t − u)/K), geometric in
        // the time since the kink (2e-6 there). Long stretches of steps at τ₁ (the early-time rule of
        // `rowTimes` applied to t − u) made the rows diverge at t ≈ 57: rows much closer than t/K read each
        // other's interpolation errors through steps that short.
        if let u = kinks.last(where: { $0 <= last }) {
            let cap = max(4 * shortest, (last - u) / pointsPerEfold)
            if h > cap * (1 + 1e-9) { return last + cap }
        }
        // A schedule drives the dynamics on its own time scale, which the rows must follow: the step is
        // halved while a schedule changes by more than 10 δm over a step, or its second difference over
        // steps h exceeds δm/10, here or within the next two steps. Looking ahead makes the steps shrink
        // gradually towards a kink: a step cut 16-fold at once (1.5 → 0.09 at t = 50) left a row whose
        // sweeps diverged three rows later.
        if !drives.isEmpty, tolerance > 0, 0.5 * h >= shortest {
            let rough = drives.contains { f in
                (0..<3).contains { j in
                    let y = last + Double(j) * h
                    let (before, now, next) = (f(max(0, y - h)), f(y), f(y + h))
                    return abs(next - now) > 10 * tolerance || (y >= h && abs(next - 2 * now + before) > tolerance / 10)
                }
            }
            if rough { return last + 0.5 * h }
        }
        return nil
    }

    /// After a row is solved: whether to discard it and halve the step. The step t/K is made for slow
    /// drift; an escape of m would fall into one step.
    func rejects(_ row: (t: Double, m: Double), after a: (t: Double, m: Double), _ b: (t: Double, m: Double)) -> Bool {
        0.5 * (row.t - a.t) >= shortest && mError(row, after: a, b) > 1
    }

    /// m's local error at `row` in units of its tolerance: m against its linear extrapolation from the two rows
    /// before (`a` then `b`; a predictor–corrector estimate, ∝ m″h²), over δm·|m|. The tolerance is relative
    /// because m grows exponentially out of a small m0: a relative error made early is carried to the escape,
    /// and one made at m = 10⁻⁶ is as costly as one made at m = 0.3. For growth m ∝ e^{λt} the estimate is
    /// (λh)²/δm; at the target of 1/2 (`shortened`) the rows take h ≈ √(δm/2)/λ, and BDF2's local error
    /// (2/9)(λh)³ in ln m adds up to ≈ δm/9 per e-fold of growth ((2/9)δm at full tolerance).
    func mError(_ row: (t: Double, m: Double), after a: (t: Double, m: Double), _ b: (t: Double, m: Double)) -> Double {
        guard tolerance > 0 else { return 0 }
        let predicted = a.m + (row.t - a.t) / (a.t - b.t) * (a.m - b.m)
        let scale = tolerance * max(abs(row.m), abs(a.m), abs(b.m))
        return scale > 0 ? abs(row.m - predicted) / scale : 0
    }
}
