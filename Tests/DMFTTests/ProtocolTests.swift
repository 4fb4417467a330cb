import Foundation
import Testing
import DMFT

/// Protocols of REFERENCE §2: temperature schedules, channel weights, starts from equilibrium.
@Suite struct ProtocolTests {
    @Test func constantScheduleReproducesConstantTemperatureBitForBit() throws {
        let model = try Model.pspin(p: 3)
        let plain = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: model, temperature: 0.5, tmax: 10))
        let scheduled = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: model, temperature: 0.123, tmax: 10,
                                drive: DrivingProtocol(temperature: .constant(0.5))))
        #expect(plain.C == scheduled.C && plain.R == scheduled.R && plain.series == scheduled.series)
    }

    @Test func unitChannelWeightsReproduceTheUnweightedRun() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let problem = try DynamicsProblem(model: model, temperature: 0.3, m0: 0.2, tmax: 10)
        let plain = try UniformGridSolver(dt: 0.05).solve(problem)
        let weighted = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: model, temperature: 0.3, m0: 0.2, tmax: 10,
                                drive: DrivingProtocol(weights: [2: .constant(1), 3: .linear(from: 1, to: 1, until: 5)])))
        let worst = zip(plain.C.storage, weighted.C.storage).map { abs($0 - $1) }.max()!
        let worstM = zip(plain.series.m, weighted.series.m).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-12 && worstM < 1e-12, "ΔC = \(worst), Δm = \(worstM)")
    }

    @Test func weightedChannelIsTheSameAsRescaledCoefficients() throws {
        // A constant weight w on the degree-3 channel is ξ's a₃ → w² a₃ and V's b₃ → w b₃.
        let w = 0.7
        let model = try Model.mixed(noise: [(2, 0.6), (3, 0.5)], signal: [(2, 0.6), (3, 0.5)])
        let rescaled = try Model.mixed(noise: [(2, 0.6), (3, 0.5 * w * w)], signal: [(2, 0.6), (3, 0.5 * w)])
        let a = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: model, temperature: 0.2, m0: 0.3, tmax: 8,
                                drive: DrivingProtocol(weights: [3: .constant(w)])))
        let b = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: rescaled, temperature: 0.2, m0: 0.3, tmax: 8))
        let worst = zip(a.C.storage, b.C.storage).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-12)
        #expect(abs(a.series.energy.last! - b.series.energy.last!) < 1e-12)
    }

    @Test func startFromEquilibriumAboveTdIsStationary() throws {
        // p = 3, T = T′ = 0.8 > T_d = 0.612: C(t_w + τ, t_w) must not depend on t_w. At dt = 0.025 the
        // discretisation error is ~3e-5 (it is ~3e-4 at dt = 0.05 and shrinks like dt³).
        let dt = 0.025
        let sol = try UniformGridSolver(dt: dt).solve(
            try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.8, tmax: 50,
                                drive: DrivingProtocol(initialTemperature: 0.8)))
        var worst = 0.0
        for tw in [10.0, 20.0, 30.0] {
            for tau in stride(from: 0.5, through: 20.0, by: 0.5) {
                let i = Int((tw / dt).rounded()), k = Int(((tw + tau) / dt).rounded())
                worst = max(worst, abs(sol.C[k, i] - sol.C[Int((tau / dt).rounded()), 0]))
            }
        }
        #expect(worst < 1e-4, "max |C(t_w+τ,t_w) − C(τ,0)| = \(worst)")
        // The energy of the equilibrium state at T′: e = −ξ(1)/T′ (REFERENCE §4 with X = 1), constant.
        for e in sol.series.energy { #expect(abs(e - (-0.5 / 0.8)) < 1e-4) }
    }

    @Test func quenchFromEquilibriumStaysBelowTheRandomStart() throws {
        let model = try Model.pspin(p: 3)
        let random = try UniformGridSolver(dt: 0.05).solve(try DynamicsProblem(model: model, temperature: 0, tmax: 30))
        let quench = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: model, temperature: 0, tmax: 30, drive: DrivingProtocol(initialTemperature: 0.8)))
        for k in 1..<random.series.count {
            #expect(quench.series.energy[k] < random.series.energy[k])
        }
        #expect(abs(quench.series.energy[0] - (-0.5 / 0.8)) < 1e-12)
    }

    @Test func temperatureScheduleEntersOnlyThroughTheMultiplier() throws {
        // With T(t) ramping, C(t,t) = 1 must still hold and μ(0) = T(0) (+ V′m m = 0 here).
        let sol = try UniformGridSolver(dt: 0.05).solve(
            try DynamicsProblem(model: try Model.pspin(p: 3), tmax: 10,
                                drive: DrivingProtocol(temperature: .exponential(from: 2, to: 0.5, tau: 3))))
        #expect(abs(sol.series.mu[0] - 2) < 1e-12)
        for k in 0..<sol.grid.count { #expect(sol.C[k, k] == 1) }
    }

    @Test func badProtocolsAreRefused() throws {
        let model = try Model.pspin(p: 3)
        #expect(throws: DMFTError.self) {
            try DynamicsProblem(model: model, tmax: 10, drive: DrivingProtocol(temperature: .linear(from: 1, to: -1, until: 5)))
        }
        #expect(throws: DMFTError.self) {
            try DynamicsProblem(model: model, tmax: 10, drive: DrivingProtocol(weights: [4: .constant(1)]))
        }
        #expect(throws: DMFTError.self) {
            try DynamicsProblem(model: model, tmax: 10, drive: DrivingProtocol(temperature: .table(t: [0, 5], values: [1, 1])))
        }
        #expect(throws: DMFTError.self) {
            try DynamicsProblem(model: try Model.spikedMatrix(delta2: 0.5), tmax: 10,
                                drive: DrivingProtocol(initialTemperature: 1))
        }
        #expect(throws: DMFTError.self) { try Schedule.parse("exp:from=1,to=2", name: "temperature-schedule") }
        #expect(throws: DMFTError.self) { try Schedule.parse("cosine:a=1", name: "temperature-schedule") }
    }
}
