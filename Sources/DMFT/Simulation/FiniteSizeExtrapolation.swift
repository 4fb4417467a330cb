/// Extrapolation of finite-N sample means to N → ∞ (equations/simulation.md §4).
///
/// Form: y(N) = y∞ + b/N, fitted by weighted least squares with weights 1/σ_N², where σ_N is the
/// standard error of the sample mean at size N. Leading finite-size corrections of self-averaging
/// observables of these models (energy, overlap at fixed time) are O(1/N), hence the form.
public struct FiniteSizeExtrapolation: Sendable, Equatable {
    /// The N → ∞ value y∞ and its standard error.
    public var value: Double
    public var error: Double
    /// The coefficient b of 1/N and its standard error.
    public var slope: Double
    public var slopeError: Double
    /// Σ (residual/σ)², with `degreesOfFreedom` = points − 2 (NaN when there are fewer than 3).
    public var chiSquared: Double
    public var degreesOfFreedom: Int
    /// How many sizes went into the fit.
    public var points: Int

    /// `sizes[k]`, `values[k]` ± `errors[k]`. With one size there is nothing to extrapolate: the value
    /// at that size is returned with its error and a NaN slope.
    public init(sizes: [Int], values: [Double], errors: [Double]) throws {
        guard !sizes.isEmpty, sizes.count == values.count, values.count == errors.count else {
            throw DMFTError.invalidParameter("sizes", "need one value and one error per size")
        }
        for (n, e) in zip(sizes, errors) where !(n > 0 && e.isFinite && e > 0) {
            throw DMFTError.invalidParameter("errors", "every size needs a positive finite error bar (N = \(n) has \(e)); use ≥ 2 samples")
        }
        points = sizes.count
        if Set(sizes).count == 1 {
            let w = errors.map { 1 / ($0 * $0) }
            let sw = w.reduce(0, +)
            value = zip(w, values).reduce(0) { $0 + $1.0 * $1.1 } / sw
            error = (1 / sw).squareRoot()
            slope = .nan; slopeError = .nan; chiSquared = .nan; degreesOfFreedom = 0
            return
        }
        // Normal equations of min Σ w (y − a − b u)², u = 1/N.
        var s = 0.0, su = 0.0, suu = 0.0, sy = 0.0, suy = 0.0
        for k in sizes.indices {
            let w = 1 / (errors[k] * errors[k])
            let u = 1 / Double(sizes[k])
            s += w; su += w * u; suu += w * u * u; sy += w * values[k]; suy += w * u * values[k]
        }
        let det = s * suu - su * su
        value = (suu * sy - su * suy) / det
        slope = (s * suy - su * sy) / det
        error = (suu / det).squareRoot()
        slopeError = (s / det).squareRoot()
        var chi2 = 0.0
        for k in sizes.indices {
            let r = (values[k] - value - slope / Double(sizes[k])) / errors[k]
            chi2 += r * r
        }
        degreesOfFreedom = sizes.count - 2
        chiSquared = degreesOfFreedom > 0 ? chi2 : .nan
    }

    /// (y∞ − reference)/σ(y∞): the discrepancy with a reference (DMFT) in units of the error bar.
    public func discrepancy(from reference: Double) -> Double { (value - reference) / error }
}
