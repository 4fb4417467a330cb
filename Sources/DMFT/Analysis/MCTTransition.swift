import Foundation

/// The dynamical (mode-coupling) transition of a model with V = 0 (REFERENCE §4), from the plateau
/// equation ξ′(q)(1−q) = T² q alone: no dynamics is solved here.
public struct MCTTransition: Sendable, Equatable {
    /// T_d, the largest temperature at which the plateau equation has a root q > 0.
    public let temperature: Double
    /// q_d, the plateau (non-ergodicity parameter) at T_d.
    public let plateau: Double
    /// λ = ξ‴(q_d)(1−q_d)³ / (2T_d²), the exponent parameter.
    public let lambda: Double
    /// Critical exponent: Γ(1−a)²/Γ(1−2a) = λ, 0 < a < 1/2.
    public let a: Double
    /// von Schweidler exponent: Γ(1+b)²/Γ(1+2b) = λ, b > 0.
    public let b: Double
    /// τ_α ∝ (T − T_d)^(−γ), γ = 1/(2a) + 1/(2b).
    public var gamma: Double { 1 / (2 * a) + 1 / (2 * b) }

    /// T_d, q_d and λ come from `Asymptotics.dynamicalTransition` (the plateau equation, solved once
    /// for the whole project); this type adds the exponents that follow from λ.
    public init(model: Model) throws {
        guard !model.hasSignal else {
            throw DMFTError.invalidParameter("model", "the dynamical transition is computed for V = 0 only; \(model.preset.name) has a signal")
        }
        guard let transition = Asymptotics.dynamicalTransition(model), !transition.isContinuous else {
            throw DMFTError.invalidParameter("model", "ξ′(q)(1−q)/q is largest at q → 0: the transition is continuous (q_d = 0) and has no MCT exponents")
        }
        temperature = transition.temperature
        plateau = transition.plateau
        lambda = transition.exponentParameter
        (a, b) = try MCTTransition.exponents(lambda: lambda)
    }

    /// (a, b) from λ; requires 0 < λ < 1.
    public static func exponents(lambda: Double) throws -> (a: Double, b: Double) {
        guard lambda > 0, lambda < 1 else {
            throw DMFTError.invalidParameter("lambda", "MCT exponents need 0 < λ < 1, got \(lambda)")
        }
        // Both ratios decrease monotonically in the exponent, so bisection is safe.
        let critical = { (a: Double) in exp(2 * lgamma(1 - a) - lgamma(1 - 2 * a)) }
        let vonSchweidler = { (b: Double) in exp(2 * lgamma(1 + b) - lgamma(1 + 2 * b)) }
        func decreasingRoot(_ f: (Double) -> Double, _ lo0: Double, _ hi0: Double) -> Double {
            var lo = lo0, hi = hi0
            for _ in 0..<200 where hi - lo > 2 * Double.ulpOfOne * hi {
                let mid = (lo + hi) / 2
                if f(mid) > lambda { lo = mid } else { hi = mid }
            }
            return (lo + hi) / 2
        }
        return (decreasingRoot(critical, 0, 0.5), decreasingRoot(vonSchweidler, 0, 20))
    }

    /// The largest root q ∈ (0,1) of ξ′(q)(1−q) = T²q (the plateau below T_d), or nil above T_d.
    public static func plateau(model: Model, temperature T: Double) -> Double? {
        Asymptotics.plateauRoots(model, temperature: T).last
    }
}

/// Pure p-spin closed forms (REFERENCE §4), for checking `MCTTransition`.
public enum PureSpinTransition {
    /// T_d = √(p(p−2)^(p−2) / (2(p−1)^(p−1))).
    public static func temperature(p: Int) -> Double {
        let pd = Double(p)
        return (pd * pow(pd - 2, pd - 2) / (2 * pow(pd - 1, pd - 1))).squareRoot()
    }
    /// q_d = (p−2)/(p−1).
    public static func plateau(p: Int) -> Double { Double(p - 2) / Double(p - 1) }
}
