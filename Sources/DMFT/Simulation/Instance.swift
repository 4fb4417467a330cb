/// One finite-N draw of the model of REFERENCE §1: a planted x* on the sphere |x|² = N and the
/// couplings of H₀, with H(x) = −N V(x·x*/N) + H₀(x). The V term is evaluated exactly, not sampled.
///
/// Owns its scratch space, so one instance serves one thread; samples never share one.
public final class ModelInstance {
    public let model: Model
    public let size: Int
    public let planted: [Double]
    public let tensors: [CouplingTensor]
    private var bases: [MonomialBasis]
    /// −∇H₀⁽ᵏ⁾ per degree, kept apart because H₀⁽ᵏ⁾(x) = x·∇H₀⁽ᵏ⁾/k needs each degree alone.
    private var partial: [[Double]]

    /// Draws x* first, then the tensors in increasing degree, from `random`.
    public init(model: Model, size n: Int, random: inout SampleRandom) {
        self.model = model
        size = n
        planted = ModelInstance.uniformOnSphere(size: n, random: &random)
        var tensors: [CouplingTensor] = []
        for term in model.noise.terms {
            tensors.append(CouplingTensor(size: n, degree: term.degree, coefficient: term.coefficient, random: &random))
        }
        self.tensors = tensors
        bases = tensors.map { MonomialBasis(size: n, order: $0.degree - 1) }
        partial = tensors.map { _ in [Double](repeating: 0, count: n) }
    }

    /// Bytes an instance needs: the tensors dominate.
    public static func memoryBytes(model: Model, size n: Int) -> Double {
        model.noise.terms.reduce(0.0) {
            $0 + 8 * (CouplingTensor.storedElements(size: n, degree: $1.degree)
                      + 2 * binomialDouble(n + $1.degree - 2, $1.degree - 1))
        } + 64 * Double(n)
    }

    /// Floating-point operations of one call of `force`.
    public var flopsPerForce: Double { tensors.reduce(0) { $0 + $1.flopsPerGradient } }

    /// x uniform on the sphere: a Gaussian vector rescaled to |x|² = N.
    public static func uniformOnSphere(size n: Int, random: inout SampleRandom) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        random.fillNormal(&x)
        let scale = (Double(n) / x.reduce(0) { $0 + $1 * $1 }).squareRoot()
        for i in 0..<n { x[i] *= scale }
        return x
    }

    /// A uniform point of the sphere with overlap exactly m0 with x*: m0·x* plus a uniform direction
    /// orthogonal to x* of length √(N(1 − m0²)).
    public func start(overlap m0: Double, random: inout SampleRandom) -> [Double] {
        let n = size
        var u = [Double](repeating: 0, count: n)
        random.fillNormal(&u)
        let proj = dot(u, planted) / Double(n)
        for i in 0..<n { u[i] -= proj * planted[i] }
        let scale = (Double(n) * (1 - m0 * m0) / max(dot(u, u), .leastNormalMagnitude)).squareRoot()
        return (0..<n).map { m0 * planted[$0] + scale * u[$0] }
    }

    public func overlap(_ x: [Double]) -> Double { dot(x, planted) / Double(size) }

    /// Writes the force −∇H(x) into `force` and returns H(x)/N and m(x). Valid for any x ∈ ℝᴺ (AMP
    /// evaluates it off the sphere).
    @discardableResult
    public func force(at x: [Double], into force: inout [Double]) -> (energy: Double, overlap: Double) {
        let n = size
        let m = overlap(x)
        var h0 = 0.0
        x.withUnsafeBufferPointer { xp in
            for d in tensors.indices {
                bases[d].evaluate(xp.baseAddress!)
                partial[d].withUnsafeMutableBufferPointer { g in
                    bases[d].withValues { w in tensors[d].multiply(w, into: g.baseAddress!, beta: 0) }
                }
                h0 += dot(x, partial[d]) / Double(tensors[d].degree)
            }
        }
        let vPrime = model.v1(m)
        for i in 0..<n {
            var g = vPrime * planted[i]
            for d in partial.indices { g -= partial[d][i] }
            force[i] = g
        }
        return (-model.signal(m) + h0 / Double(n), m)
    }
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}
