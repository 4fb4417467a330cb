import Foundation

/// Analytic long-time predictions of REFERENCE §4 as pure functions of a `Model` (and T).
/// Derivations and the way each equation is solved: equations/asymptotics.md.
///
/// Every equation is reduced to a scalar equation on a bounded interval and solved with
/// `AsymptoticsRoots` (scan for sign changes, then bisection), so that all branches are found and
/// none is missed because of a poor starting guess. Where several branches exist, the `…Branches`
/// functions list all of them and the singular function picks the physical one, saying why.
public enum Asymptotics {
    // MARK: - Dynamical (MCT) transition

    /// A solution of the plateau equation at its highest temperature.
    public struct DynamicalTransition: Sendable, Equatable {
        /// T_d: the largest T at which ξ′(q)(1−q) = T² q has a root q > 0.
        public let temperature: Double
        /// q_d, the plateau height at T_d (0 for a continuous transition such as p = 2).
        public let plateau: Double
        /// λ = ξ‴(q_d)(1−q_d)³ / (2T_d²), the MCT exponent parameter (1/2 for every pure p).
        public let exponentParameter: Double
        /// True when the plateau appears continuously from q = 0 (no discontinuous MCT transition).
        public let isContinuous: Bool
    }

    /// T²(q) = ξ′(q)(1−q)/q: the temperature at which q solves the plateau equation.
    static func plateauTemperatureSquared(_ model: Model, _ q: Double) -> Double {
        model.xi1(q) * (1 - q) / q
    }

    /// Every local maximum of T²(q) on (0, 1), highest temperature first. Each is a candidate
    /// dynamical transition (a saddle-node of the plateau equation); for mixed models with several
    /// maxima the lower ones are transitions between two non-ergodic plateaus.
    /// Nil-free: a model whose plateau appears continuously from q = 0 gives one continuous entry.
    /// Returns [] when ξ has a linear term (T²(q) → ∞ as q → 0: a field, no transition).
    public static func dynamicalTransitionBranches(_ model: Model) -> [DynamicalTransition] {
        let a = model.noise.coefficients
        if a.count > 1, a[1] > 0 { return [] }
        let lower = 1e-9, upper = 1 - 1e-12
        var out: [DynamicalTransition] = []
        // A golden-section maximum is only accurate to ~√ε; refine each on the sign change of
        // d/dq [ξ′(q)(1−q)/q] ∝ ξ″(q) q(1−q) − ξ′(q), which bisection resolves to rounding.
        let slope = { (q: Double) in model.xi2(q) * q * (1 - q) - model.xi1(q) }
        let maxima = AsymptoticsRoots.localMaxima(in: lower, upper, { plateauTemperatureSquared(model, $0) })
            .map { q0 -> Double in
                var lo = max(lower, q0 - 1e-4), hi = min(upper, q0 + 1e-4)
                guard slope(lo) > 0, slope(hi) < 0 else { return q0 }
                for _ in 0..<200 where hi - lo > 4 * Double.ulpOfOne * hi {
                    let mid = 0.5 * (lo + hi)
                    if slope(mid) > 0 { lo = mid } else { hi = mid }
                }
                return 0.5 * (lo + hi)
            }
        for q in maxima {
            let t2 = plateauTemperatureSquared(model, q)
            out.append(DynamicalTransition(temperature: sqrt(t2), plateau: q,
                                           exponentParameter: model.xi3(q) * pow(1 - q, 3) / (2 * t2),
                                           isContinuous: false))
        }
        // Supremum at q → 0⁺ (T²(0⁺) = ξ″(0) = 2a₂): the plateau grows continuously from zero.
        let t2zero = model.xi2(0)
        if t2zero > 0, plateauTemperatureSquared(model, lower) >= plateauTemperatureSquared(model, 2 * lower) {
            out.append(DynamicalTransition(temperature: sqrt(t2zero), plateau: 0,
                                           exponentParameter: .nan, isContinuous: true))
        }
        return out.sorted { $0.temperature > $1.temperature }
    }

    /// The dynamical transition: the branch with the highest temperature.
    public static func dynamicalTransition(_ model: Model) -> DynamicalTransition? {
        dynamicalTransitionBranches(model).first
    }

    /// All roots q ∈ (0, 1) of the plateau equation ξ′(q)(1−q) = T² q at a given T, ascending.
    /// Below T_d the largest is the non-ergodicity parameter of equilibrium dynamics started in a
    /// TAP state; the smaller ones are unstable.
    public static func plateauRoots(_ model: Model, temperature: Double) -> [Double] {
        let t2 = temperature * temperature
        return AsymptoticsRoots.roots(in: 1e-9, 1 - 1e-12) { model.xi1($0) * (1 - $0) - t2 * $0 }
    }

    // MARK: - Threshold energy and the Cugliandolo–Kurchan aging solution

    /// E_th = −[ξ(1)ξ″(1) − ξ(1)ξ′(1) + ξ′(1)²] / (ξ′(1)√ξ″(1)): the energy of marginal states, the
    /// T → 0 limit of the CK energy. Valid for V = 0 (or m = 0, where V(0) = 0).
    public static func thresholdEnergy(_ model: Model) -> Double {
        let x0 = model.noise(1), x1 = model.xi1(1), x2 = model.xi2(1)
        return -(x0 * x2 - x0 * x1 + x1 * x1) / (x1 * sqrt(x2))
    }

    /// One solution of the marginality condition with its FDT ratio and energy.
    public struct CugliandoloKurchan: Sendable, Equatable {
        /// q_EA: a root of ξ″(q)(1−q)² = T².
        public let qEA: Double
        /// X = (1−q)(qξ″(q) − ξ′(q)) / (qξ′(q)): the slope of Tχ against C in the aging regime.
        public let X: Double
        /// E_∞ = −(1/T)[ξ(1) − (1−X)ξ(q)].
        public let energy: Double
        /// X ∈ [0, 1]: an FDT ratio must be; a branch outside is mathematical only.
        public var isPhysical: Bool { X >= 0 && X <= 1 && qEA > 0 && qEA <= 1 }
    }

    static func ck(_ model: Model, _ q: Double, _ t: Double) -> CugliandoloKurchan {
        let X = (1 - q) * (q * model.xi2(q) - model.xi1(q)) / (q * model.xi1(q))
        return CugliandoloKurchan(qEA: q, X: X, energy: -(model.noise(1) - (1 - X) * model.noise(q)) / t)
    }

    /// Every root of ξ″(q)(1−q)² = T² on (0, 1), ascending, with X and E_∞. At T = 0 the single
    /// branch is q = 1, X = 0, E = E_th (the limit, since X/T and (1−q)/T stay finite).
    public static func cugliandoloKurchanBranches(_ model: Model, temperature: Double) -> [CugliandoloKurchan] {
        if temperature == 0 {
            return [CugliandoloKurchan(qEA: 1, X: 0, energy: thresholdEnergy(model))]
        }
        let t2 = temperature * temperature
        return AsymptoticsRoots.roots(in: 1e-9, 1 - 1e-12) { model.xi2($0) * (1 - $0) * (1 - $0) - t2 }
            .map { ck(model, $0, temperature) }
    }

    /// The CK aging solution reached from a random start below T_d: the branch with the largest
    /// q_EA (the one continuously connected to q = 1 at T = 0), if it is physical (0 ≤ X ≤ 1).
    /// Nil at T ≥ T_d, where the dynamics equilibrates and there is no aging.
    public static func cugliandoloKurchan(_ model: Model, temperature: Double) -> CugliandoloKurchan? {
        if let td = dynamicalTransition(model)?.temperature, temperature >= td { return nil }
        guard let top = cugliandoloKurchanBranches(model, temperature: temperature).last, top.isPhysical else {
            return nil
        }
        return top
    }

    // MARK: - Spiked models: gradient flow

    /// μ of threshold (marginal) states, 2√ξ″(1): the edge of the semicircle of the Hessian.
    public static func thresholdMu(_ model: Model) -> Double { 2 * sqrt(model.xi2(1)) }

    /// V″(0) − √ξ″(1): gradient flow from m₀ → 0⁺ finds the signal iff this is > 0.
    public static func gradientFlowRecoveryMargin(_ model: Model) -> Double {
        model.v2(0) - sqrt(model.xi2(1))
    }

    /// V″(0) − 1: AMP's trivial fixed point is unstable (AMP finds the signal) iff this is > 0.
    public static func ampRecoveryMargin(_ model: Model) -> Double { model.v2(0) - 1 }

    /// A fixed point of gradient flow: m, χ = ∫R, μ, e (REFERENCE §4, four equations).
    public struct GradientFlowFixedPoint: Sendable, Equatable {
        public let m: Double
        public let chi: Double
        public let mu: Double
        public let energy: Double
        /// The m = 0 branch: marginal (threshold) states, μ = 2√ξ″(1), e = E_th. There the response
        /// has a power-law tail and aging contributes to the energy integral, so e ≠ −χξ′(1).
        public let isThreshold: Bool
        /// χ ≤ 1/√ξ″(1): χ is the resolvent of a semicircle at μ, whose physical branch is this one.
        /// A root with larger χ solves the algebra but is not a minimum reached by the flow.
        public var isOnResolventBranch: Bool { chiTimesRootXi2 <= 1 + 1e-12 }
        /// χ√ξ″(1), kept for the branch test and for printing.
        public let chiTimesRootXi2: Double

        /// The residuals of the four equations (all zero at a fixed point with m > 0).
        public func residuals(_ model: Model) -> [Double] {
            let x1 = model.xi1(1), x2 = model.xi2(1), vp = model.v1(m)
            return [mu - (vp / m + chi * x2),
                    mu - (m * vp + chi * (x1 + x2)),
                    mu - (1 / chi + x2 * chi),
                    energy - (-model.signal(m) - chi * x1)]
        }
    }

    /// All fixed points of gradient flow with m ∈ (0, 1], χ > 0, plus the m = 0 threshold branch.
    ///
    /// Eliminating μ: equations 1 = 3 give χ = m/V′(m); equations 2 = 3 then give the scalar equation
    /// V′(m)²(1 − m²) = m² ξ′(1), solved on (0, 1] by bracketing (equations/asymptotics.md §4).
    public static func gradientFlowFixedPoints(_ model: Model) -> [GradientFlowFixedPoint] {
        let x1 = model.xi1(1), x2 = model.xi2(1)
        var out: [GradientFlowFixedPoint] = []
        if model.hasSignal {
            // Divided by m² so that the trivial root m = 0 (present whenever V′(0) = 0) is not counted.
            let g: (Double) -> Double = { m in
                let r = model.v1(m) / m
                return r * r * (1 - m * m) - x1
            }
            for m in AsymptoticsRoots.roots(in: 1e-9, 1, g) where model.v1(m) > 0 {
                let chi = m / model.v1(m)
                out.append(GradientFlowFixedPoint(m: m, chi: chi, mu: 1 / chi + x2 * chi,
                                                  energy: -model.signal(m) - chi * x1, isThreshold: false,
                                                  chiTimesRootXi2: chi * sqrt(x2)))
            }
        }
        let chiTh = 1 / sqrt(x2)
        out.append(GradientFlowFixedPoint(m: 0, chi: chiTh, mu: thresholdMu(model),
                                          energy: thresholdEnergy(model), isThreshold: true,
                                          chiTimesRootXi2: 1))
        return out
    }

    /// The scalar along which a preset's recovery threshold is located, and how to rebuild the model.
    public struct PresetDirection: Sendable {
        /// Parameter name as on the command line ("delta2", "deltap", or "signal-scale" for mixed).
        public let parameter: String
        /// The model's own value of the parameter.
        public let value: Double
        /// The model at another value of the parameter, all else fixed.
        public let model: @Sendable (Double) -> Model?
    }

    /// The preset's natural control parameter: Δ2 for the matrix models (Δp held fixed), Δp for a
    /// spiked tensor of order 2, and the factor s in V → sV for a mixed model with a signal.
    /// Nil when V″(0) = 0 identically along every direction (spiked tensor p ≥ 3, or no signal).
    public static func presetDirection(_ model: Model) -> PresetDirection? {
        switch model.preset {
        case .spikedMatrix(let d2):
            return PresetDirection(parameter: "delta2", value: d2) { try? Model.spikedMatrix(delta2: $0) }
        case .spikedMatrixTensor(let p, let d2, let dp):
            return PresetDirection(parameter: "delta2", value: d2) {
                try? Model.spikedMatrixTensor(p: p, delta2: $0, deltap: dp)
            }
        case .spikedTensor(let p, let dp):
            guard p == 2 else { return nil }
            return PresetDirection(parameter: "deltap", value: dp) { try? Model.spikedTensor(p: 2, deltap: $0) }
        case .mixed:
            guard model.hasSignal, model.v2(0) != 0 else { return nil }
            let noise = model.noise, signal = model.signal
            return PresetDirection(parameter: "signal-scale", value: 1) {
                try? Model(noise: noise, signal: $0 * signal, preset: .mixed)
            }
        case .pspin:
            return nil
        }
    }

    /// Every value of the preset's parameter where `margin` changes sign, searched on a log scale
    /// over [1e-6, 1e6] × (the model's value). For the spiked models the margin is monotone and
    /// there is one root; all are returned so that a non-monotone mixed model is not misreported.
    public static func criticalValues(_ model: Model, margin: @escaping (Model) -> Double)
        -> (parameter: String, values: [Double])? {
        guard let dir = presetDirection(model) else { return nil }
        let centre = log(dir.value)
        let f: (Double) -> Double = { x in dir.model(exp(x)).map(margin) ?? .nan }
        let roots = AsymptoticsRoots.roots(in: centre - log(1e6), centre + log(1e6), f).map { exp($0) }
        return (dir.parameter, roots)
    }

    /// Gradient-flow recovery threshold along the preset's parameter (V″(0) = √ξ″(1)).
    public static func gradientFlowCriticalValues(_ model: Model) -> (parameter: String, values: [Double])? {
        criticalValues(model, margin: gradientFlowRecoveryMargin)
    }

    /// AMP recovery threshold along the preset's parameter (V″(0) = 1).
    public static func ampCriticalValues(_ model: Model) -> (parameter: String, values: [Double])? {
        criticalValues(model, margin: ampRecoveryMargin)
    }

    /// Closed form for the spiked matrix-tensor model: Δ2^GF = [−Δp + √(Δp² + 4(p−1)Δp)] / (2(p−1)).
    public static func spikedMatrixTensorGradientFlowDelta2(p: Int, deltap: Double) -> Double {
        let pm1 = Double(p - 1)
        return (-deltap + sqrt(deltap * deltap + 4 * pm1 * deltap)) / (2 * pm1)
    }

    /// Heuristic Langevin (T = 1) threshold Δ2 = √(Δp/2) for p = 3, Δp < 2 ("Marvels and pitfalls");
    /// REFERENCE marks it *(to confirm)*. Nil outside its stated range.
    public static func langevinHeuristicDelta2(p: Int, deltap: Double) -> Double? {
        guard p == 3, deltap > 0, deltap < 2 else { return nil }
        return sqrt(deltap / 2)
    }

    // MARK: - AMP state evolution

    /// A fixed point of m ← V′(m)/(1 + V′(m)).
    public struct AMPFixedPoint: Sendable, Equatable {
        /// Overlap of AMP's posterior mean with x*; also its squared norm q (Bayes-optimal), and the
        /// equilibrium overlap of Langevin at T = 1 (Nishimori).
        public let m: Double
        /// d/dm of the map at the fixed point, V″(m)/(1+V′(m))².
        public let slope: Double
        public var isStable: Bool { abs(slope) < 1 }
        /// m/√q = √m: the overlap of AMP's estimate normalised to the sphere.
        public var normalisedOverlap: Double { sqrt(max(0, m)) }
    }

    /// All fixed points of the state evolution on [0, 1), ascending, with their stability.
    /// The map is m ↦ V′/(1+V′); fixed points solve V′(m)(1 − m) = m.
    public static func ampFixedPoints(_ model: Model) -> [AMPFixedPoint] {
        let map: (Double) -> Double = { m in model.v1(m) * (1 - m) - m }
        var ms = AsymptoticsRoots.roots(in: 1e-9, 1 - 1e-12, map)
        if model.v1(0) == 0 { ms.insert(0, at: 0) }
        return ms.map { m in
            let vp = model.v1(m)
            return AMPFixedPoint(m: m, slope: model.v2(m) / ((1 + vp) * (1 + vp)))
        }
    }

    /// The state-evolution fixed point reached by iterating from m₀ (default: uninformed, 1e-9).
    /// The map is increasing in m for V′ ≥ 0, so iteration is monotone: it climbs to the smallest
    /// fixed point above m₀ when map(m₀) > m₀, and otherwise descends to the largest one below.
    public static func ampFixedPointReached(_ model: Model, from m0: Double = 1e-9) -> AMPFixedPoint? {
        guard model.hasSignal else { return nil }
        let points = ampFixedPoints(model)
        let vp = model.v1(m0)
        if vp / (1 + vp) > m0 {
            return points.first { $0.m > m0 }
        }
        return points.last { $0.m <= m0 }
    }

    /// The informative fixed point (largest stable m): the Bayes-optimal overlap when it is the
    /// global optimum of the free entropy (which this function does not check).
    public static func ampInformativeFixedPoint(_ model: Model) -> AMPFixedPoint? {
        ampFixedPoints(model).last { $0.isStable && $0.m > 0 }
    }
}
