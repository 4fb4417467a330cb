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

/// ∫ F dG over nodes s_0 < … < s_n from the values of F and G at the nodes, on any spacing.
///
/// On panels of two cells F and G are replaced by their quadratic interpolants and ∫ F G′ ds is taken
/// exactly (two-point Gauss: the integrand is cubic), so the rule is third order in the spacing where the
/// cell sums ½(F_q + F_{q+1})(G_{q+1} − G_q) are second order, for the same node values. With an odd
/// number of cells the last one integrates the quadratic through its nodes and the one before; a single
/// cell is the trapezoid. The nodes must not nearly coincide (the interpolant would amplify errors in the
/// values by the ratio of the spacings).
public struct StieltjesPanels: Sendable {
    /// First node of each panel's three interpolation nodes.
    let first: [Int]
    /// W[9p + 3a + b] = ∫ L_a L_b′ ds over the cells of panel p, L the Lagrange basis of its nodes.
    let weights: [Double]
    let nodeCount: Int

    /// `breaks`: interior node indices that no panel straddles (where F or G has a kink): the panels are laid
    /// out on each stretch between them, and a stretch of one cell is the trapezoid.
    public init(nodes s: [Double], breaks: [Int] = []) {
        nodeCount = s.count
        var first: [Int] = [], w: [Double] = []
        let cells = s.count - 1
        if cells >= 2 {
            first.reserveCapacity((cells + 1) / 2 + breaks.count)
            w.reserveCapacity(9 * ((cells + 1) / 2 + breaks.count))
            let ends = [0] + breaks.filter { $0 > 0 && $0 < cells }.sorted() + [cells]
            for (lo, hi) in zip(ends, ends.dropFirst()) where hi > lo {
                if hi - lo == 1 {
                    // The trapezoid ½(F_lo + F_hi)(G_hi − G_lo), written on a panel of three nodes that contains the cell.
                    let start = lo + 2 <= cells ? lo : lo - 1, a = lo - start
                    first.append(start)
                    var panel = [Double](repeating: 0, count: 9)
                    for i in [a, a + 1] { panel[3 * i + a] = -0.5; panel[3 * i + a + 1] = 0.5 }
                    w += panel
                    continue
                }
                var p = lo
                while p + 2 <= hi {
                    first.append(p)
                    Self.appendPanel(s[p], s[p + 1], s[p + 2], from: s[p], to: s[p + 2], into: &w)
                    p += 2
                }
                if p < hi {
                    first.append(hi - 2)
                    Self.appendPanel(s[hi - 2], s[hi - 1], s[hi], from: s[hi - 1], to: s[hi], into: &w)
                }
            }
        }
        self.first = first
        weights = w
    }

    /// Appends ∫_lo^hi L_a L_b′ ds, a-major, for the quadratic Lagrange basis on (x0, x1, x2). Called for every
    /// panel of every target of every row, so it allocates nothing.
    static func appendPanel(_ x0: Double, _ x1: Double, _ x2: Double, from lo: Double, to hi: Double,
                            into w: inout [Double]) {
        let half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo), g = half / 3.0.squareRoot()
        let d0 = (x0 - x1) * (x0 - x2), d1 = (x1 - x2) * (x1 - x0), d2 = (x2 - x0) * (x2 - x1)
        // The basis and its derivative at y.
        func basis(_ y: Double) -> (l: (Double, Double, Double), dl: (Double, Double, Double)) {
            (((y - x1) * (y - x2) / d0, (y - x2) * (y - x0) / d1, (y - x0) * (y - x1) / d2),
             (((y - x1) + (y - x2)) / d0, ((y - x2) + (y - x0)) / d1, ((y - x0) + (y - x1)) / d2))
        }
        @inline(__always) func at(_ v: (Double, Double, Double), _ i: Int) -> Double { i == 0 ? v.0 : i == 1 ? v.1 : v.2 }
        let (p, q) = (basis(mid - g), basis(mid + g))
        for a in 0..<3 {
            for b in 0..<3 { w.append(half * at(p.l, a) * at(p.dl, b) + half * at(q.l, a) * at(q.dl, b)) }
        }
    }

    /// ∫ F dG from F and G at the nodes.
    @inline(__always) public func integrate(_ f: UnsafePointer<Double>, _ g: UnsafePointer<Double>) -> Double {
        if nodeCount < 3 { return nodeCount == 2 ? 0.5 * (f[0] + f[1]) * (g[1] - g[0]) : 0 }
        var sum = 0.0
        weights.withUnsafeBufferPointer { w in
            for p in 0..<first.count {
                let s = first[p], o = 9 * p
                let g0 = g[s], g1 = g[s + 1], g2 = g[s + 2]
                sum += f[s] * (w[o] * g0 + w[o + 1] * g1 + w[o + 2] * g2)
                    + f[s + 1] * (w[o + 3] * g0 + w[o + 4] * g1 + w[o + 5] * g2)
                    + f[s + 2] * (w[o + 6] * g0 + w[o + 7] * g1 + w[o + 8] * g2)
            }
        }
        return sum
    }
}

/// Variable-step BDF on the times t₀ > t₁ > … > t_q (q ≤ 3): y(t₀) = Σ_{j≥1} a_j y(t_j) + β f(t₀), from the
/// derivative at t₀ of the polynomial through the q + 1 points. Read backwards, (y(t₀) − Σ a_j y(t_j))/β is
/// that derivative: the backward difference of order q on any spacing.
public struct VariableStepBDF: Sendable {
    public let a: (Double, Double, Double)
    public let beta: Double
    public init(times: [Double]) {
        let t0 = times[0], q = times.count - 1
        precondition(q >= 1 && q <= 3)
        var l0 = 0.0
        for j in 1...q { l0 += 1 / (t0 - times[j]) }
        var a = [0.0, 0.0, 0.0]
        for j in 1...q {
            var lj = 1 / (times[j] - t0)
            for i in 1...q where i != j { lj *= (t0 - times[i]) / (times[j] - times[i]) }
            a[j - 1] = -lj / l0
        }
        self.a = (a[0], a[1], a[2])
        beta = 1 / l0
    }
    @inline(__always) public func history(_ y: (Double, Double, Double)) -> Double { a.0 * y.0 + a.1 * y.1 + a.2 * y.2 }
}
