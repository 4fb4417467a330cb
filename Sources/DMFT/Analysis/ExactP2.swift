import Foundation

/// The exactly solvable p = 2 model, ξ(q) = q²/(2Δ2) (REFERENCE §3): GOE couplings with a
/// semicircle of radius 2s, s = 1/√Δ2, optionally with the spike V(m) = m²/(2Δ2).
///
/// Everything is a spectral integral over λ = 2s cos θ, evaluated at any time without a time grid:
/// Γ(t) from the Laplace transform of its Volterra equation (equations/exact-p2.md), so the energy,
/// C and R are exact at t = 10⁶ as at t = 1. Exponentials e^{λt} are carried relative to their
/// largest rate, so nothing overflows at long times below T_c = s.
public struct ExactP2: Sendable {
    public let delta2: Double
    public let temperature: Double
    public var s: Double { 1 / delta2.squareRoot() }

    public init(delta2: Double, temperature: Double) {
        self.delta2 = delta2
        self.temperature = temperature
    }

    /// (2/π)∫₀^π e^{x(cos θ − 1)} F(cos θ, sin²θ) dθ for an F(θ) analytic in a strip of half-width
    /// `strip` around the real θ axis. The integrand is even and periodic, so the trapezoidal rule
    /// converges exponentially; for large x it lives within θ ≲ √(K/x) of 0, and the range is cut
    /// where e^{x(cos θ − 1)} has fallen below 1e-16 of the integral (≈ x^{−3/2}), which keeps the
    /// node count independent of x.
    static func semicircleAverage(x: Double, strip: Double = .infinity, _ integrand: (_ cos: Double, _ sinSquared: Double) -> Double) -> Double {
        let cutoff = 40 + 1.5 * log1p(x)
        let thetaMax = x > cutoff / 2 ? acos(1 - cutoff / x) : Double.pi
        let spacing = min(Double.pi / (64 + 40 * x.squareRoot()), strip / 6)
        let nodes = max(8, Int((thetaMax / spacing).rounded(.up)))
        let h = thetaMax / Double(nodes)
        var sum = 0.0
        for q in 0...nodes {
            let theta = h * Double(q)
            let weight = (q == 0 || q == nodes) ? 0.5 : 1
            let c = cos(theta), sn = sin(theta)
            sum += weight * exp(x * (c - 1)) * integrand(c, sn * sn)
        }
        return 2 / Double.pi * h * sum
    }

    /// e^{−2su} (2/π)∫₀^π sin²θ (2s cos θ)^k e^{2su cos θ} dθ: the k-th moment of the semicircle
    /// weighted by e^{λu}, scaled. k = 0 is f(u) = I₁(2su)/(su).
    public static func scaledMoment(_ k: Int, u: Double, s: Double) -> Double {
        semicircleAverage(x: 2 * s * u) { c, sin2 in sin2 * pow(2 * s * c, Double(k)) }
    }

    /// sin²θ times the reweighting s²/(s² − 2sa cos θ + a²) of the semicircle of radius 2s: ρ_T with
    /// a = T (mass min(1, s²/T²)), and s² times the spectral measure at a matrix spike with a = 1. At
    /// a = s it is (1 + cos θ)/2, finite at θ = 0.
    static func reweighted(_ c: Double, _ sin2: Double, s: Double, a: Double) -> Double {
        a == s ? (1 + c) / 2 : sin2 * s * s / (s * s - 2 * s * a * c + a * a)
    }

    /// Half-width of the strip where `reweighted` is analytic: its poles sit at θ = ±i ln(s/a).
    static func strip(s: Double, a: Double) -> Double {
        a > 0 && a != s ? abs(log(s / a)) : .infinity
    }

    private func density(_ c: Double, _ sin2: Double) -> Double { Self.reweighted(c, sin2, s: s, a: temperature) }
    private var strip: Double { Self.strip(s: s, a: temperature) }

    /// Above T_c = s, the atom of ρ_T: weight 1 − s²/T² at λ = T + s²/T, so its term in Γ grows at the
    /// rate 2λ; scaled by e^{−4st}, its contribution at time t.
    private func atom(_ t: Double) -> (scaled: Double, rate: Double) {
        let s = self.s, T = temperature
        guard T > s else { return (0, 0) }
        let rate = 2 * (T + s * s / T)
        return ((1 - s * s / (T * T)) * exp((rate - 4 * s) * t), rate)
    }

    /// γ(t) = e^{−4st}Γ(t), Γ(t) = ∫ρ_T(λ) e^{2λt} dλ (at T = 0, f(2t)).
    private func gamma(_ t: Double) -> Double {
        ExactP2.semicircleAverage(x: 4 * s * t, strip: strip, density) + atom(t).scaled
    }

    /// The Lagrange multiplier μ(t) = Γ′/(2Γ), Γ′ being the same spectral integral with a factor 2λ.
    public func mu(_ t: Double) -> Double {
        let s = self.s, a = atom(t)
        let slope = ExactP2.semicircleAverage(x: 4 * s * t, strip: strip) { c, sin2 in 4 * s * c * density(c, sin2) }
        return (slope + a.rate * a.scaled) / (2 * gamma(t))
    }

    /// C(t,t′) = [f(t+t′) + 2T∫₀^{t′} Γ(u) f(t+t′−2u) du]/√(Γ(t)Γ(t′)).
    public func correlation(_ t: Double, _ tPrime: Double) -> Double {
        let s = self.s
        var num = ExactP2.scaledMoment(0, u: t + tPrime, s: s)
        let lower = min(t, tPrime)
        if temperature > 0 && lower > 0 {
            // The integrand varies on the scale 1/s near both ends and as a power law in between.
            let sum = ExactP2.gradedGaussLegendre(length: lower, scale: 0.125 / s) { u in
                // t + t′ − 2u ≥ |t − t′| ≥ 0; rounding can make it −1e-16 on the diagonal.
                gamma(u) * ExactP2.scaledMoment(0, u: max(0, t + tPrime - 2 * u), s: s)
            }
            num += 2 * temperature * sum
        }
        return num / (gamma(t) * gamma(tPrime)).squareRoot()
    }

    /// R(t,t′) = f(t−t′)√(Γ(t′)/Γ(t)) for t ≥ t′.
    public func response(_ t: Double, _ tPrime: Double) -> Double {
        guard t >= tPrime else { return 0 }
        return ExactP2.scaledMoment(0, u: t - tPrime, s: s) * (gamma(tPrime) / gamma(t)).squareRoot()
    }

    /// e(t) = (T − μ(t))/2: for p = 2, μ = T − 2e (REFERENCE §2 with ξ = q²/(2Δ2)).
    public func energy(_ t: Double) -> Double {
        (temperature - mu(t)) / 2
    }

    /// The largest time at which Γ, scaled by e^{−4st}, stays finite: unbounded below T_c = s; above
    /// it the atom grows as e^{2(T−s)²t/T}, and the reference is refused beyond e^{600}.
    public var horizon: Double {
        let T = temperature, s = self.s
        return T > s ? 600 * T / (2 * (T - s) * (T - s)) : .infinity
    }

    /// ∫₀^L F(u) du by 16-point Gauss–Legendre on panels that double in width from each end up to
    /// the middle, starting at `scale`: exact to rounding for integrands that are smooth on the scale
    /// of their distance to the nearer end.
    static func gradedGaussLegendre(length: Double, scale: Double, _ f: (Double) -> Double) -> Double {
        var cuts: [Double] = [0]
        var width = scale
        while cuts.last! + width < length / 2 {
            cuts.append(cuts.last! + width)
            width *= 2
        }
        let left = cuts
        cuts.append(length / 2)
        cuts += left.reversed().map { length - $0 }
        var sum = 0.0
        for p in 0..<(cuts.count - 1) {
            let a = cuts[p], b = cuts[p + 1]
            let mid = (a + b) / 2, half = (b - a) / 2
            for (x, w) in zip(gaussLegendre16.nodes, gaussLegendre16.weights) {
                sum += w * half * f(mid + half * x)
            }
        }
        return sum
    }

    /// Nodes and weights of 16-point Gauss–Legendre on [−1, 1], by Newton's method on P₁₆.
    static let gaussLegendre16: (nodes: [Double], weights: [Double]) = {
        let n = 16
        var nodes: [Double] = [], weights: [Double] = []
        for i in 1...n {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let dx = p1 / derivative
                x -= dx
                if abs(dx) < 1e-16 { break }
            }
            nodes.append(x)
            weights.append(2 / ((1 - x * x) * derivative * derivative))
        }
        return (nodes, weights)
    }()

    /// Gradient flow of the spiked model V = m²/(2Δ2) from m(0) = m0 (T = 0):
    /// m(t) = m0 φ(t)/√(m0² φ(2t) + (1 − m0²) f(2t)), with φ the spectral measure of
    /// M = J + (1/Δ2) x*x*ᵀ/N at x* (semicircle part plus the BBP outlier when Δ2 < 1).
    public static func spikedOverlap(delta2: Double, m0: Double, t: Double) -> Double {
        let s = 1 / delta2.squareRoot(), theta = 1 / delta2
        let hasOutlier = theta > s
        let outlier = theta + s * s / theta
        let rate = hasOutlier ? outlier : 2 * s
        // φ(u) e^{−rate·u}: the absolutely continuous part on [−2s, 2s] and the outlier's weight. The
        // continuous density dλ-weighted is (2/π) sin²θ/(1 − 2s cos θ + s²) dθ, the reweighting at a = 1.
        let strip = Self.strip(s: s, a: 1)
        func phiScaled(_ u: Double) -> Double {
            var value = semicircleAverage(x: 2 * s * u, strip: strip) { c, sin2 in
                reweighted(c, sin2, s: s, a: 1) / (s * s)
            } * exp((2 * s - rate) * u)
            if hasOutlier { value += 1 - s * s / (theta * theta) }
            return value
        }
        let bulk = scaledMoment(0, u: 2 * t, s: s) * exp((4 * s - 2 * rate) * t)
        return m0 * phiScaled(t) / (m0 * m0 * phiScaled(2 * t) + (1 - m0 * m0) * bulk).squareRoot()
    }
}
