import Foundation
import Testing
import DMFT

/// The geometric-grid integrator (equations/geometric-grid.md): the exact p = 2 solution, the uniform
/// grid where both run, its order in K, and the signal.
@Suite struct GeometricGridTests {
    /// max |a − b| of e (and m) over a's steps in [from, to], b's series interpolated (linear; b is a
    /// uniform run at dt = 0.005, whose interpolation error is below 1e-7 at t ≥ 0.5).
    static func seriesDifference(_ a: Solution, _ b: Solution, from: Double, to: Double) -> (e: Double, m: Double) {
        var de = 0.0, dm = 0.0
        for (k, t) in a.series.t.enumerated() where t >= from && t <= to {
            de = max(de, abs(a.series.energy[k] - b.series.interpolate(\.energy, at: t)))
            dm = max(dm, abs(a.series.m[k] - b.series.interpolate(\.m, at: t)))
        }
        return (de, dm)
    }

    /// Gapless aging (p = 2 below T_c), the case where the coarsening grid's far field fails: against
    /// the exact solution to t = 10³ at the defaults (K = 16). Measured: e within 1.2e-5 (T = 0) and 8.9e-6
    /// (T = 0.5) everywhere, 2.6e-7 and 2.3e-7 for t ≥ 100; C within 5.4e-5 and 5.1e-5 for t ≥ 100 (the
    /// coarsening grid at window 512: e 4e-5, C 1e-2; this grid before its third-order quadrature and
    /// lag difference and its short early steps: e 4e-4 early, 5e-6 late, C 1.5e-4).
    @Test(arguments: [0.0, 0.5])
    func twoSpinAgingAgainstTheExactSolution(temperature: Double) throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 2), temperature: temperature, tmax: 1000)
        let solution = try GeometricGridSolver().solve(problem)
        let cmp = ExactP2Comparison(solution: solution, exact: ExactP2(delta2: 1, temperature: temperature))
        let late = cmp.energy.filter { $0.t >= 100 }.map { abs($0.dmft - $0.exact) }.max()!
        let lateC = cmp.twoTime.filter { $0.t >= 100 && $0.tPrime > 0 }.map { abs($0.C - $0.exactC) }.max()!
        print("geometric p = 2, T = \(temperature): max |Δe| \(cmp.maxErrorEnergy), for t ≥ 100 \(late); C \(lateC)")
        #expect(late < 1e-6)
        #expect(lateC < 1.5e-4)
        #expect(cmp.maxErrorEnergy < 3e-5)
    }

    /// Waiting-time columns C(t, t_w), χ(t, t_w) (aging.csv on the command line) against the exact p = 2 solution,
    /// whose two-time functions age without a gap: at every row, from the row's interpolant, measured within 5.0e-5
    /// (C) and 5.9e-5 (χ), as C on the row grid; and at the short lags t − t_w = τ_k < t_w/K between the diagonal
    /// and the first row, interpolated in time at fixed lag, where the fast (FDT) decay happens.
    @Test func waitingTimeColumnsAgainstTheExactSolution() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 2), temperature: 0.5, tmax: 1000)
        var solver = GeometricGridSolver()
        solver.waitingTimes = [10, 100]
        let solution = try solver.solve(problem)
        let exact = ExactP2(delta2: 1, temperature: 0.5)
        #expect(solution.waitingTimeColumns.map(\.tw) == [10, 100])
        var worstC = 0.0, worstChi = 0.0, shortC = 0.0, shortChi = 0.0, short = 0
        for column in solution.waitingTimeColumns {
            #expect(column.t.first == column.tw && column.t.last == 1000 && column.C.first == 1)
            #expect(column.firstLag <= solver.h0 * (1 + 1e-9))
            // Every eighth sample (the exact functions are spectral integrals, slow to evaluate), and the last.
            for (k, t) in column.t.enumerated() where t > column.tw && (k % 8 == 1 || k == column.t.count - 1) {
                let dc = abs(column.C[k] - exact.correlation(t, column.tw))
                // χ(t, t_w) = ∫_{t_w}^t R(t, s) ds: the exact response integrated (Gauss–Legendre on log-spaced panels).
                let dx = abs(column.chi[k] - Self.integratedResponse(exact, t, column.tw))
                if t - column.tw < column.tw / 16 { shortC = max(shortC, dc); shortChi = max(shortChi, dx); short += 1 }
                else { worstC = max(worstC, dc); worstChi = max(worstChi, dx) }
            }
        }
        print("geometric p = 2, T = 0.5: waiting-time columns t_w = 10, 100 against exact: C \(worstC), χ \(worstChi); at \(short) short lags C \(shortC), χ \(shortChi)")
        #expect(short >= 10)
        #expect(worstC < 1e-4 && worstChi < 1e-4 && shortC < 1e-4 && shortChi < 1e-4)
    }

    /// ∫_{tw}^{t} R(t, s) ds for the exact p = 2 response, on panels geometric in t − s (R varies on the scale of the lag).
    static func integratedResponse(_ exact: ExactP2, _ t: Double, _ tw: Double) -> Double {
        let nodes = [-0.906179845938664, -0.538469310105683, 0.0, 0.538469310105683, 0.906179845938664]
        let weights = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189]
        var edges = [0.0]
        var lag = 1e-4
        while lag < t - tw { edges.append(lag); lag *= 1.2 }
        edges.append(t - tw)
        var sum = 0.0
        for (a, b) in zip(edges, edges.dropFirst()) {
            for (x, w) in zip(nodes, weights) {
                let l = 0.5 * (a + b) + 0.5 * (b - a) * x
                sum += 0.5 * (b - a) * w * exact.response(t, t - l)
            }
        }
        return sum
    }

    /// p = 3 from a random start against the uniform grid (dt = 0.005, third order) over the whole
    /// transient, 0.5 ≤ t ≤ 20: issue 3 asks for 1e-5 where both run. Measured at the defaults (K = 16):
    /// 4.6e-6 (T = 0) and 2.7e-6 (T = 0.5); before the early rows were split and the quadrature and lag
    /// difference made third order, K = 16 was 1e-4 off at 5 ≤ t ≤ 20.
    @Test(arguments: [0.0, 0.5])
    func agreesWithTheUniformGrid(temperature: Double) throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: temperature, tmax: 20)
        let uniform = try UniformGridSolver(dt: 0.005).solve(problem)
        let d = Self.seriesDifference(try GeometricGridSolver().solve(problem), uniform, from: 0.5, to: 20).e
        print("geometric p = 3, T = \(temperature): max |Δe| for 0.5 ≤ t ≤ 20 at K = 16: \(d)")
        #expect(d < 1e-5)
    }

    /// Protocols against the uniform grid (dt = 0.005), 0.5 ≤ t ≤ 10, p = 3:
    /// - a temperature schedule T(t) = 0.5 + 1.5 e^(−t/2), which enters μ(t) and, at the earlier time, the
    ///   noise term 2T(t′)R(t, t′) of the step along the diagonal; the steps follow the schedule (halved while
    ///   T changes by more than 10 δm over a step or its second difference exceeds δm/10). Measured 3.2e-6; 1.9e-5 with the control off
    ///   (steps t/K jump the schedule's time scale), which this test also checks;
    /// - a ramp T = 1 → 0.3 over 0 ≤ t ≤ 5, then constant: each lag λ meets the kink at t = 5 + λ, which steps t/K
    ///   integrate at first order; after a kink the steps restart geometrically. Measured 1.3e-5 (K = 16; 3.4e-6 at
    ///   K = 32), 1.2e-4 without the restart;
    /// - a start from equilibrium at T′ = 0.8 quenched to T = 0.5 (the terms ξ′(C(t,0))C(t′,0)/T′): 1.9e-6 to t = 20;
    /// - at T = T′ = 0.8 > T_d the dynamics is stationary, e = −ξ(1)/T′ = −0.625 at every time.
    @Test func followsTemperatureSchedulesAndStartsFromEquilibrium() throws {
        let model = try Model.pspin(p: 3)
        let schedule = try DynamicsProblem(model: model, temperature: 0.5, tmax: 10,
                                           drive: DrivingProtocol(temperature: .exponential(from: 2, to: 0.5, tau: 2)))
        let quench = try DynamicsProblem(model: model, temperature: 0.5, tmax: 10, drive: DrivingProtocol(initialTemperature: 0.8))
        let ramp = try DynamicsProblem(model: model, temperature: 0.3, tmax: 10,
                                       drive: DrivingProtocol(temperature: .linear(from: 1, to: 0.3, until: 5)))
        var results: [Double] = []
        for problem in [schedule, quench, ramp] {
            let uniform = try UniformGridSolver(dt: 0.005).solve(problem)
            results.append(Self.seriesDifference(try GeometricGridSolver().solve(problem), uniform, from: 0.5, to: 10).e)
        }
        let uncontrolled = Self.seriesDifference(try GeometricGridSolver(stepTolerance: 0).solve(schedule),
                                                 try UniformGridSolver(dt: 0.005).solve(schedule), from: 0.5, to: 10).e
        let stationary = try DynamicsProblem(model: model, temperature: 0.8, tmax: 100, drive: DrivingProtocol(initialTemperature: 0.8))
        let flat = try GeometricGridSolver().solve(stationary).series.energy.map { abs($0 + 0.625) }.max()!
        print("geometric p = 3 against uniform, max |Δe| for 0.5 ≤ t ≤ 10: schedule \(results[0]) (no step control \(uncontrolled)), quench from T′ = 0.8 \(results[1]), ramp \(results[2]); at T = T′ = 0.8, max |e + 0.625| \(flat)")
        #expect(results[0] < 6e-6 && results[1] < 6e-6 && results[2] < 2e-5)
        #expect(uncontrolled > 1e-5)
        #expect(flat < 1e-5)
    }

    /// Channel weights (ξ_{t,s} = Σ w_k(t)w_k(s) a_k q^k, V_t = Σ w_k(t) b_k m^k; every kernel of the sweep pairs two
    /// times): a constant weight w on channel 3 is the model with a₃ → w²a₃, b₃ → w b₃, to rounding; the
    /// landscape annealing of the spiked matrix-tensor model (w₃ = 1/(1 + (10/Δp)e^(−t/2)), Δ2 = 0.7, T = 1,
    /// m0 = 0.01) against the uniform grid (dt = 0.005) for 0.5 ≤ t ≤ 10: measured 5.2e-6 in e and 8e-7 in m; and a kinked ramp.
    @Test func followsChannelWeights() throws {
        let w = 0.7
        let model = try Model.mixed(noise: [(2, 0.6), (3, 0.5)], signal: [(2, 0.6), (3, 0.5)])
        let rescaled = try Model.mixed(noise: [(2, 0.6), (3, 0.5 * w * w)], signal: [(2, 0.6), (3, 0.5 * w)])
        let a = try GeometricGridSolver(pointsPerEfold: 8).solve(
            try DynamicsProblem(model: model, temperature: 0.2, m0: 0.3, tmax: 50, drive: DrivingProtocol(weights: [3: .constant(w)])))
        let b = try GeometricGridSolver(pointsPerEfold: 8).solve(try DynamicsProblem(model: rescaled, temperature: 0.2, m0: 0.3, tmax: 50))
        let same = zip(a.series.energy + a.series.m, b.series.energy + b.series.m).map { abs($0 - $1) }.max()!
        let anneal = try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.7, deltap: 1), temperature: 1, m0: 0.01, tmax: 10,
                                         drive: DrivingProtocol(weights: [3: .annealTensor(c: 10, tau: 2, deltap: 1)]))
        let d = Self.seriesDifference(try GeometricGridSolver().solve(anneal), try UniformGridSolver(dt: 0.005).solve(anneal), from: 0.5, to: 10)
        // A kinked ramp w₃ = 0.5 → 1 over 0 ≤ t ≤ 5 (p = 3, T = 0.5): the kink at s = 5 is a panel boundary of every
        // integral. Measured at K = 32: 2.7e-6 (1.4e-5 with panels across it, which converged slowly in K).
        let ramp = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 10,
                                       drive: DrivingProtocol(weights: [3: .linear(from: 0.5, to: 1, until: 5)]))
        let r = Self.seriesDifference(try GeometricGridSolver(pointsPerEfold: 32).solve(ramp), try UniformGridSolver(dt: 0.005).solve(ramp),
                                      from: 0.5, to: 10)
        print("geometric channel weights: constant weight against the rescaled model \(same); annealing against uniform: e \(d.e), m \(d.m); kinked ramp at K = 32: e \(r.e)")
        #expect(same < 1e-12)
        #expect(d.e < 1e-5 && d.m < 1e-5)
        #expect(r.e < 6e-6)
    }

    /// The sweep's integrals are split over threads by target, each computed the same way.
    @Test func threadCountDoesNotChangeTheSolution() throws {
        let problem = try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.5, deltap: 1),
                                          temperature: 0, m0: 1e-3, tmax: 50)
        let one = try GeometricGridSolver(threads: 1).solve(problem), two = try GeometricGridSolver(threads: 2).solve(problem)
        #expect(one.series.energy == two.series.energy && one.series.m == two.series.m && one.C == two.C)
    }

    /// Faster than second order in 1/K once the transient is over: the energy at t = 300 for K = 8, 16, 32,
    /// the ratio of successive differences 6–8 (the quadrature and the lag difference are third order; the
    /// BDF2 step's own second-order error is smaller). Trapezoid sums or a two-point lag difference bring it
    /// down to 4, a first-order piece (a copied band, a coarse cell next to the diagonal) to 2 or less.
    @Test func convergesFasterThanSecondOrderInPointsPerEfold() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 300)
        let e = try [8, 16, 32].map { try GeometricGridSolver(pointsPerEfold: $0).solve(problem).series.energy.last! }
        let ratio = (e[0] - e[1]) / (e[1] - e[2])
        print("geometric p = 3, T = 0.5, e(300) at K = 8, 16, 32: \(e), ratio \(ratio)")
        #expect(ratio > 5 && ratio < 12)
    }

    /// The spiked matrix model below its BBP threshold: gapless aging, m decaying like a column
    /// C(t, 0) at the rate 3/(4t) that the equations get from a cancellation of O(1) terms. The coarsening
    /// grid's relative error of m at t = 10⁴ is +0.56 at window 512; here it is measured at 2.6e-4.
    @Test func subcriticalSpikedMatrixOverlapAgainstTheExactSolution() throws {
        let delta2 = 1.5, m0 = 1e-6
        let problem = try DynamicsProblem(model: try Model.spikedMatrix(delta2: delta2), temperature: 0, m0: m0, tmax: 1e4)
        let s = try GeometricGridSolver().solve(problem)
        var worst = 0.0, late = 0.0
        for (t, m) in zip(s.series.t, s.series.m) where t >= 1 {
            let err = abs(m / ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: t) - 1)
            worst = max(worst, err)
            if t >= 100 { late = max(late, err) }
        }
        print("geometric spiked matrix Δ2 = 1.5: max relative error of m for t ≥ 1: \(worst), t ≥ 100: \(late)")
        #expect(late < 1e-3)
    }

    /// The spiked matrix model above its BBP threshold (Δ2 = 0.7), gradient flow from m0 = 10⁻⁴: m grows
    /// exponentially for 8.6 e-folds, then saturates at √(1 − Δ2). A relative error of m made during the growth is
    /// carried to the end, which is why the step control on m is relative (equations/geometric-grid.md §3).
    @Test func supercriticalSpikedMatrixOverlapAgainstTheExactSolution() throws {
        let delta2 = 0.7, m0 = 1e-4
        let problem = try DynamicsProblem(model: try Model.spikedMatrix(delta2: delta2), temperature: 0, m0: m0, tmax: 300)
        func worst(_ solver: GeometricGridSolver) throws -> (relative: Double, absolute: Double, rows: Int) {
            let s = try solver.solve(problem)
            var relative = 0.0, absolute = 0.0
            for (t, m) in zip(s.series.t, s.series.m) where t >= 1 {
                let exact = ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: t)
                relative = max(relative, abs(m / exact - 1)); absolute = max(absolute, abs(m - exact))
            }
            return (relative, absolute, s.series.t.count)
        }
        let (controlled, off) = (try worst(GeometricGridSolver()), try worst(GeometricGridSolver(stepTolerance: 0)))
        print("geometric spiked matrix Δ2 = 0.7: max relative, absolute error of m for t ≥ 1 and rows, with and without control: \(controlled), \(off)")
        // Measured 6.8e-4 (941 rows), 7.3e-3 without control (608 rows) and 3.6e-3 with the former absolute
        // control |m − m_pred| ≤ δm (650 rows). The bound is BDF2's (2/9)·δm per e-fold at full tolerance, over 8.6 e-folds.
        #expect(controlled.relative < 1.5e-3)
        #expect(off.relative > 5e-3)
    }

    /// An escape (spiked matrix-tensor, p = 3, Δ2 = 0.45, Δp = 1, gradient flow from m0 = 1e-6): m goes from 0.1
    /// to 0.8 in about 20 time units near t = 200, where the step t/K is 12 at K = 16. The step control on m
    /// shortens the steps there and through the plateau before it, where m grows by 12 e-folds from 10⁻⁶.
    /// Measured: the energy, which gradient flow must lower, rises by 8e-7 at K = 16 (0.1 with the control off
    /// at this horizon, which this test also checks), and m = 1/2 is crossed at 210.08 (K = 8) and 209.83 (K = 16)
    /// against 209.80 from the uniform grid at dt = 0.1, 0.05, 0.025 (191.5, 207.6, 209.5) extrapolated at
    /// third order. The former absolute control on m (δm = 10⁻³ on |m − m_pred|) crossed at 209.43 (K = 16).
    @Test func escapesAreResolvedByTheStepControl() throws {
        let problem = try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.45, deltap: 1),
                                          temperature: 0, m0: 1e-6, tmax: 300)
        func run(_ k: Int, stepTolerance: Double) throws -> (crossing: Double, rise: Double) {
            let s = try GeometricGridSolver(pointsPerEfold: k, stepTolerance: stepTolerance).solve(problem)
            let crossing = try #require(Crossings.firstPassage(t: s.series.t, y: s.series.m, level: 0.5))
            return (crossing, s.series.energyRise()?.height ?? 0)
        }
        let (coarse, fine, off) = (try run(8, stepTolerance: 1e-3), try run(16, stepTolerance: 1e-3), try run(16, stepTolerance: 0))
        print("geometric escape, Δ2 = 0.45: crossing of m = 1/2 and energy rise at K = 8, 16, and 16 without control: \(coarse), \(fine), \(off)")
        #expect(abs(fine.crossing - 209.8) < 0.15 && abs(coarse.crossing - 209.8) < 0.5)
        #expect(fine.rise < 1e-5 && coarse.rise < 1e-4)
        #expect(off.rise > 0.01)
    }

    @Test func refusesWhatItDoesNotIntegrate() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 10)
        #expect(throws: DMFTError.self) { try GeometricGridSolver(pointsPerEfold: 3).solve(problem) }
        #expect(throws: DMFTError.self) { try GeometricGridSolver(h0: 0).solve(problem) }
        #expect(throws: DMFTError.self) { try GeometricGridSolver(stepTolerance: -1).solve(problem) }
    }
}
