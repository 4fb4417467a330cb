/// The closed DMFT equations of REFERENCE §2, written once.
///
/// Every integrator computes the memory integrals with its own grid and quadrature, then assembles
/// the right-hand sides here. For t ≥ t′:
///
///     ∂t C(t,t′) = −μ(t) C(t,t′) + V′(m(t)) m(t′)
///                  + ∫₀ᵗ ds ξ″(C(t,s)) R(t,s) C(s,t′) + ∫₀^{t′} ds ξ′(C(t,s)) R(t′,s)
///     ∂t R(t,t′) = −μ(t) R(t,t′) + ∫_{t′}^{t} ds ξ″(C(t,s)) R(t,s) R(s,t′)
///     ∂t m(t)    = −μ(t) m(t) + V′(m(t)) + ∫₀ᵗ ds ξ″(C(t,s)) R(t,s) m(s)
///     μ(t)       = T + V′(m(t)) m(t) + ∫₀ᵗ ds R(t,s) [ξ′(C(t,s)) + ξ″(C(t,s)) C(t,s)]
///     e(t)       = −V(m(t)) − ∫₀ᵗ ds ξ′(C(t,s)) R(t,s)
///
/// The two kernels that appear under the integrals are named here, so that the quadrature in the
/// integrators and the algebra below cannot drift apart:
///   Σ(t,s) = ξ″(C(t,s)) R(t,s)   (the "self-energy", multiplies C, R and m in the memory terms)
///   D(t,s) = ξ′(C(t,s))          (the "noise vertex", multiplies R(t′,s) in the C equation)
/// See equations/dmft.md for the derivation of each term and the discretisations.
public enum DMFTEquations {
    /// Σ(t,s) = ξ″(C(t,s)) R(t,s).
    @inlinable
    public static func sigma(_ model: Model, C: Double, R: Double) -> Double {
        model.xi2(C) * R
    }

    /// D(t,s) = ξ′(C(t,s)).
    @inlinable
    public static func vertex(_ model: Model, C: Double) -> Double {
        model.xi1(C)
    }

    /// The integrand of μ: R(t,s)[ξ′(C(t,s)) + ξ″(C(t,s)) C(t,s)].
    @inlinable
    public static func multiplierIntegrand(_ model: Model, C: Double, R: Double) -> Double {
        R * (model.xi1(C) + model.xi2(C) * C)
    }

    /// The integrand of the energy: ξ′(C(t,s)) R(t,s).
    @inlinable
    public static func energyIntegrand(_ model: Model, C: Double, R: Double) -> Double {
        model.xi1(C) * R
    }

    /// ∂t C(t,t′), given memoryC = ∫₀ᵗ Σ(t,s) C(s,t′) ds and memoryR = ∫₀^{t′} D(t,s) R(t′,s) ds.
    @inlinable
    public static func dC(mu: Double, C: Double, signalForce: Double, mEarlier: Double,
                          memoryC: Double, memoryR: Double) -> Double {
        -mu * C + signalForce * mEarlier + memoryC + memoryR
    }

    /// ∂t′ C(t,t′) for t′ < t: the C equation with the earlier time differentiated, [∂₁C](t′,t), which carries
    /// the noise term 2T R(t,t′). Given muEarlier = μ(t′), signalForceEarlier = V′(m(t′)), memoryC =
    /// ∫₀^{t′} Σ(t′,s) C(s,t) ds and memoryR = ∫₀ᵗ D(t′,s) R(t,s) ds. With `dC` it gives the derivative along
    /// the diagonal at fixed lag (equations/geometric-grid.md §2).
    @inlinable
    public static func dCEarlier(muEarlier: Double, C: Double, signalForceEarlier: Double, mLater: Double,
                                 memoryC: Double, memoryR: Double, temperature: Double, response: Double) -> Double {
        -muEarlier * C + signalForceEarlier * mLater + memoryC + memoryR + 2 * temperature * response
    }

    /// ∂t R(t,t′), given memory = ∫_{t′}^{t} Σ(t,s) R(s,t′) ds.
    @inlinable
    public static func dR(mu: Double, R: Double, memory: Double) -> Double {
        -mu * R + memory
    }

    /// ∂t m(t), given memory = ∫₀ᵗ Σ(t,s) m(s) ds.
    @inlinable
    public static func dm(mu: Double, m: Double, signalForce: Double, memory: Double) -> Double {
        -mu * m + signalForce + memory
    }

    /// μ(t), given integral = ∫₀ᵗ R(t,s)[ξ′(C) + ξ″(C) C] ds. This is the value that keeps C(t,t) = 1:
    /// it makes the one-sided derivative ∂t C(t,t′)|_{t′→t⁻} equal −T.
    @inlinable
    public static func mu(temperature: Double, m: Double, signalForce: Double, integral: Double) -> Double {
        temperature + signalForce * m + integral
    }

    /// e(t) per spin, given integral = ∫₀ᵗ ξ′(C(t,s)) R(t,s) ds.
    @inlinable
    public static func energy(_ model: Model, m: Double, integral: Double) -> Double {
        -model.signal(m) - integral
    }
}
