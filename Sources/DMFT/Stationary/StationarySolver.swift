import Foundation

/// Time-doubling solver for the equilibrium Volterra equation (equations/equilibrium.md).
///
/// A block holds 2N points of step h. The first block is integrated directly; then, repeatedly,
/// every other point is kept (N points at step 2h, cell averages merged pairwise) and the upper
/// half is refilled. Each new point solves BDF2 for ∂τC with the memory integral in the
/// Fuchs–Götze–Hofacker–Latz form: the integral is split at s = t_{N/2}; on each side the fast
/// factor is differenced and the slow one replaced by its cell average. The resulting sums are
/// convolutions: the part that involves only the kept half is one FFT per block, the part that
/// involves the points being computed is an online FFT convolution (`OnlineConvolution`).
/// Work per doubling is O(N log² N), and the number of doublings is log₂(τ_max / (2N h₀)).
public struct StationarySolver: Sendable, Codable, Equatable {
    /// N, points added per doubling (the block holds 2N). The relative step h/τ is between 1/(2N)
    /// and 1/N, and the error of C falls as N⁻² (τ_α to ~5e-5 relative at N = 4096 near T_d). Power of two ≥ 16. Default 4096.
    public var halfBlock: Int = 4096
    /// h₀, step of the first block. The first block spans 2N h₀ and must resolve the initial
    /// decay on the scale 1/(T + ξ′(1)/T); its error is O(h₀²). Default 1e-6.
    public var initialStep: Double = 1e-6
    /// Lags below this are summed directly in the online convolutions, larger ones by FFT (power
    /// of two; only speed depends on it). Default 32.
    public var directLags: Int = 32
    /// false: every memory sum by direct summation, O(N²) per doubling, same arithmetic.
    /// It exists as the reference for tests and benchmarks. Default true.
    public var useFFT: Bool = true

    public init(halfBlock: Int = 4096, initialStep: Double = 1e-6, directLags: Int = 32, useFFT: Bool = true) {
        self.halfBlock = halfBlock
        self.initialStep = initialStep
        self.directLags = directLags
        self.useFFT = useFFT
    }

    public func validate() throws {
        guard halfBlock >= 16, halfBlock & (halfBlock - 1) == 0, halfBlock <= 1 << 22 else {
            throw DMFTError.invalidParameter("block", "must be a power of two in [16, 2^22], got \(halfBlock)")
        }
        guard initialStep.isFinite, initialStep > 0 else {
            throw DMFTError.invalidParameter("initial-step", "must be > 0, got \(initialStep)")
        }
        guard directLags >= 1, directLags & (directLags - 1) == 0 else {
            throw DMFTError.invalidParameter("direct-lags", "must be a power of two ≥ 1, got \(directLags)")
        }
    }

    /// Number of doublings needed to reach `tmax`.
    public func doublings(tmax: Double) -> Int {
        let first = Double(2 * halfBlock - 1) * initialStep
        return tmax <= first ? 0 : Int((log2(tmax / first)).rounded(.up))
    }

    public func solve(_ problem: EquilibriumProblem) throws -> EquilibriumSolution {
        try validate()
        let clock = ContinuousClock()
        let start = clock.now
        var state = DoublingState(problem: problem, solver: self)
        state.run(clock: clock)
        let wall = (clock.now - start) / .seconds(1)
        let doublingWall = state.firstBlockEnd.map { (clock.now - $0) / .seconds(1) } ?? 0
        return EquilibriumSolution(problem: problem, solver: self, tau: state.outTau, C: state.outC,
                                   dC: state.outDC, doublings: state.doublings, wallSeconds: wall,
                                   doublingWallSeconds: doublingWall)
    }
}

/// The working arrays of one solve. Index i is the grid point t_i = i h of the current block;
/// cell j is (t_{j−1}, t_j).
private struct DoublingState {
    let problem: EquilibriumProblem
    let N: Int
    let T: Double
    let useFFT: Bool
    let directLags: Int
    let fft = FFTConvolution()
    let xi1: Polynomial, xi2: Polynomial
    /// K(0) = ξ′(1)/T, the kernel at equal times.
    let K0: Double

    var h: Double
    var F: [Double], K: [Double]
    /// Cell averages (1/h)∫ over cell j of C and of K; index 0 unused.
    var dF: [Double], dK: [Double]

    var outTau: [Double] = [], outC: [Double] = [], outDC: [Double] = []
    var doublings = 0
    /// When the first (directly summed) block was done; the benchmark times the doublings alone.
    var firstBlockEnd: ContinuousClock.Instant?

    init(problem: EquilibriumProblem, solver: StationarySolver) {
        self.problem = problem
        N = solver.halfBlock
        T = problem.temperature
        useFFT = solver.useFFT
        directLags = solver.directLags
        xi1 = problem.model.xi1
        xi2 = problem.model.xi2
        K0 = xi1(1) / T
        h = solver.initialStep
        F = [Double](repeating: 0, count: 2 * N)
        K = F; dF = F; dK = F
    }

    mutating func record(_ i: Int, derivative: Double) {
        outTau.append(Double(i) * h)
        outC.append(F[i])
        outDC.append(derivative)
    }

    mutating func run(clock: ContinuousClock) {
        let tmax = problem.tmax
        // C(h) from the Taylor series C = 1 − Tτ + (T² + ξ′(1)) τ²/2 + O(τ³): the memory term
        // vanishes at τ = 0 and contributes K(0)·T to C″(0). Error O(h₀³).
        F[0] = 1
        K[0] = K0
        F[1] = 1 - T * h + (T * T + xi1(1)) * h * h / 2
        K[1] = xi1(F[1]) / T
        dF[1] = (F[0] + F[1]) / 2
        dK[1] = (K[0] + K[1]) / 2
        record(0, derivative: -T)
        record(1, derivative: -T + (T * T + xi1(1)) * h)
        if h >= tmax { return }
        for i in 2..<(2 * N) {
            let known = directMemory(i, split: i / 2)
            if step(i, known: known) >= tmax { return }
        }
        firstBlockEnd = clock.now
        while true {
            decimate()
            doublings += 1
            if useFFT {
                if fftBlock(tmax: tmax) { return }
            } else {
                for i in N..<(2 * N) {
                    if step(i, known: directMemory(i, split: N / 2)) >= tmax { return }
                }
            }
        }
    }

    /// Keeps the even points, merges cell averages pairwise, doubles h.
    mutating func decimate() {
        for j in 1..<N {
            dF[j] = (dF[2 * j - 1] + dF[2 * j]) / 2
            dK[j] = (dK[2 * j - 1] + dK[2 * j]) / 2
            F[j] = F[2 * j]
            K[j] = K[2 * j]
        }
        h *= 2
    }

    /// The explicit part of the memory integral at point i, split at s:
    ///   Σ_{a=2}^{s} ΔF_a dK_{i+1−a} + Σ_{a=2}^{i−s} ΔK_a dF_{i+1−a} − K_{i−s} F_s.
    /// The a = 1 terms contain the unknown C_i and are handled in `step`.
    func directMemory(_ i: Int, split s: Int) -> Double {
        var sum = -K[i - s] * F[s]
        if s >= 2 {
            for a in 2...s { sum += (F[a] - F[a - 1]) * dK[i + 1 - a] }
        }
        if i - s >= 2 {
            for a in 2...(i - s) { sum += (K[a] - K[a - 1]) * dF[i + 1 - a] }
        }
        return sum
    }

    /// Solves the BDF2 equation for C_i given the explicit memory part; returns t_i.
    ///   (3C_i − 4C_{i−1} + C_{i−2})/(2h) + T C_i + K(0) C_i
    ///     + ΔF₁ (K_i + K_{i−1})/2 + ΔK₁ (C_i + C_{i−1})/2 + known = 0,  K_i = ξ′(C_i)/T.
    @discardableResult
    mutating func step(_ i: Int, known: Double) -> Double {
        let dF1 = F[1] - F[0], dK1 = K[1] - K[0]
        let alpha = 3 / (2 * h) + T + K0 + dK1 / 2
        let beta = dF1 / (2 * T)
        let c = known + (-4 * F[i - 1] + F[i - 2]) / (2 * h) + dF1 * K[i - 1] / 2 + dK1 * F[i - 1] / 2
        // Newton from the linear extrapolation; g is monotone (α > 0 dominates) so it converges
        // in a few iterations.
        var x = 2 * F[i - 1] - F[i - 2]
        for _ in 0..<50 {
            let g = alpha * x + beta * xi1(x) + c
            let dx = g / (alpha + beta * xi2(x))
            x -= dx
            if abs(dx) <= 1e-16 * max(abs(x), 1e-300) { break }
        }
        // Deep in the α-relaxation C underflows; flushing avoids subnormal arithmetic.
        if abs(x) < 1e-250 { x = 0 }
        F[i] = x
        K[i] = xi1(x) / T
        dF[i] = (F[i] + F[i - 1]) / 2
        dK[i] = (K[i] + K[i - 1]) / 2
        record(i, derivative: (3 * F[i] - 4 * F[i - 1] + F[i - 2]) / (2 * h))
        return Double(i) * h
    }

    /// Fills points N ..< 2N with the memory sums split into
    ///   old×old pairs (both indices < N): one FFT convolution per sum, done before the block;
    ///   pairs with one index ≥ N: three online FFT convolutions fed as the block advances.
    /// Returns true when tmax was reached.
    mutating func fftBlock(tmax: Double) -> Bool {
        let s = N / 2
        // S1 = Σ_{a=1}^{s} ΔF_a dK_{i+1−a}; S2 = Σ_{a=1}^{i−s} ΔK_a dF_{i+1−a}, b = i+1−a ≥ s+1.
        var deltaF = [Double](repeating: 0, count: s + 1)
        for a in 1...s { deltaF[a] = F[a] - F[a - 1] }
        var deltaK = [Double](repeating: 0, count: N)
        for a in 1..<N { deltaK[a] = K[a] - K[a - 1] }
        var oldDK = Array(dK[0..<N]); oldDK[0] = 0
        var oldDF = Array(dF[0..<N])
        for b in 0...s { oldDF[b] = 0 }
        let p1 = fft.linear(deltaF, oldDK)
        let p2 = fft.linear(deltaK, oldDF)

        // S1, b ≥ N: u = dK_{N+k}, w[lag] = ΔF_{lag+1}, lag < s.
        var on1 = OnlineConvolution(kernel: Array(deltaF[1...s]), length: N, directLags: directLags, useFFT: true)
        // S2, b ≥ N, a ≤ N−1: u = dF_{N+k}, w[lag] = ΔK_{lag+1}, lag ≤ N−2.
        var on2 = OnlineConvolution(kernel: Array(deltaK[1..<N]), length: N, directLags: directLags, useFFT: true)
        // S2, a ≥ N: u = ΔK_{N+k}, w[lag] = dF_{lag+1} for s ≤ lag ≤ N−1; w[N−1] = dF_N is set
        // after the first new point, before any level that reads it is transformed.
        var w3 = [Double](repeating: 0, count: N)
        for lag in s..<(N - 1) { w3[lag] = dF[lag + 1] }
        var on3 = OnlineConvolution(kernel: w3, length: N, directLags: directLags, useFFT: true)

        for m in 0..<N {
            let i = N + m
            var known = -K[i - s] * F[s]
            known += (i + 1 < p1.count ? p1[i + 1] : 0) + (i + 1 < p2.count ? p2[i + 1] : 0)
            known += on1.pastSum(fft: fft) + on2.pastSum(fft: fft) + on3.pastSum(fft: fft)
            let t = step(i, known: known)
            if t >= tmax { return true }
            on1.append(dK[i])
            on2.append(dF[i])
            on3.append(K[i] - K[i - 1])
            if m == 0 { on3.kernel[N - 1] = dF[N] }
        }
        return false
    }
}
