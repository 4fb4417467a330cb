/// Quadrature weights on a uniform grid: the trapezoidal rule with Gregory end corrections.
///
/// With corrections through second differences at both ends, the rule is exact for cubics and its
/// error is O(h⁴) for smooth integrands; on two intervals it is Simpson's rule. One interval falls
/// back to the trapezoid (error O(h³), but such an integral only appears on the newest diagonal).
/// Interior weights are h; the corrections touch three nodes at each end, which is what lets the
/// integrators compute every partial integral ∫_{t_j} … with one BLAS product plus O(1) work per j.
public enum GregoryQuadrature {
    /// Corrections to the weight h at the first three nodes of an integral of ≥ 2 intervals
    /// (so the weights there are 3h/8, 7h/6, 23h/24); the same, mirrored, at the last three.
    public static let endCorrections: [Double] = [-5.0 / 8.0, 1.0 / 6.0, -1.0 / 24.0]

    /// The weights of ∫ over `intervals` intervals of width h (intervals + 1 nodes).
    public static func weights(intervals n: Int, h: Double) -> [Double] {
        switch n {
        case 0: return [0]
        case 1: return [0.5 * h, 0.5 * h]
        default:
            var w = [Double](repeating: h, count: n + 1)
            for k in 0..<3 {
                w[k] += h * endCorrections[k]
                w[n - k] += h * endCorrections[k]
            }
            return w
        }
    }
}
