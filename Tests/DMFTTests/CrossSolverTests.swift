import Foundation
import Testing
import DMFT

/// Two independent solvers of the same physics must agree: the two-time integrator started in
/// equilibrium (or equilibrated from a random start) and the stationary FFT solver (REFERENCE §4).
@Suite struct CrossSolverTests {
    static let equilibrium: EquilibriumSolution = {
        let problem = try! EquilibriumProblem(model: try! Model.pspin(p: 3), temperature: 0.8, tmax: 200)
        return try! StationarySolver().solve(problem)
    }()

    @Test func startFromEquilibriumMatchesTheStationarySolver() throws {
        // T = T′ = 0.8 > T_d: C(t_w + τ, t_w) = C_eq(τ) for every t_w. Richardson extrapolation of
        // dt = 0.05, 0.025 takes the two-time solver's O(dt³) error (3e-5 at dt = 0.025) out.
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.8, tmax: 60,
                                          drive: DrivingProtocol(initialTemperature: 0.8))
        let coarse = try UniformGridSolver(dt: 0.05).solve(problem)
        let fine = try UniformGridSolver(dt: 0.025).solve(problem)
        var worst = 0.0
        for tw in [0.0, 10.0] {
            for tau in stride(from: 0.5, through: 50.0, by: 0.5) {
                let c = (8 * fine.correlation(tw + tau, tw) - coarse.correlation(tw + tau, tw)) / 7
                worst = max(worst, abs(c - Self.equilibrium.correlation(at: tau)))
            }
        }
        #expect(worst < 1e-4, "max |C(t_w+τ,t_w) − C_eq(τ)| = \(worst)")
    }

    @Test func randomStartEquilibratesAboveTd() throws {
        // From a random start at T = 0.8 (p = 3) the dynamics forgets its start: at t_w = 100,
        // C(t_w + τ, t_w) is the stationary solver's C(τ) to 1e-4 for τ ≤ 50 (issue: equilibrium).
        // Richardson extrapolation of dt = 0.05, 0.025 removes the O(dt³) error (~3e-4 at dt = 0.05).
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.8, tmax: 150)
        let coarse = try UniformGridSolver(dt: 0.05).solve(problem)
        let fine = try UniformGridSolver(dt: 0.025).solve(problem)
        var worst = 0.0
        for tau in stride(from: 0.5, through: 50.0, by: 0.5) {
            let c = (8 * fine.correlation(100 + tau, 100) - coarse.correlation(100 + tau, 100)) / 7
            worst = max(worst, abs(c - Self.equilibrium.correlation(at: tau)))
        }
        #expect(worst < 1e-4, "max |C(100+τ,100) − C_eq(τ)| = \(worst)")
        // …and its energy relaxes to the equilibrium value −ξ(1)/T.
        #expect(abs(fine.series.energy.last! - (-0.5 / 0.8)) < 1e-4)
    }
}
