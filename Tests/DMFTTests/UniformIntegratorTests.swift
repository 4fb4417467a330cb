import Foundation
import Testing
import DMFT

/// The uniform-grid integrator against the exact p = 2 solution, fixed points and invariants.
@Suite struct UniformIntegratorTests {
    static func solveP2(temperature: Double, dt: Double, tmax: Double = 4) throws -> Solution {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 2), temperature: temperature, tmax: tmax)
        return try UniformGridSolver(dt: dt).solve(problem)
    }

    /// max |DMFT − exact| of C, R and e over t, t′ ∈ {0, 0.5, …, 4}.
    static func errors(_ sol: Solution, _ exact: ExactP2) -> (C: Double, R: Double, e: Double) {
        var ec = 0.0, er = 0.0, ee = 0.0
        let checkpoints = stride(from: 0.0, through: 4.0, by: 0.5).map { $0 }
        for t in checkpoints {
            let k = Int((t / sol.grid[1]).rounded())
            ee = max(ee, abs(sol.series.energy[k] - exact.energy(t)))
            for tp in checkpoints where tp <= t {
                let j = Int((tp / sol.grid[1]).rounded())
                ec = max(ec, abs(sol.C[k, j] - exact.correlation(t, tp)))
                if j < k { er = max(er, abs(sol.R[k, j] - exact.response(t, tp))) }
            }
        }
        return (ec, er, ee)
    }

    @Test(arguments: [0.0, 0.5, 1.5])
    func p2ExactCorrelationResponseAndEnergy(temperature: Double) throws {
        // ξ = q²/2 is Δ2 = 1 (pspin p=2 in the Crisanti–Sommers normalisation).
        let exact = ExactP2(delta2: 1, temperature: temperature)
        let fine = try Self.errors(Self.solveP2(temperature: temperature, dt: 0.01), exact)
        #expect(fine.C < 1e-6 && fine.R < 1e-6 && fine.e < 1e-6, "errors at dt=0.01: \(fine)")
        // Observed order from dt = 0.04 → 0.02 → 0.01: a second-order scheme would give log2 ≈ 2.
        let coarse = try Self.errors(Self.solveP2(temperature: temperature, dt: 0.04), exact)
        let middle = try Self.errors(Self.solveP2(temperature: temperature, dt: 0.02), exact)
        for (a, b) in [(coarse.C, middle.C), (middle.C, fine.C), (coarse.e, middle.e), (middle.e, fine.e)] {
            #expect(log2(a / b) > 2.6, "observed order \(log2(a / b)) is below 3 − 0.4")
        }
    }

    @Test func p2ComparisonHalvesTheErrorEightfoldPerHalvingOfDt() throws {
        // ExactP2Comparison (dmft solve --compare-exact) at T > 0 with a coarse step: checkpoints on
        // the diagonal once made the exact C's quadrature take the square root of −1e-16 and trap.
        let problem = try DynamicsProblem(model: try Model.pspin(p: 2), temperature: 0.5, tmax: 4)
        let exact = try #require(ExactP2Comparison.reference(for: problem))
        #expect(abs(exact.correlation(3.8, 3.8) - 1) < 1e-9)
        let coarse = ExactP2Comparison(solution: try Self.solveP2(temperature: 0.5, dt: 0.0625), exact: exact)
        let fine = ExactP2Comparison(solution: try Self.solveP2(temperature: 0.5, dt: 0.03125), exact: exact)
        #expect(coarse.stride == 4 && fine.stride == 8 && coarse.twoTime.count == fine.twoTime.count)
        for (a, b) in [(coarse.maxErrorC, fine.maxErrorC), (coarse.maxErrorR, fine.maxErrorR),
                       (coarse.maxErrorEnergy, fine.maxErrorEnergy)] {
            #expect(log2(a / b) > 2.6, "observed order \(log2(a / b)) is below 3 − 0.4")
        }
        // Not the solvable case: a cubic term in ξ.
        #expect(ExactP2Comparison.reference(for: try DynamicsProblem(model: try Model.pspin(p: 3), tmax: 1)) == nil)
    }

    @Test func sphericalConstraintAndPureSpinMultiplierIdentity() throws {
        // C(t,t) = 1 exactly, and for pure p-spin at T = 0, μ(t) = −p e(t) (REFERENCE §2).
        let sol = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0, tmax: 20))
        for k in 0..<sol.grid.count { #expect(sol.C[k, k] == 1) }
        var worst = 0.0
        for k in 0..<sol.series.count { worst = max(worst, abs(sol.series.mu[k] + 3 * sol.series.energy[k])) }
        // Both sides use the same Gregory weights, so the identity holds to rounding.
        #expect(worst < 1e-12)
        // Gradient flow lowers the energy monotonically.
        for k in 1..<sol.series.count { #expect(sol.series.energy[k] <= sol.series.energy[k - 1] + 1e-12) }
    }

    @Test func spikedMatrixGradientFlowFollowsTheSpectralSolution() throws {
        let delta2 = 0.5, m0 = 1e-3
        let problem = try DynamicsProblem(model: try Model.spikedMatrix(delta2: delta2), temperature: 0,
                                          m0: m0, tmax: 20)
        let dt = 0.00625
        let sol = try UniformGridSolver(dt: dt).solve(problem)
        var worst = 0.0
        for t in stride(from: 1.0, through: 20.0, by: 1.0) {
            let k = Int((t / dt).rounded())
            let exact = ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: t)
            worst = max(worst, abs(sol.series.m[k] / exact - 1))
        }
        #expect(worst < 1e-5, "relative error of m(t): \(worst)")
        // BBP: m(∞) = √(1 − Δ2).
        let late = ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: 400)
        #expect(abs(late - (1 - delta2).squareRoot()) < 1e-3)
        #expect(abs(sol.series.m.last! - ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: 20)) < 1e-5)
    }

    @Test func spikedMatrixTensorGradientFlowReachesItsFixedPoint() throws {
        // p = 3, Δp = 1, 1/Δ2 = 2.5. The fixed point of REFERENCE §4 reduces (χ = m/V′(m)) to
        // V′(m)/m = m V′(m) + m ξ′(1)/V′(m), solved here by bisection on m ∈ (0.3, 1).
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let xi1 = model.xi1(1), xi2 = model.xi2(1)
        func residual(_ m: Double) -> Double {
            let v = model.v1(m)
            return v / m - m * v - m * xi1 / v
        }
        var lo = 0.3, hi = 0.999
        #expect(residual(lo) * residual(hi) < 0)
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if residual(lo) * residual(mid) <= 0 { hi = mid } else { lo = mid }
        }
        let m = 0.5 * (lo + hi)
        let chi = m / model.v1(m)
        let mu = 1 / chi + xi2 * chi
        let e = -model.signal(m) - chi * xi1
        // From m0 = 0.5 the flow settles by t ≈ 30. At dt = 0.0125 the discretised fixed point is off
        // by ~1e-5 (third order); Richardson extrapolation with dt = 0.025 removes the leading term.
        let problem = try DynamicsProblem(model: model, temperature: 0, m0: 0.5, tmax: 30)
        let coarse = try UniformGridSolver(dt: 0.025).solve(problem)
        let fine = try UniformGridSolver(dt: 0.0125).solve(problem)
        let extrapolated = Extrapolation.richardson(fine: fine.series, coarse: coarse.series, order: 3)
        let last = extrapolated.count - 1
        #expect(abs(extrapolated.m[last] - m) < 1e-5, "m: \(extrapolated.m[last]) vs \(m)")
        #expect(abs(extrapolated.mu[last] - mu) < 1e-5, "μ: \(extrapolated.mu[last]) vs \(mu)")
        #expect(abs(extrapolated.energy[last] - e) < 1e-5, "e: \(extrapolated.energy[last]) vs \(e)")
        // Without extrapolation the error shrinks like dt³.
        let ratio = abs(coarse.series.m.last! - m) / abs(fine.series.m.last! - m)
        #expect(ratio > 6 && ratio < 10, "error ratio dt/2: \(ratio)")
    }

    @Test func divergenceStopsWithTheLastFiniteState() throws {
        // dt far beyond the stability limit of the explicit predictor: the run must stop, report the
        // time, and keep only finite rows.
        let problem = try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.05, deltap: 0.05),
                                          temperature: 0, m0: 0.5, tmax: 200)
        let sol = try UniformGridSolver(dt: 1.5).solve(problem)
        guard case .diverged(let t) = sol.status else {
            Issue.record("expected divergence, got \(sol.status)")
            return
        }
        #expect(t > 0 && sol.finalTime < t)
        #expect(sol.C.storage.allSatisfy(\.isFinite) && sol.series.energy.allSatisfy(\.isFinite))
    }

    @Test func interpolationReproducesGridValuesAndIsSymmetric() throws {
        let sol = try Self.solveP2(temperature: 0.5, dt: 0.05, tmax: 2)
        #expect(sol.correlation(sol.grid[30], sol.grid[10]) == sol.C[30, 10])
        #expect(sol.correlation(0.73, 1.41) == sol.correlation(1.41, 0.73))
        #expect(sol.response(0.5, 1.0) == 0)
        let exact = ExactP2(delta2: 1, temperature: 0.5)
        // Off-grid points: interpolation error O(dt²).
        #expect(abs(sol.correlation(1.37, 0.52) - exact.correlation(1.37, 0.52)) < 1e-3)
    }
}
