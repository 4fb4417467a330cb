import Foundation

/// Bracketed scalar root finding for the analytic predictions (equations/asymptotics.md §0).
///
/// Every equation of REFERENCE §4 is a smooth scalar equation on a bounded interval, but several of
/// them have more than one root (e.g. ξ″(q)(1−q)² = T² has two roots for pure p-spin). So roots are
/// never polished from a guess: the interval is scanned for sign changes on a fine grid and each
/// bracket is then shrunk by bisection to machine precision, which cannot jump branches.
public enum AsymptoticsRoots {
    /// Default number of scan cells. 4000 cells separate roots closer than 1/4000 of the interval
    /// only if the function changes sign in between; roots that touch zero without crossing (double
    /// roots) are found by the minimum check in `roots`.
    public static let defaultSamples = 4000

    /// The root of f in [a, b], given f(a)·f(b) ≤ 0, by bisection to machine precision.
    public static func bisect(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        var lo = a, hi = b
        var flo = f(lo)
        if flo == 0 { return lo }
        if f(hi) == 0 { return hi }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            let fm = f(mid)
            if fm == 0 { return mid }
            if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// All roots of f in [a, b], ascending: sign changes on a grid of `samples` cells, each refined
    /// by bisection. Tangential roots (|f| tiny at a local minimum of |f| without a sign change) are
    /// reported too, refined by golden section on |f|, when |f| there is below `tangentTolerance`.
    public static func roots(in a: Double, _ b: Double, samples: Int = defaultSamples,
                             tangentTolerance: Double = 1e-12, _ f: (Double) -> Double) -> [Double] {
        precondition(b > a && samples >= 2)
        let xs = (0...samples).map { a + (b - a) * Double($0) / Double(samples) }
        let fs = xs.map(f)
        var found: [Double] = []
        for k in 0..<samples {
            let f0 = fs[k], f1 = fs[k + 1]
            guard f0.isFinite, f1.isFinite else { continue }
            if f0 == 0 { found.append(xs[k]); continue }
            if (f0 < 0) != (f1 < 0), f1 != 0 {
                found.append(bisect(xs[k], xs[k + 1], f))
            }
        }
        if let last = fs.last, last == 0 { found.append(b) }
        // Tangential roots: a local minimum of |f| strictly inside, with no sign change around it.
        for k in 1..<samples where fs[k].isFinite && fs[k - 1].isFinite && fs[k + 1].isFinite {
            let (l, c, r) = (abs(fs[k - 1]), abs(fs[k]), abs(fs[k + 1]))
            guard c < l, c <= r, (fs[k - 1] < 0) == (fs[k + 1] < 0), (fs[k] < 0) == (fs[k - 1] < 0) else { continue }
            let x = goldenMinimum(xs[k - 1], xs[k + 1]) { abs(f($0)) }
            if abs(f(x)) < tangentTolerance { found.append(x) }
        }
        found.sort()
        // Neighbouring cells can both report a root sitting on a grid point.
        var unique: [Double] = []
        for x in found where unique.last.map({ abs($0 - x) > 1e-12 * max(1, abs(x)) }) ?? true {
            unique.append(x)
        }
        return unique
    }

    /// The minimiser of a unimodal g on [a, b] by golden-section search.
    public static func goldenMinimum(_ a: Double, _ b: Double, iterations: Int = 200,
                                     _ g: (Double) -> Double) -> Double {
        let r = (sqrt(5.0) - 1) / 2
        var lo = a, hi = b
        var x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo)
        var g1 = g(x1), g2 = g(x2)
        for _ in 0..<iterations {
            if hi - lo <= 1e-15 * max(1, abs(lo)) { break }
            if g1 < g2 {
                hi = x2; x2 = x1; g2 = g1
                x1 = hi - r * (hi - lo); g1 = g(x1)
            } else {
                lo = x1; x1 = x2; g1 = g2
                x2 = lo + r * (hi - lo); g2 = g(x2)
            }
        }
        return 0.5 * (lo + hi)
    }

    /// The local maxima of g strictly inside (a, b), each refined by golden section, plus a flag
    /// when the supremum is approached at the left end (g decreasing from a).
    public static func localMaxima(in a: Double, _ b: Double, samples: Int = defaultSamples,
                                   _ g: (Double) -> Double) -> [Double] {
        let xs = (0...samples).map { a + (b - a) * Double($0) / Double(samples) }
        let gs = xs.map(g)
        var maxima: [Double] = []
        for k in 1..<samples where gs[k] >= gs[k - 1] && gs[k] > gs[k + 1] {
            maxima.append(goldenMinimum(xs[k - 1], xs[k + 1]) { -g($0) })
        }
        return maxima
    }
}
