import Foundation

/// Least-squares fit of a power-law divergence τ = A (T − T_c)^(−γ) to measured (T, τ).
///
/// The fit is done on ln τ = ln A − γ ln(T − T_c), where the errors of a relaxation time are
/// multiplicative, by Levenberg–Marquardt on (ln A, γ, T_c). Uncertainties are the square roots of
/// the diagonal of s²(JᵀJ)⁻¹ at the optimum, s² = residual sum of squares / (n − 3).
public struct DivergenceFit: Sendable {
    public var amplitude: Double
    public var gamma: Double
    public var criticalTemperature: Double
    public var sigmaLogAmplitude: Double
    public var sigmaGamma: Double
    public var sigmaCriticalTemperature: Double
    /// Root-mean-square residual of ln τ.
    public var rmsLogResidual: Double

    /// `guess`: a starting T_c below every T (e.g. the predicted T_d).
    public init(temperatures: [Double], times: [Double], guess: Double, gammaGuess: Double = 2) throws {
        let n = temperatures.count
        guard n >= 4, times.count == n else {
            throw DMFTError.invalidParameter("points", "a three-parameter fit needs at least 4 (T, τ) pairs, got \(n)")
        }
        guard let tMin = temperatures.min(), guess < tMin, times.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw DMFTError.invalidParameter("points", "need T > T_c guess and finite τ > 0")
        }
        let y = times.map { log($0) }
        func residuals(_ p: [Double]) -> [Double]? {
            guard p[2] < tMin else { return nil }
            return (0..<n).map { p[0] - p[1] * log(temperatures[$0] - p[2]) - y[$0] }
        }
        func jacobian(_ p: [Double]) -> [[Double]] {
            (0..<n).map { k in [1, -log(temperatures[k] - p[2]), p[1] / (temperatures[k] - p[2])] }
        }
        // Start: ln A from the mean with the guessed γ.
        var p = [0.0, gammaGuess, guess]
        p[0] = (0..<n).map { y[$0] + gammaGuess * log(temperatures[$0] - guess) }.reduce(0, +) / Double(n)
        var cost = residuals(p)!.map { $0 * $0 }.reduce(0, +)
        var mu = 1e-3
        for _ in 0..<500 {
            let r = residuals(p)!, J = jacobian(p)
            var A = [[Double]](repeating: [0, 0, 0], count: 3), g = [0.0, 0, 0]
            for k in 0..<n { for i in 0..<3 { g[i] += J[k][i] * r[k]; for j in 0..<3 { A[i][j] += J[k][i] * J[k][j] } } }
            var improved = false
            for _ in 0..<30 {
                var M = A
                for i in 0..<3 { M[i][i] *= 1 + mu }
                guard let step = DivergenceFit.solve3(M, g.map { -$0 }) else { mu *= 10; continue }
                let trial = zip(p, step).map { $0 + $1 }
                if let rt = residuals(trial) {
                    let c = rt.map { $0 * $0 }.reduce(0, +)
                    if c < cost {
                        let converged = abs(cost - c) <= 1e-15 * max(cost, 1e-300)
                        p = trial; cost = c; mu = max(mu / 10, 1e-12); improved = true
                        if converged { improved = false }
                        break
                    }
                }
                mu *= 10
            }
            if !improved { break }
        }
        let J = jacobian(p)
        var A = [[Double]](repeating: [0, 0, 0], count: 3)
        for k in 0..<n { for i in 0..<3 { for j in 0..<3 { A[i][j] += J[k][i] * J[k][j] } } }
        let s2 = n > 3 ? cost / Double(n - 3) : .nan
        var sig = [Double.nan, .nan, .nan]
        if let inv = DivergenceFit.invert3(A) { sig = (0..<3).map { (s2 * inv[$0][$0]).squareRoot() } }
        amplitude = exp(p[0]); gamma = p[1]; criticalTemperature = p[2]
        sigmaLogAmplitude = sig[0]; sigmaGamma = sig[1]; sigmaCriticalTemperature = sig[2]
        rmsLogResidual = (cost / Double(n)).squareRoot()
    }

    static func invert3(_ m: [[Double]]) -> [[Double]]? {
        var cols: [[Double]] = []
        for e in 0..<3 {
            var rhs = [0.0, 0, 0]; rhs[e] = 1
            guard let c = solve3(m, rhs) else { return nil }
            cols.append(c)
        }
        return (0..<3).map { i in (0..<3).map { j in cols[j][i] } }
    }

    /// Gaussian elimination with partial pivoting on a 3×3 system.
    static func solve3(_ m: [[Double]], _ b: [Double]) -> [Double]? {
        var a = m, x = b
        for c in 0..<3 {
            let piv = (c..<3).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            guard abs(a[piv][c]) > 1e-300 else { return nil }
            a.swapAt(c, piv); x.swapAt(c, piv)
            for r in (c + 1)..<3 {
                let f = a[r][c] / a[c][c]
                for k in c..<3 { a[r][k] -= f * a[c][k] }
                x[r] -= f * x[c]
            }
        }
        var out = [0.0, 0, 0]
        for r in stride(from: 2, through: 0, by: -1) {
            var s = x[r]
            for k in (r + 1)..<3 { s -= a[r][k] * out[k] }
            out[r] = s / a[r][r]
        }
        return out
    }
}
