import Foundation

/// The exactly solvable p = 2 model, ξ(q) = q²/(2Δ2) (REFERENCE §3): GOE couplings with a
/// semicircle of radius 2s, s = 1/√Δ2, optionally with the spike V(m) = m²/(2Δ2).
///
/// Every exponential e^{λt} is carried relative to its largest rate, so the formulas stay finite at
/// any time. Spectral integrals use λ = 2s cos θ, where the trapezoidal rule in θ converges
/// exponentially (the integrands are smooth and periodic).
public struct ExactP2: Sendable {
    public let delta2: Double
    public let temperature: Double
    public var s: Double { 1 / delta2.squareRoot() }

    /// γ(t) = e^{−4st} Γ(t) on a fine grid, from the Volterra equation of REFERENCE §3.
    private let gammaGrid: [Double]
    private let gammaStep: Double

    /// `tmax`: the largest time at which C, R, e will be asked for.
    public init(delta2: Double, temperature: Double, tmax: Double, step: Double = 1e-3) {
        self.delta2 = delta2
        self.temperature = temperature
        let n = Int((tmax / step).rounded(.up)) + 1
        gammaStep = step
        if temperature == 0 {
            let sv = 1 / delta2.squareRoot()
            gammaGrid = (0..<n).map { ExactP2.scaledMoment(0, u: 2 * Double($0) * step, s: sv) }
        } else {
            gammaGrid = ExactP2.solveGamma(delta2: delta2, temperature: temperature, count: n, step: step)
        }
    }

    /// e^{−2su} (2/π)∫₀^π sin²θ (2s cos θ)^k e^{2su cos θ} dθ: the k-th moment of the semicircle
    /// weighted by e^{λu}, scaled. k = 0 is f(u) = I₁(2su)/(su).
    public static func scaledMoment(_ k: Int, u: Double, s: Double) -> Double {
        let x = 2 * s * u
        let nodes = 64 + Int(40 * x.squareRoot())
        var sum = 0.0
        for q in 0...nodes {
            let theta = Double.pi * Double(q) / Double(nodes)
            let w = (q == 0 || q == nodes) ? 0.5 : 1
            let c = cos(theta), sn = sin(theta)
            sum += w * sn * sn * pow(2 * s * c, Double(k)) * exp(x * (c - 1))
        }
        return 2 / Double(nodes) * sum
    }

    /// Γ(t) = f(2t) + 2T∫₀ᵗ Γ(u) f(2(t−u)) du in scaled form, by the trapezoidal rule with
    /// Richardson extrapolation over steps h and h/2 (error O(h⁴)).
    static func solveGamma(delta2: Double, temperature: Double, count: Int, step: Double) -> [Double] {
        let s = 1 / delta2.squareRoot()
        func trapezoid(_ n: Int, _ h: Double) -> [Double] {
            let g = (0..<n).map { scaledMoment(0, u: 2 * Double($0) * h, s: s) }
            var gamma = [Double](repeating: 0, count: n)
            gamma[0] = 1
            for i in 1..<n {
                var acc = 0.5 * gamma[0] * g[i]
                for k in 1..<i { acc += gamma[k] * g[i - k] }
                // γ_i appears with weight h/2 · g(0) on the right-hand side.
                gamma[i] = (g[i] + 2 * temperature * h * acc) / (1 - temperature * h * g[0])
            }
            return gamma
        }
        let coarse = trapezoid(count, step)
        let fine = trapezoid(2 * count - 1, step / 2)
        return (0..<count).map { (4 * fine[2 * $0] - coarse[$0]) / 3 }
    }

    private func gamma(_ t: Double) -> Double {
        let x = t / gammaStep
        let k = min(Int(x), gammaGrid.count - 4)
        // Cubic Lagrange interpolation on the fine grid (error O(step⁴)).
        let k0 = max(0, k - 1)
        var result = 0.0
        for a in 0..<4 {
            var l = 1.0
            for b in 0..<4 where b != a { l *= (x - Double(k0 + b)) / Double(a - b) }
            result += l * gammaGrid[k0 + a]
        }
        return result
    }

    /// C(t,t′) = [f(t+t′) + 2T∫₀^{t′} Γ(u) f(t+t′−2u) du]/√(Γ(t)Γ(t′)).
    public func correlation(_ t: Double, _ tPrime: Double) -> Double {
        var num = ExactP2.scaledMoment(0, u: t + tPrime, s: s)
        let lower = min(t, tPrime)
        if temperature > 0 && lower > 0 {
            // Simpson on an even number of cells of width ≤ step.
            var cells = Int((lower / gammaStep).rounded(.up))
            if cells % 2 == 1 { cells += 1 }
            let h = lower / Double(cells)
            var acc = 0.0
            for q in 0...cells {
                let u = Double(q) * h
                let w: Double = (q == 0 || q == cells) ? 1 : (q % 2 == 1 ? 4 : 2)
                // t + t′ − 2u ≥ |t − t′| ≥ 0; on the diagonal rounding of u = q·h can make it −1e-16,
                // whose square root (node count of scaledMoment) would be NaN.
                acc += w * gamma(u) * ExactP2.scaledMoment(0, u: max(0, t + tPrime - 2 * u), s: s)
            }
            num += 2 * temperature * acc * h / 3
        }
        return num / (gamma(t) * gamma(tPrime)).squareRoot()
    }

    /// R(t,t′) = f(t−t′)√(Γ(t′)/Γ(t)) for t ≥ t′.
    public func response(_ t: Double, _ tPrime: Double) -> Double {
        guard t >= tPrime else { return 0 }
        return ExactP2.scaledMoment(0, u: t - tPrime, s: s) * (gamma(tPrime) / gamma(t)).squareRoot()
    }

    /// e(t) = (T − μ(t))/2 with μ = Γ′/(2Γ): for p = 2, μ = T − 2e (REFERENCE §2 with ξ = q²/(2Δ2)).
    /// At T = 0 this is −½ f′(2t)/f(2t).
    public func energy(_ t: Double) -> Double {
        if temperature == 0 {
            return -0.5 * ExactP2.scaledMoment(1, u: 2 * t, s: s) / ExactP2.scaledMoment(0, u: 2 * t, s: s)
        }
        // μ = 2s + γ′/(2γ), γ′ by a centred difference on the O(h⁴) interpolant.
        let d = 1e-4
        let gammaPrime = t >= d
            ? (gamma(t + d) - gamma(t - d)) / (2 * d)
            : (-3 * gamma(t) + 4 * gamma(t + d) - gamma(t + 2 * d)) / (2 * d)
        let mu = 2 * s + gammaPrime / (2 * gamma(t))
        return (temperature - mu) / 2
    }

    /// Gradient flow of the spiked model V = m²/(2Δ2) from m(0) = m0 (T = 0):
    /// m(t) = m0 φ(t)/√(m0² φ(2t) + (1 − m0²) f(2t)), with φ the spectral measure of
    /// M = J + (1/Δ2) x*x*ᵀ/N at x* (semicircle part plus the BBP outlier when Δ2 < 1).
    public static func spikedOverlap(delta2: Double, m0: Double, t: Double) -> Double {
        let s = 1 / delta2.squareRoot(), theta = 1 / delta2
        let hasOutlier = theta > s
        let outlier = theta + s * s / theta
        let rate = hasOutlier ? outlier : 2 * s
        // φ(u) e^{−rate·u}: the absolutely continuous part on [−2s, 2s] and the outlier's weight.
        func phiScaled(_ u: Double) -> Double {
            let nodes = 400 + Int(40 * (2 * s * u).squareRoot())
            var sum = 0.0
            for q in 0...nodes {
                let th = Double.pi * Double(q) / Double(nodes)
                let w = (q == 0 || q == nodes) ? 0.5 : 1
                let lambda = 2 * s * cos(th)
                // Semicircle Stieltjes transform at λ + i0: a − ib.
                let a = lambda / (2 * s * s), b = 2 * s * sin(th) / (2 * s * s)
                let density = b / (Double.pi * ((1 - theta * a) * (1 - theta * a) + theta * theta * b * b))
                // dλ = 2s sin θ dθ.
                sum += w * density * 2 * s * sin(th) * exp((lambda - rate) * u)
            }
            var value = sum * Double.pi / Double(nodes)
            if hasOutlier { value += 1 - s * s / (theta * theta) }
            return value
        }
        let bulk = scaledMoment(0, u: 2 * t, s: s) * exp((4 * s - 2 * rate) * t)
        return m0 * phiScaled(t) / (m0 * m0 * phiScaled(2 * t) + (1 - m0 * m0) * bulk).squareRoot()
    }
}
