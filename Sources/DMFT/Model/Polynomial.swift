import Foundation

/// A polynomial Σₖ cₖ xᵏ with exact derivatives.
///
/// ξ(q) and V(m) of REFERENCE §1 are both of this form. Coefficients are kept dense (index = degree)
/// so that the hot loops of the integrators evaluate by Horner's rule without dictionary look-ups.
public struct Polynomial: Sendable, Hashable, Codable {
    /// `coefficients[k]` multiplies xᵏ.
    public let coefficients: [Double]

    public init(coefficients: [Double]) {
        var c = coefficients
        while let last = c.last, last == 0 { c.removeLast() }
        self.coefficients = c
    }

    /// Builds Σ c·x^k from (k, c) pairs; repeated degrees add up.
    public init(terms: [(degree: Int, coefficient: Double)]) {
        let top = terms.map(\.degree).max() ?? 0
        var c = [Double](repeating: 0, count: top + 1)
        for t in terms { c[t.degree] += t.coefficient }
        self.init(coefficients: c)
    }

    public static let zero = Polynomial(coefficients: [])

    public var isZero: Bool { coefficients.isEmpty }
    public var degree: Int { coefficients.count - 1 }

    /// The non-zero terms as (degree, coefficient), lowest degree first.
    public var terms: [(degree: Int, coefficient: Double)] {
        coefficients.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) }
    }

    @inlinable
    public func callAsFunction(_ x: Double) -> Double {
        var acc = 0.0
        var k = coefficients.count - 1
        while k >= 0 {
            acc = acc * x + coefficients[k]
            k -= 1
        }
        return acc
    }

    public var derivative: Polynomial {
        guard coefficients.count > 1 else { return .zero }
        return Polynomial(coefficients: (1..<coefficients.count).map { Double($0) * coefficients[$0] })
    }

    /// The n-th derivative.
    public func derivative(_ n: Int) -> Polynomial {
        var p = self
        for _ in 0..<n { p = p.derivative }
        return p
    }

    public static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        let n = max(a.coefficients.count, b.coefficients.count)
        var c = [Double](repeating: 0, count: n)
        for (k, v) in a.coefficients.enumerated() { c[k] += v }
        for (k, v) in b.coefficients.enumerated() { c[k] += v }
        return Polynomial(coefficients: c)
    }

    public static func * (s: Double, a: Polynomial) -> Polynomial {
        Polynomial(coefficients: a.coefficients.map { s * $0 })
    }

    /// The polynomial restricted to one degree: the "channel" k of REFERENCE §2 (protocols).
    public func channel(_ k: Int) -> Polynomial {
        guard k < coefficients.count else { return .zero }
        var c = [Double](repeating: 0, count: k + 1)
        c[k] = coefficients[k]
        return Polynomial(coefficients: c)
    }

    /// "3:0.5,4:0.5" style, the form the CLI reads and writes.
    public var termList: String {
        terms.map { "\($0.degree):\($0.coefficient)" }.joined(separator: ",")
    }

    /// Six significant digits, for labels (run.json keeps the full coefficients).
    static func short(_ x: Double) -> String {
        var text = String(x)
        if text.count > 8, let rounded = Double(String(format: "%.6g", x)) { text = String(rounded) }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Human-readable form such as `0.5 q^3 + 0.5 q^4`.
    public func formatted(variable: String) -> String {
        if isZero { return "0" }
        return terms.map { "\(Polynomial.short($0.coefficient)) \(variable)^\($0.degree)" }.joined(separator: " + ")
    }
}
