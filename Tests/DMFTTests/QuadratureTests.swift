import Foundation
import Testing
import DMFT

/// The rules the geometric grid is built from (Sources/DMFT/Integrators/Quadrature.swift), on uneven
/// spacing, where they are used.
@Suite struct QuadratureTests {
    /// Uneven nodes on [0, 2]: a geometric stretch with a jolt in the middle, as where two node
    /// sequences meet.
    static func unevenNodes(_ n: Int) -> [Double] {
        var s = (0...n).map { k -> Double in let x = Double(k) / Double(n); return 2 * x * (1 + 0.3 * x) / 1.3 }
        if n >= 4 { s[n / 2] += 0.3 * (s[n / 2 + 1] - s[n / 2]) }
        return s
    }

    /// Exact when F and G are quadratics: ∫ F dG = ∫ F G′ ds in closed form, on an even and an odd
    /// number of cells (the odd one ends with a single-cell panel).
    @Test(arguments: [6, 7])
    func stieltjesPanelsAreExactForQuadratics(cells: Int) {
        let s = Self.unevenNodes(cells)
        let f = s.map { 1 - 0.5 * $0 + 0.75 * $0 * $0 }, g = s.map { 0.2 + 2 * $0 - 0.6 * $0 * $0 }
        let rule = StieltjesPanels(nodes: s)
        let b = s.last!
        // F G′ = (1 − x/2 + 3x²/4)(2 − 1.2x), integrated from 0 to b.
        let exact = 2 * b - (1.2 + 1) / 2 * b * b + (0.6 + 1.5) / 3 * b * b * b - 0.9 / 4 * b * b * b * b
        let sum = rule.integrate(f, g)
        #expect(abs(sum - exact) < 1e-13 * max(1, abs(exact)))
    }

    /// Third order on smooth integrands: halving every cell divides the error by about 8 (the trapezoid
    /// cell sums the geometric grid used before divide it by 4).
    @Test func stieltjesPanelsConvergeAtThirdOrder() {
        let exact: Double = {
            // ∫₀² sin(s) d(e^{−s}) = −∫₀² sin(s) e^{−s} ds = −[1 − e^{−2}(sin 2 + cos 2)]/2
            -(1 - exp(-2) * (sin(2) + cos(2))) / 2
        }()
        let errors = [8, 16, 32].map { n -> Double in
            let s = Self.unevenNodes(n)
            return abs(StieltjesPanels(nodes: s).integrate(s.map(sin), s.map { exp(-$0) }) - exact)
        }
        print("Stieltjes panels, errors on 8, 16, 32 cells: \(errors)")
        #expect(errors[0] / errors[1] > 6.5 && errors[1] / errors[2] > 6.5)
    }

    /// A kink of F at a node (a channel weight's w(s) at the end of a ramp): declared a break, no panel straddles
    /// it and the rule stays third order (error ratios > 6.5 on halving); straddled, the panels there lose
    /// two orders. Stretches of one cell (the trapezoid) next to a break are exercised too. F = sin(s) + |s − u|
    /// with u = 0.7 a node, G = e^{−s} on [0, 2].
    @Test func breaksKeepTheOrderAtAKink() {
        let u = 0.7
        let exact: Double = {
            // −∫₀² (sin s + |s − u|) e^{−s} ds, the |s − u| part split at u.
            let sinPart: Double = (1 - exp(-2.0) * (sin(2.0) + cos(2.0))) / 2
            let below = (u - 1) + exp(-u)            // ∫₀^u (u − s) e^{−s} ds
            let above = exp(-u) - exp(-2) * (2 - u + 1)  // ∫_u² (s − u) e^{−s} ds
            return -(sinPart + below + above)
        }()
        func integral(_ n: Int, breaks: Bool) -> Double {
            // n cells on [0, u] and n on [u, 2], uneven, u the node n: n odd puts it inside a panel unless declared.
            let left = (0...n).map { u * pow(Double($0) / Double(n), 1.3) }
            let right = (1...n).map { u + (2 - u) * pow(Double($0) / Double(n), 1.2) }
            let s = left + right
            return StieltjesPanels(nodes: s, breaks: breaks ? [n] : []).integrate(s.map { sin($0) + abs($0 - u) }, s.map { exp(-$0) })
        }
        let kept = [7, 15, 31].map { abs(integral($0, breaks: true) - exact) }
        let straddled = [7, 15, 31].map { abs(integral($0, breaks: false) - exact) }
        print("Stieltjes panels with a kink: errors with the break \(kept), straddled \(straddled)")
        #expect(kept[0] / kept[1] > 6.5 && kept[1] / kept[2] > 6.5)
        #expect(straddled[2] > 10 * kept[2])
        // One-cell stretches (a break at every interior node): each cell is the trapezoid ½(F₀ + F₁)(G₁ − G₀).
        let s = [0.0, 0.3, 0.5, 1.1, 1.4]
        let one = StieltjesPanels(nodes: s, breaks: [1, 2, 3]).integrate(s.map { 2 * $0 + 1 }, s.map { $0 * $0 })
        #expect(abs(one - s.indices.dropFirst().map { k in (s[k - 1] + s[k] + 1) * (s[k] * s[k] - s[k - 1] * s[k - 1]) }.reduce(0, +)) < 1e-12)
    }

    /// y(t₀) = Σ a_j y(t_j) + β y′(t₀) holds exactly for polynomials of degree ≤ q on uneven times.
    @Test(arguments: [1, 2, 3])
    func variableStepBDFIsExactForPolynomialsOfItsOrder(order: Int) {
        let times = [2.0, 1.7, 1.25, 0.6].prefix(order + 1).map { $0 }
        let bdf = VariableStepBDF(times: times)
        for degree in 0...order {
            let y = { (t: Double) in pow(t, Double(degree)) - 0.5 * t }
            let dy = degree == 0 ? -0.5 : Double(degree) * pow(times[0], Double(degree - 1)) - 0.5
            let past = (y(times[1]), order >= 2 ? y(times[2]) : 0, order >= 3 ? y(times[3]) : 0)
            #expect(abs(bdf.history(past) + bdf.beta * dy - y(times[0])) < 1e-12)
        }
    }
}
