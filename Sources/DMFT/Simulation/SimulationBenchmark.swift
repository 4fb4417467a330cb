/// The reference timing case of the finite-N simulator, for `dmft bench`.
///
/// Defaults are the case: spiked matrix-tensor p = 3, Δ2 = 0.4, Δp = 1, T = 0, m0 = 1e-3,
/// N = 256, 32 samples, t = 100, dt = 0.01 — 10⁴ Heun steps, 2·10⁴ + 1 tensor contractions per
/// sample. Arguments let a caller run a shorter version; the work scales linearly in samples·tmax/dt.
public enum SimulationBenchmark {
    public struct Figures: Sendable {
        public let wallSeconds: Double
        public let gflopsPerSecond: Double
        /// Total floating-point operations counted (force evaluations).
        public let gflops: Double
        public let result: SimulationResult
    }

    public static func run(size: Int = 256, samples: Int = 32, tmax: Double = 100, dt: Double = 0.01,
                           seed: UInt64 = 7, threads: Int = 2) throws -> Figures {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let problem = try DynamicsProblem(model: model, temperature: 0, m0: 1e-3, tmax: tmax)
        let simulation = LangevinSimulation(size: size, samples: samples, dt: dt, seed: seed, threads: threads)
        let result = try simulation.run(problem)
        return Figures(wallSeconds: result.wallSeconds, gflopsPerSecond: result.gflopsPerSecond,
                       gflops: result.flops / 1e9, result: result)
    }
}
