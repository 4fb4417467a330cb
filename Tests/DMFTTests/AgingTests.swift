import Foundation
import Testing
import DMFT
import DMFTIO

/// Aging analysis on DMFT solutions, and the gradient-flow fixed point against the dynamics.
@Suite struct AgingTests {
    /// Spiked matrix-tensor p = 3, Δp = 1, 1/Δ2 = 2.5, gradient flow from m₀ = 0.1: the flow settles
    /// by t ≈ 30, so the remaining gap to the analytic fixed point is the O(dt³) discretisation error
    /// (7.6e-6 in m at dt = 0.0125); Richardson extrapolation of dt = 0.025, 0.0125 removes it.
    @Test func gradientFlowReachesAnalyticFixedPointOfSpikedMatrixTensor() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let fp = try #require(Asymptotics.gradientFlowFixedPoints(model).first { !$0.isThreshold })
        let problem = try DynamicsProblem(model: model, temperature: 0, m0: 0.1, tmax: 30)
        let coarse = try UniformGridSolver(dt: 0.025).solve(problem)
        let fine = try UniformGridSolver(dt: 0.0125).solve(problem)
        #expect(abs(coarse.series.m.last! - fp.m) < 1e-4)
        let x = Extrapolation.richardson(fine: fine.series, coarse: coarse.series, order: 3)
        #expect(abs(x.m.last! - fp.m) < 5e-6)
        #expect(abs(x.energy.last! - fp.energy) < 5e-6)
        #expect(abs(x.mu.last! - fp.mu) < 5e-6)
        // The flow stops at an isolated minimum (μ above the threshold edge), not at marginal states.
        #expect(x.mu.last! > Asymptotics.thresholdMu(model) + 0.1)
    }

    @Test func energyFitRecoversSyntheticPowerLaw() throws {
        let ts = (0..<200).map { pow(10, 1 + 2 * Double($0) / 199) }
        let exact = try Aging.fitPowerLaw(t: ts, e: ts.map { -1.2 + 0.7 * pow($0, -0.6) })
        #expect(abs(exact.eInfinity + 1.2) < 1e-8)
        #expect(abs(exact.amplitude - 0.7) < 1e-7)
        #expect(abs(exact.exponent - 0.6) < 1e-7)
        // A perturbation of 1e-5 must move the estimates by about their σ, not by orders more.
        let noisy = try Aging.fitPowerLaw(t: ts, e: ts.enumerated().map { k, t in
            -1.2 + 0.7 * pow(t, -0.6) + 1e-5 * sin(12.9898 * Double(k))
        })
        #expect(noisy.sigmaEInfinity > 0 && noisy.sigmaExponent > 0)
        #expect(abs(noisy.eInfinity + 1.2) < 5 * noisy.sigmaEInfinity)
        #expect(abs(noisy.exponent - 0.6) < 5 * noisy.sigmaExponent)
        #expect(noisy.sigmaEInfinity < 1e-4)
    }

    /// p = 3 at T = 0.8 > T_d = 0.612: equilibrium dynamics. τ_α here is ~20, so at t_w = 10 the
    /// curves still drift slightly; measured X(t_w = 10) = 0.987 and collapse exponent μ = 0.19.
    @Test func aboveDynamicalTransitionThereIsNoAging() throws {
        let model = try Model.pspin(p: 3)
        let solution = try UniformGridSolver(dt: 0.05).solve(try DynamicsProblem(model: model, temperature: 0.8, tmax: 40))
        let report = try Aging.analyse(solution)
        #expect(report.verdict == .noAging)
        let fdt = try #require(report.latestFDT)
        #expect(abs(fdt.X - 1) < 0.03)
        #expect(report.collapse.mu < 0.4)
        #expect(report.collapse.stationarySpread < report.collapse.simpleAgingSpread)
    }

    /// p = 3 at T = 0.5 < T_d: Cugliandolo–Kurchan aging. Finite t_w biases X and q_EA upwards;
    /// measured to t = 100: X ≈ 0.58 and q ≈ 0.69 against 0.565 and 0.639, and μ ≈ 0.8.
    @Test func belowDynamicalTransitionAgingApproachesCugliandoloKurchan() throws {
        let model = try Model.pspin(p: 3)
        let solution = try UniformGridSolver(dt: 0.1).solve(try DynamicsProblem(model: model, temperature: 0.5, tmax: 100))
        let report = try Aging.analyse(solution)
        let ck = try #require(Asymptotics.cugliandoloKurchan(model, temperature: 0.5))
        #expect(report.verdict == .aging)
        let fdt = try #require(report.latestFDT)
        #expect(abs(fdt.X - ck.X) < 0.05)
        #expect(fdt.q > ck.qEA && fdt.q < ck.qEA + 0.08)
        #expect(report.collapse.mu > 0.6)
        #expect(report.collapse.simpleAgingSpread < report.collapse.stationarySpread)
    }

    /// The departure estimator of q_EA (equations/asymptotics.md §6) on the broken line it assumes:
    /// Tχ = 1 − C above q, 1 − q + X(q − C) below. Its shift δ/(1 − X) is exact there, so q comes back
    /// to rounding; the two-line fit must agree.
    @Test func departureFromFDTRecoversTheBreakOfABrokenLine() throws {
        let (T, q, X) = (0.5, 0.6388, 0.5654)
        let cs = (0..<2000).map { 1 - 0.9 * Double($0) / 1999 }
        let chi = cs.map { c in (c >= q ? 1 - c : 1 - q + X * (q - c)) / T }
        let curve = Aging.Curve(tw: 1, tau: cs.indices.map(Double.init), C: cs, chi: chi)
        let fit = try #require(Aging.fitFDT(curve, temperature: T, floor: 0.02))
        #expect(fit.departureLevel == Aging.minimumDepartureLevel)
        #expect(abs(try #require(fit.qDeparture) - q) < 1e-9)
        #expect(abs(fit.q - q) < 1e-4 && abs(fit.X - X) < 1e-6)
    }

    /// Issue 5's check: p = 3 at T = 0.5 to t = 10⁵ (window 1024, band 8, ≈ 80 s), FD plot at
    /// t_w = 10⁴. Measured: q_EA (departure) 0.6365, X 0.5507, e∞ (fit over the last 1.5 decades)
    /// against CK 0.638824, 0.565376, −0.886693. The two-line breakpoint, 0.6321, misses q by 6.7e-3:
    /// the aging part is not straight yet at t_w = 10⁴ (asymptotics.md §6).
    @Test func longRunReachesCugliandoloKurchanPlateauAndSlope() throws {
        let model = try Model.pspin(p: 3)
        let problem = try DynamicsProblem(model: model, temperature: 0.5, tmax: 1e5)
        let solution = try CoarseningGridSolver(window: 1024, bandCells: 8, waitingTimes: [1e4]).solve(problem)
        #expect(solution.solverSettings["unconverged_rows"] == 0)
        let ck = try #require(Asymptotics.cugliandoloKurchan(model, temperature: 0.5))
        let report = try Aging.analyse(solution, settings: Aging.Settings(waitingTimes: [1e4]))
        let fdt = try #require(report.latestFDT)
        let q = try #require(fdt.qDeparture)
        print("T = 0.5, window 1024, t_w = 1e4: q_EA = \(q) (breakpoint \(fdt.q)), X = \(fdt.X), e∞ = \(report.energy?.eInfinity ?? .nan)")
        #expect(abs(q - ck.qEA) < 5e-3)
        #expect(abs(fdt.X - ck.X) < 0.03)
        let energy = try #require(report.energy)
        #expect(abs(energy.eInfinity - ck.energy) < 1e-3)
    }

    /// The analysis reads a solution only through interpolation, so the same dynamics stored on a
    /// coarsened (non-uniform) grid must give the same answers up to the interpolation error.
    @Test func agingAnalysisIsGridIndependentOnNonUniformGrid() throws {
        let model = try Model.pspin(p: 3)
        let uniform = try UniformGridSolver(dt: 0.05).solve(try DynamicsProblem(model: model, temperature: 0.5, tmax: 40))
        // Keep every point up to t = 5, every 2nd up to 20, every 4th after: a Kim–Latz-like grid.
        var keep: [Int] = []
        for (k, t) in uniform.grid.enumerated() where t <= 5 || (t <= 20 && k % 2 == 0) || k % 4 == 0 {
            keep.append(k)
        }
        if keep.last != uniform.grid.count - 1 { keep.append(uniform.grid.count - 1) }
        var C = TriangularArray(count: keep.count), R = TriangularArray(count: keep.count)
        for (i, a) in keep.enumerated() { for (j, b) in keep[0...i].enumerated() { C[i, j] = uniform.C[a, b]; R[i, j] = uniform.R[a, b] } }
        let s = uniform.series
        let series = TimeSeries(t: keep.map { s.t[$0] }, m: keep.map { s.m[$0] },
                                energy: keep.map { s.energy[$0] }, mu: keep.map { s.mu[$0] })
        let coarse = Solution(problem: uniform.problem, grid: keep.map { uniform.grid[$0] }, C: C, R: R,
                              series: series, status: .completed, solverName: "subsampled", solverSettings: [:])
        let settings = Aging.Settings(waitingTimes: [2, 4, 8])
        let a = try Aging.analyse(uniform, settings: settings), b = try Aging.analyse(coarse, settings: settings)
        // Tolerances are the O(h²) error of trapezoidal χ = ∫R at h = 0.2 across the fast decay of R
        // (R′(0⁺) = −μ ≈ −3): measured max |Δχ| = 0.020, |ΔC| = 1.4e-3, |ΔX| ≤ 0.023.
        for (x, y) in zip(a.fdt, b.fdt) {
            #expect(abs(x.X - y.X) < 0.03)
        }
        #expect(abs(a.collapse.simpleAgingSpread - b.collapse.simpleAgingSpread) < 5e-3)
        var dC = 0.0, dChi = 0.0
        for (x, y) in zip(a.curves, b.curves) {
            for i in x.C.indices { dC = max(dC, abs(x.C[i] - y.C[i])); dChi = max(dChi, abs(x.chi[i] - y.chi[i])) }
        }
        print("non-uniform grid: max |ΔC| = \(dC), max |Δχ| = \(dChi), ΔX = \(zip(a.fdt, b.fdt).map { $0.X - $1.X })")
        #expect(dC < 2e-3)
        #expect(dChi < 0.03)
    }

    /// On the coarsening grid an early t_w is dropped from the window, so C(t_w+τ, t_w) read from the
    /// final window alone is wrong; the followed column (`--waiting-times`, aging.csv) carries it at
    /// every step, and the analysis must read it, also from a run directory.
    @Test func agingAnalysisReadsFollowedColumnsOfCoarseningGrid() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 60)
        let uniform = try UniformGridSolver(dt: 0.025).solve(problem)
        let adaptive = try CoarseningGridSolver(window: 128, h0: 0.01, waitingTimes: [1, 8]).solve(problem)
        #expect(adaptive.waitingTimeColumns.map(\.tw) == [1, 8])
        var windowOnly = adaptive
        windowOnly.waitingTimeColumns = []
        let settings = Aging.Settings(waitingTimes: [1, 8])
        func worst(_ s: Solution) -> (C: Double, chi: Double) {
            var dC = 0.0, dChi = 0.0
            for curve in Aging.curves(s, waitingTimes: [1, 8], settings: settings) {
                for (k, tau) in curve.tau.enumerated() where curve.tw + tau <= uniform.finalTime {
                    dC = max(dC, abs(curve.C[k] - uniform.correlation(curve.tw + tau, curve.tw)))
                    dChi = max(dChi, abs(curve.chi[k] - uniform.integratedResponse(curve.tw + tau, curve.tw)))
                }
            }
            return (dC, dChi)
        }
        let followed = worst(adaptive), window = worst(windowOnly)
        print("followed columns: max |ΔC| = \(followed.C), |Δχ| = \(followed.chi); window only: \(window.C), \(window.chi)")
        #expect(followed.C < 5e-3 && followed.chi < 5e-3)
        #expect(window.C > 10 * followed.C)
        // The default waiting times of the analysis are the followed ones.
        #expect(try Aging.analyse(adaptive).waitingTimes == [1, 8])
        // Through a run directory: aging.csv is read back into the same columns.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-aging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try OutputDirectory(dir)
        try RunDirectory.write(adaptive, to: out, command: "test", extra: [:])
        let cols = adaptive.waitingTimeColumns
        try out.write(CSVTable(columns: [("t_w", cols.flatMap { c in c.t.map { _ in c.tw } }), ("t", cols.flatMap(\.t)),
                                         ("C", cols.flatMap(\.C)), ("chi", cols.flatMap(\.chi))]), to: "aging.csv")
        try out.commit()
        #expect(try RunDirectory.read(dir).waitingTimeColumns == cols)
    }

    @Test func waitingTimesBeyondTheRunAreRejected() throws {
        let solution = try UniformGridSolver(dt: 0.1).solve(try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 2))
        #expect(throws: DMFTError.self) { try Aging.analyse(solution, settings: Aging.Settings(waitingTimes: [5])) }
        #expect(throws: DMFTError.self) { try Aging.fitPowerLaw(t: [1, 2], e: [0, 0]) }
    }
}
