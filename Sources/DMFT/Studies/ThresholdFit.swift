import Foundation

/// The divergence of a crossing time t* at an algorithmic threshold x_c, fitted two ways:
/// the power law t* = A |x_c − x|^(−θ) (DivergenceFit, in the variable that increases towards x_c
/// from the side the data lie on) and the logarithm t* = a − b ln|x_c − x|, with covariance σs
/// and a bootstrap over scan points.
public struct ThresholdFit: Sendable {
    public var xc: Double, sigmaXc: Double, bootstrapSigmaXc: Double
    public var theta: Double, sigmaTheta: Double, bootstrapSigmaTheta: Double
    public var amplitude: Double
    /// RMS residual of ln t*.
    public var rmsLog: Double
    /// +1 when the data lie below x_c.
    public var side: Double
    public var points: Int
    /// The logarithmic alternative: (x_c, a, b, RMS residual of ln t*), when it could be fitted.
    public var logarithmic: (xc: Double, a: Double, b: Double, rmsLog: Double)?

    public func powerLaw(_ x: Double) -> Double { amplitude * pow(abs(xc - x), -theta) }

    /// `side`: +1 if t* grows with x (x_c above the data), −1 if it falls.
    public init(x: [Double], times: [Double], bootstrap: Int = 200, seed: UInt64 = 1) throws {
        guard x.count == times.count, x.count >= 4 else {
            throw DMFTError.invalidParameter("scan", "a threshold fit needs at least 4 points that crossed, got \(x.count)")
        }
        let order = x.indices.sorted { x[$0] < x[$1] }
        let side: Double = times[order.last!] >= times[order.first!] ? 1 : -1
        func fit(_ xs: [Double], _ ts: [Double]) throws -> DivergenceFit {
            // In u = side·x the time diverges as u → u_c from above… of −u; DivergenceFit wants the
            // variable to decrease towards its critical value, so fit in v = −side·x.
            let v = xs.map { -side * $0 }
            return try DivergenceFit(temperatures: v, times: ts, guess: v.min()! - 1e-3 * (v.max()! - v.min()! + 1e-12), gammaGuess: 1)
        }
        let best = try fit(x, times)
        self.side = side
        xc = -side * best.criticalTemperature
        sigmaXc = best.sigmaCriticalTemperature
        theta = best.gamma
        sigmaTheta = best.sigmaGamma
        amplitude = best.amplitude
        rmsLog = best.rmsLogResidual
        points = x.count
        var rng = SplitMix(seed: seed)
        var xcs: [Double] = [], thetas: [Double] = []
        for _ in 0..<bootstrap {
            var bx: [Double] = [], bt: [Double] = []
            for _ in 0..<x.count {
                let k = Int(rng.next() % UInt64(x.count))
                bx.append(x[k]); bt.append(times[k])
            }
            guard Set(bx).count >= 4, let r = try? fit(bx, bt) else { continue }
            xcs.append(-side * r.criticalTemperature); thetas.append(r.gamma)
        }
        bootstrapSigmaXc = ThresholdFit.standardDeviation(xcs)
        bootstrapSigmaTheta = ThresholdFit.standardDeviation(thetas)
        logarithmic = ThresholdFit.fitLogarithm(x: x, times: times, side: side)
    }

    /// t* = a − b ln|x_c − x|: linear in (a, b) for fixed x_c, so x_c is scanned (log-spaced distances
    /// beyond the data) and refined by golden section on the residual.
    static func fitLogarithm(x: [Double], times: [Double], side: Double) -> (xc: Double, a: Double, b: Double, rmsLog: Double)? {
        let edge = side > 0 ? x.max()! : x.min()!
        let span = max(x.max()! - x.min()!, 1e-12)
        func linear(_ xc: Double) -> (a: Double, b: Double, rss: Double) {
            let u = x.map { -log(abs(xc - $0)) }
            let n = Double(u.count), su = u.reduce(0, +), sy = times.reduce(0, +)
            let suu = u.map { $0 * $0 }.reduce(0, +), suy = zip(u, times).map { $0 * $1 }.reduce(0, +)
            let det = n * suu - su * su
            guard abs(det) > 1e-300 else { return (0, 0, .infinity) }
            let b = (n * suy - su * sy) / det, a = (sy - b * su) / n
            let rss = zip(u, times).map { pow(log(max($1, 1e-300)) - log(max(a + b * $0, 1e-300)), 2) }.reduce(0, +)
            return (a, b, rss)
        }
        func position(_ s: Double) -> Double { edge + side * span * pow(10, s) }
        var bestS = -6.0, bestRss = Double.infinity
        for k in 0...400 {
            let s = -6 + 8 * Double(k) / 400
            let r = linear(position(s)).rss
            if r < bestRss { bestRss = r; bestS = s }
        }
        guard bestRss.isFinite else { return nil }
        var lo = bestS - 0.02, hi = bestS + 0.02
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<80 {
            let a = hi - g * (hi - lo), b = lo + g * (hi - lo)
            if linear(position(a)).rss < linear(position(b)).rss { hi = b } else { lo = a }
        }
        let xc = position(0.5 * (lo + hi))
        let l = linear(xc)
        return (xc, l.a, l.b, (l.rss / Double(x.count)).squareRoot())
    }

    static func standardDeviation(_ v: [Double]) -> Double {
        guard v.count > 1 else { return .nan }
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
    }
}

/// SplitMix64: a small deterministic generator (bootstrap resampling, seeded test data).
public struct SplitMix: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
