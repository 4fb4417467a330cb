import Foundation
import Testing
import DMFT

/// The exact p = 2 solution itself (equations/exact-p2.md): its spectral Γ against the Volterra
/// equation it solves, and its long-time asymptotics, so that it can serve as a reference at t = 10⁶.
@Suite struct ExactP2Tests {
    /// C(t,t) = 1 is the Volterra equation Γ(t) = f(2t) + 2T∫₀ᵗΓ(u)f(2(t−u))du: the spectral Γ on
    /// the left, a quadrature of it on the right. Below, at and above T_c = s = 1 (the atom).
    @Test(arguments: [0.3, 0.5, 0.9, 1.0, 1.5])
    func spectralGammaSolvesItsVolterraEquation(temperature: Double) {
        let exact = ExactP2(delta2: 1, temperature: temperature)
        for t in [0.5, 5, 50, 5e3, 5e5] where t < exact.horizon / 10 {
            #expect(abs(exact.correlation(t, t) - 1) < 1e-9, "T = \(temperature), t = \(t): C(t,t) = \(exact.correlation(t, t))")
        }
        // Another Δ2 (s = 2, T_c = 2) exercises the scaling with s.
        let other = ExactP2(delta2: 0.25, temperature: 2 * temperature)
        #expect(abs(other.correlation(40, 40) - 1) < 1e-9)
    }

    /// The spiked overlap's spectral measure has mass 1, so m(0) = m0 exactly, also next to the BBP
    /// threshold Δ2 = 1, where its density has poles at θ = ±i ln s close to the real axis (a fixed
    /// trapezoid of 400 nodes missed the mass by 2e-4 at Δ2 = 0.99 and gave NaN at Δ2 = 1).
    @Test(arguments: [0.5, 0.99, 0.999, 1.0, 1.01, 2.0])
    func spikedOverlapStartsAtItsInitialValue(delta2: Double) {
        for m0 in [1e-6, 0.3] {
            let m = ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: 0)
            #expect(abs(m / m0 - 1) < 1e-12, "Δ2 = \(delta2), m0 = \(m0): m(0) = \(m)")
        }
        // And it is continuous through the threshold: Δ2 = 1 between 0.999 and 1.001 at t = 50.
        let at = { ExactP2.spikedOverlap(delta2: $0, m0: 1e-3, t: 50) }
        #expect(abs(at(1) - 0.5 * (at(0.999) + at(1.001))) < 1e-3 * at(1))
    }

    /// μ = Γ′/(2Γ) → 2s − 3/(4t) below T_c (edge density ∝ √(2s − λ)), 2s − 1/(4t) at T_c (the
    /// reweighted density diverges as (2s − λ)^{−1/2}), T + s²/T above it (the atom); and the aging
    /// limit C(t,t′) → (1 − T/s)(2√(tt′)/(t+t′))^{3/2}.
    @Test func longTimeAsymptotics() {
        for (temperature, amplitude) in [(0.0, 3.0 / 8), (0.5, 3.0 / 8), (1.0, 1.0 / 8)] {
            let exact = ExactP2(delta2: 1, temperature: temperature)
            let t = 5e5
            let excess = t * (exact.energy(t) - (temperature / 2 - 1))
            #expect(abs(excess - amplitude) < 1e-5, "T = \(temperature): t(e − e∞) = \(excess)")
        }
        let hot = ExactP2(delta2: 1, temperature: 1.5)
        #expect(abs(hot.energy(60) + 1 / 3.0) < 1e-9)
        for (temperature, tolerance) in [(0.0, 1e-6), (0.5, 1e-4)] {
            let exact = ExactP2(delta2: 1, temperature: temperature)
            let t = 1e6, tp = t / 4
            let aging = (1 - temperature) * pow(2 * (t * tp).squareRoot() / (t + tp), 1.5)
            #expect(abs(exact.correlation(t, tp) - aging) < tolerance)
            // R(t,t′) = f(t − t′)√(Γ(t′)/Γ(t)) decays as the bulk's edge: ∝ (t − t′)^{−3/2}(t′/t)^{3/4}.
            #expect(exact.response(t, tp) > 0 && exact.response(t, tp) < 1e-8)
        }
    }
}
