/// The model seen through a protocol's channel weights (REFERENCE §2, "Protocols"):
///
///     ξ_{t,s}(q) = Σ_k w_k(t) w_k(s) a_k q^k,   V_t(m) = Σ_k w_k(t) b_k m^k,
///
/// with ξ′, ξ″ taken in q. The weights are tabulated on the integrator's grid once, so a kernel
/// evaluation costs one pass over the channels.
public struct WeightedKernels: Sendable {
    public let noiseTerms: [(degree: Int, coefficient: Double)]
    public let signalTerms: [(degree: Int, coefficient: Double)]
    /// noiseWeights[c][i] = w_k(t_i) for noise term c; likewise for the signal.
    public let noiseWeights: [[Double]]
    public let signalWeights: [[Double]]
    /// w_k at t = h/2, for the midpoint of the first cell (see equations/uniform-grid.md).
    public let noiseWeightsAtHalfStep: [Double]

    public init(model: Model, drive: DrivingProtocol, times: [Double]) {
        noiseTerms = model.noise.terms
        signalTerms = model.signal.terms
        noiseWeights = noiseTerms.map { term in times.map { drive.weight(term.degree, at: $0) } }
        signalWeights = signalTerms.map { term in times.map { drive.weight(term.degree, at: $0) } }
        let half = times.count > 1 ? 0.5 * times[1] : 0
        noiseWeightsAtHalfStep = noiseTerms.map { drive.weight($0.degree, at: half) }
    }

    /// (ξ_{t_i,t_s}(q), ξ′, ξ″); node −1 stands for s = h/2.
    @inlinable
    public func noise(_ q: Double, row i: Int, node s: Int) -> (xi: Double, xi1: Double, xi2: Double) {
        var xi = 0.0, xi1 = 0.0, xi2 = 0.0
        for (c, term) in noiseTerms.enumerated() {
            let ws = s >= 0 ? noiseWeights[c][s] : noiseWeightsAtHalfStep[c]
            let a = term.coefficient * noiseWeights[c][i] * ws
            let k = term.degree
            let qk2 = k >= 2 ? pow(q, k - 2) : 0
            xi2 += Double(k * (k - 1)) * a * qk2
            let qk1 = k >= 2 ? qk2 * q : 1
            xi1 += Double(k) * a * qk1
            xi += a * qk1 * q
        }
        return (xi, xi1, xi2)
    }

    /// (V_{t_i}(m), V′_{t_i}(m)).
    @inlinable
    public func signal(_ m: Double, row i: Int) -> (v: Double, v1: Double) {
        var v = 0.0, v1 = 0.0
        for (c, term) in signalTerms.enumerated() {
            let b = term.coefficient * signalWeights[c][i]
            let k = term.degree
            let mk1 = pow(m, k - 1)
            v1 += Double(k) * b * mk1
            v += b * mk1 * m
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
