import Foundation

/// Speed and accuracy of `StationarySolver`, for `dmft bench`.
///
/// `run()` times one solve to `tmax` (default: p = 3 at T = 0.62 to τ = 1e9, the target being
/// under 10 s), measures its error against a converged reference (the same problem at 4N, whose
/// own error is ~16× smaller), and measures how the work of one grid doubling grows with N, with
/// FFT memory sums and with direct sums of the same scheme.
public enum EquilibriumBenchmark {
    public struct Timing: Sendable {
        public var halfBlock: Int
        /// Wall seconds per doubling, FFT memory sums.
        public var fftSeconds: Double
        /// Wall seconds per doubling, direct O(N²) memory sums.
        public var directSeconds: Double
    }

    public struct Result: Sendable {
        public var horizon: Double
        public var wallSeconds: Double
        /// max over 300 log-spaced τ ∈ [1e-3, horizon] of |C − C_reference|.
        public var maxCorrelationError: Double
        /// |τ_α/τ_α,reference − 1| (C(τ_α) = 1/e).
        public var relaxationTimeError: Double
        public var referenceHalfBlock: Int
        public var timings: [Timing]
        /// Least-squares slope of ln(seconds per doubling) against ln N.
        public var fftScalingExponent: Double
        public var directScalingExponent: Double

        public var summary: String {
            String(format: "equilibrium p=3-type solve to τ = %.3g in %.3f s; max |ΔC| = %.2e, |Δτ_α|/τ_α = %.2e vs N = %d; work per doubling ∝ N^%.2f (FFT) vs N^%.2f (direct)",
                   horizon, wallSeconds, maxCorrelationError, relaxationTimeError, referenceHalfBlock,
                   fftScalingExponent, directScalingExponent)
        }
    }

    /// `scalingBlocks`: the N values timed for the scaling exponents (each over `scalingDoublings`
    /// doublings; the direct-sum runs dominate the benchmark's own cost, ~N² each).
    public static func run(model: Model? = nil, temperature: Double = 0.62, tmax: Double = 1e9,
                           solver: StationarySolver = StationarySolver(),
                           scalingBlocks: [Int] = [512, 1024, 2048, 4096, 8192],
                           scalingDoublings: Int = 6) throws -> Result {
        let model = try model ?? Model.pspin(p: 3)
        let problem = try EquilibriumProblem(model: model, temperature: temperature, tmax: tmax)
        let solution = try solver.solve(problem)
        var refSolver = solver
        refSolver.halfBlock = 4 * solver.halfBlock
        let reference = try refSolver.solve(problem)
        var maxError = 0.0
        for k in 0..<300 {
            let tau = 1e-3 * pow(tmax / 1e-3, Double(k) / 299)
            maxError = max(maxError, abs(solution.correlation(at: tau) - reference.correlation(at: tau)))
        }
        let tauError: Double
        if let a = solution.relaxationTime(), let b = reference.relaxationTime() { tauError = abs(a / b - 1) } else { tauError = .nan }

        var timings: [Timing] = []
        for n in scalingBlocks {
            var s = solver
            s.halfBlock = n
            let horizon = Double(2 * n - 1) * s.initialStep * pow(2, Double(scalingDoublings))
            let p = try EquilibriumProblem(model: model, temperature: temperature, tmax: horizon)
            func perDoubling(_ fft: Bool) throws -> Double {
                s.useFFT = fft
                // Best of three: the shortest run is the least disturbed by the rest of the machine.
                var best = Double.infinity
                for _ in 0..<3 {
                    let r = try s.solve(p)
                    best = min(best, r.doublingWallSeconds / Double(max(r.doublings, 1)))
                }
                return best
            }
            timings.append(Timing(halfBlock: n, fftSeconds: try perDoubling(true), directSeconds: try perDoubling(false)))
        }
        func slope(_ ys: [Double]) -> Double {
            let xs = timings.map { log(Double($0.halfBlock)) }, ls = ys.map { log($0) }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ls.reduce(0, +) / Double(ls.count)
            let num = zip(xs, ls).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
            let den = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
            return den > 0 ? num / den : .nan
        }
        return Result(horizon: solution.tau.last ?? tmax, wallSeconds: solution.wallSeconds,
                      maxCorrelationError: maxError, relaxationTimeError: tauError,
                      referenceHalfBlock: refSolver.halfBlock, timings: timings,
                      fftScalingExponent: slope(timings.map(\.fftSeconds)),
                      directScalingExponent: slope(timings.map(\.directSeconds)))
    }
}
