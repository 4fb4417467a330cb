/// The model seen through a protocol's channel weights (REFERENCE §2, "Protocols"):
///
///     ξ_{t,s}(q) = Σ_k w_k(t) w_k(s) a_k q^k,   V_t(m) = Σ_k w_k(t) b_k m^k,
///
/// with ξ′, ξ″ taken in q. The uniform grid tabulates the weights on its grid once (`row`/`node`);
/// grids that change (the coarsening grid) ask for the weights at a time and combine the per-channel
/// pieces themselves (`noiseWeights(at:)`, `noiseTerm`). Every formula in q or m is in `monomial`.
public struct WeightedKernels: Sendable {
    public let noiseTerms: [(degree: Int, coefficient: Double)]
    public let signalTerms: [(degree: Int, coefficient: Double)]
    /// noiseWeights[c][i] = w_k(t_i) for noise term c; likewise for the signal.
    public let noiseWeights: [[Double]]
    public let signalWeights: [[Double]]
    /// w_k at t = h/2, for the midpoint of the first cell (see equations/uniform-grid.md).
    public let noiseWeightsAtHalfStep: [Double]
    public let drive: DrivingProtocol

    /// `times`: the grid to tabulate on (empty for a grid that changes).
    public init(model: Model, drive: DrivingProtocol, times: [Double] = []) {
        self.drive = drive
        noiseTerms = model.noise.terms
        signalTerms = model.signal.terms
        noiseWeights = noiseTerms.map { term in times.map { drive.weight(term.degree, at: $0) } }
        signalWeights = signalTerms.map { term in times.map { drive.weight(term.degree, at: $0) } }
        let half = times.count > 1 ? 0.5 * times[1] : 0
        noiseWeightsAtHalfStep = noiseTerms.map { drive.weight($0.degree, at: half) }
    }

    /// w_k(t) of every noise term, in the order of `noiseTerms`.
    public func noiseWeights(at t: Double) -> [Double] { noiseTerms.map { drive.weight($0.degree, at: t) } }
    /// w_k(t) of every signal term, in the order of `signalTerms`.
    public func signalWeights(at t: Double) -> [Double] { signalTerms.map { drive.weight($0.degree, at: t) } }

    /// (a q^k, k a q^{k−1}, k(k−1) a q^{k−2}): one channel of ξ and its q-derivatives.
    @inlinable
    public func monomial(_ k: Int, _ a: Double, _ q: Double) -> (xi: Double, xi1: Double, xi2: Double) {
        let qk2 = k >= 2 ? pow(q, k - 2) : 0
        let qk1 = k >= 2 ? qk2 * q : 1
        return (a * qk1 * q, Double(k) * a * qk1, Double(k * (k - 1)) * a * qk2)
    }

    /// The unweighted noise term c: (a_k q^k, its ξ′, ξ″).
    @inlinable
    public func noiseTerm(_ c: Int, _ q: Double) -> (xi: Double, xi1: Double, xi2: Double) {
        monomial(noiseTerms[c].degree, noiseTerms[c].coefficient, q)
    }

    /// (ξ_{t,s}(q), ξ′, ξ″) for the weight products wt[c]·ws[offset + c] of w_k(t) and w_k(s) (`offset`: where
    /// s's weights start in a table of several nodes').
    @inlinable
    public func noise(_ q: Double, weightsAtT wt: [Double], weightsAtS ws: [Double], offset: Int = 0) -> (xi: Double, xi1: Double, xi2: Double) {
        var xi = 0.0, xi1 = 0.0, xi2 = 0.0
        for (c, term) in noiseTerms.enumerated() {
            let p = monomial(term.degree, term.coefficient * wt[c] * ws[offset + c], q)
            xi += p.xi; xi1 += p.xi1; xi2 += p.xi2
        }
        return (xi, xi1, xi2)
    }

    /// (ξ_{t_i,t_s}(q), ξ′, ξ″) on the tabulated grid; node −1 stands for s = h/2.
    @inlinable
    public func noise(_ q: Double, row i: Int, node s: Int) -> (xi: Double, xi1: Double, xi2: Double) {
        var xi = 0.0, xi1 = 0.0, xi2 = 0.0
        for (c, term) in noiseTerms.enumerated() {
            let ws = s >= 0 ? noiseWeights[c][s] : noiseWeightsAtHalfStep[c]
            let p = monomial(term.degree, term.coefficient * noiseWeights[c][i] * ws, q)
            xi += p.xi; xi1 += p.xi1; xi2 += p.xi2
        }
        return (xi, xi1, xi2)
    }

    /// (V_t(m), V′_t(m)) for the signal weights w = signalWeights(at: t).
    @inlinable
    public func signal(_ m: Double, weights w: [Double]) -> (v: Double, v1: Double) {
        var v = 0.0, v1 = 0.0
        for (c, term) in signalTerms.enumerated() {
            let p = monomial(term.degree, term.coefficient * w[c], m)
            v += p.xi; v1 += p.xi1
        }
        return (v, v1)
    }

    /// (V_{t_i}(m), V′_{t_i}(m)) on the tabulated grid.
    @inlinable
    public func signal(_ m: Double, row i: Int) -> (v: Double, v1: Double) {
        var v = 0.0, v1 = 0.0
        for (c, term) in signalTerms.enumerated() {
            let p = monomial(term.degree, term.coefficient * signalWeights[c][i], m)
            v += p.xi; v1 += p.xi1
        }
        return (v, v1)
    }

    @usableFromInline
    func pow(_ x: Double, _ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= x }
        return r
    }
}
