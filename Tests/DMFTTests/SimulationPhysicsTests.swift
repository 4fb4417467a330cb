import Foundation
import Testing
import DMFT

/// Finite-N simulations and AMP against the N → ∞ theory. Serialized: each test already uses both
/// cores, and timings of parallel tests would fight over them.
@Suite(.serialized) struct SimulationPhysicsTests {
    @Test func pureP3GradientFlowEnergyMatchesDMFTAtN256() throws {
        let model = try Model.pspin(p: 3)
        let problem = try DynamicsProblem(model: model, temperature: 0, m0: 0, tmax: 20)
        let dmft = try UniformGridSolver(dt: 0.05).solve(problem)
        // dt = 0.1: Heun's O(dt²) error is far below the O(N^{-1/2}) sample spread.
        let sim = try LangevinSimulation(size: 256, samples: 6, dt: 0.1, recordEvery: 1, seed: 2024).run(problem)
        for t in [1.0, 2, 5, 10, 20] {
            let k = sim.times.firstIndex { abs($0 - t) < 1e-9 }!
            let e = sim.energy.mean[k], err = sim.energy.error[k]
            let reference = dmft.series.interpolate(\.energy, at: t)
            #expect(abs(e - reference) < 3 * err + 2.0 / 256,
                    "t = \(t): simulation e = \(e) ± \(err), DMFT \(reference)")
        }
    }

    @Test func spikedMatrixTensorOverlapExtrapolatesToDMFT() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        // m0 = 0.2: the DMFT overlap leaves the unstable region by t ≈ 1, so short runs see the escape.
        let problem = try DynamicsProblem(model: model, temperature: 0, m0: 0.2, tmax: 2)
        let dmft = try UniformGridSolver(dt: 0.025).solve(problem)
        let runs = try [(64, 128), (128, 64), (256, 32)].map { n, samples in
            try LangevinSimulation(size: n, samples: samples, dt: 0.025, recordEvery: 0.25, seed: 17).run(problem)
        }
        for t in [0.5, 1.0, 2.0] {
            let k = runs[0].times.firstIndex { abs($0 - t) < 1e-9 }!
            let fit = try FiniteSizeExtrapolation(sizes: runs.map(\.size), values: runs.map { $0.m.mean[k] },
                                                  errors: runs.map { $0.m.error[k] })
            let reference = dmft.series.interpolate(\.m, at: t)
            #expect(abs(fit.discrepancy(from: reference)) < 3,
                    "t = \(t): m(N→∞) = \(fit.value) ± \(fit.error), DMFT \(reference)")
        }
    }

    @Test func ampOverlapFollowsStateEvolutionAtN256() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let amp = AMPRun(size: 256, samples: 32, iterations: 12, initialOverlap: 0.3, seed: 5)
        let r = try amp.run(model: model)
        for t in 0...12 {
            let prediction = r.stateEvolution[t].squareRoot()
            let err = max(r.normalisedOverlap.error[t], 1e-12)
            #expect(abs(r.normalisedOverlap.mean[t] - prediction) < 3 * err + 1.0 / 256,
                    "iteration \(t): AMP \(r.normalisedOverlap.mean[t]) ± \(err), state evolution \(prediction)")
        }
        // The fixed point solves m² + 1.5 m − 1.5 = 0 for Δ2 = 0.4, Δp = 1, p = 3.
        let fixedPoint = (-1.5 + (2.25 + 6.0).squareRoot()) / 2
        #expect(abs(r.stateEvolution[12] - fixedPoint) < 1e-3)
    }

    @Test func finiteSizeFitRecoversALinearLawInInverseN() throws {
        let sizes = [32, 64, 128, 256]
        let fit = try FiniteSizeExtrapolation(sizes: sizes, values: sizes.map { 0.8 - 3 / Double($0) },
                                              errors: [0.01, 0.01, 0.02, 0.02])
        #expect(abs(fit.value - 0.8) < 1e-12 && abs(fit.slope + 3) < 1e-10 && fit.chiSquared < 1e-20)
    }

    @Test func badSimulationInputIsRejected() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), tmax: 1)
        #expect(throws: DMFTError.self) { try LangevinSimulation(size: 2, samples: 1, dt: 0.1).validate(for: problem) }
        #expect(throws: DMFTError.self) { try LangevinSimulation(size: 16, samples: 0, dt: 0.1).validate(for: problem) }
        #expect(throws: DMFTError.self) { try LangevinSimulation(size: 16, samples: 1, dt: 0).validate(for: problem) }
        #expect(throws: DMFTError.self) { try LangevinSimulation(size: 100_000, samples: 1, dt: 0.1).validate(for: problem) }
        #expect(throws: DMFTError.self) { try AMPRun(size: 16, samples: 1).validate(for: try Model.pspin(p: 3)) }
    }
}
