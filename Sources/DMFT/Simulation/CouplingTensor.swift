import COpenBLAS
import Foundation

/// The degree-k part of the Gaussian field H₀ (equations/simulation.md §1):
/// H₀⁽ᵏ⁾(x) = Σ_{i₁…i_k} S_{i₁…i_k} x_{i₁}⋯x_{i_k}, S a symmetric Gaussian k-tensor with
///
///     Var S_s = (a_k / N^{k−1}) · (∏_j m_j!) / k!       (m_j: multiplicities of the indices in s),
///
/// one independent element per sorted multi-index s. Then E[H₀⁽ᵏ⁾(x)H₀⁽ᵏ⁾(y)] = N a_k (x·y/N)^k
/// exactly: it is the law of an iid tensor with variance a_k/N^{k−1} after symmetrisation, which
/// leaves H₀ unchanged but lets one matrix–vector product give the whole gradient.
///
/// Storage: since S is symmetric, ∇ᵢH₀⁽ᵏ⁾ = k Σ_c S_{i,c} n(c) x^c over sorted (k−1)-multisets c,
/// with n(c) = (k−1)!/∏ m_j! orderings. We keep P_{i,c} = k·n(c)·S_{i,c} as an N × C(N+k−2, k−1)
/// row-major matrix, so ∇H₀⁽ᵏ⁾ = P·w(x) with w_c = x^c is one BLAS dgemv reading about N^k/(k−1)!
/// doubles — half of the N^k of a dense tensor at k = 3. Columns follow the colex rank of c.
public struct CouplingTensor: Sendable {
    public let degree: Int
    public let size: Int
    /// Number of sorted (k−1)-multisets: the columns of P.
    public let columns: Int
    /// P = k·n(c)·S_{i,c}, row-major N × columns.
    public private(set) var matrix: [Double]

    /// Doubles P holds for N spins at degree k, as a Double so that huge cases can be refused
    /// before any integer overflow.
    public static func storedElements(size n: Int, degree k: Int) -> Double {
        Double(n) * binomialDouble(n + k - 2, k - 1)
    }

    /// Draws the tensor from `random`. `coefficient` is a_k of ξ.
    public init(size n: Int, degree k: Int, coefficient a: Double, random: inout SampleRandom) {
        precondition(k >= 1 && n >= 1)
        degree = k
        size = n
        let r = k - 1
        columns = binomial(n + r - 1, r)
        matrix = [Double](repeating: 0, count: n * columns)
        let sigma2 = a / pow(Double(n), Double(k - 1))
        // Degrees 2 and 3 (every preset) have direct loops; they draw in the same order and place
        // the same values as the general loop below, which is 3–4× slower.
        if k == 2 {
            CouplingTensor.fillDegree2(&matrix, size: n, sigma2: sigma2, random: &random)
            return
        }
        if k == 3 {
            CouplingTensor.fillDegree3(&matrix, size: n, columns: columns, sigma2: sigma2, random: &random)
            return
        }
        let binom = BinomialTable(maxN: n + k, maxK: k)
        var factorial = [1.0]
        for j in 1...max(k, 1) { factorial.append(factorial[j - 1] * Double(j)) }
        var s = [Int](repeating: 0, count: k)
        var c = [Int](repeating: 0, count: r)
        // Every sorted k-multiset s once, in lexicographic order.
        outer: while true {
            // Multiplicities of s (sorted, so equal values are adjacent).
            var prodMult = 1.0
            var run = 1
            for j in 1..<max(k, 1) where k > 1 {
                if s[j] == s[j - 1] { run += 1 } else { prodMult *= factorial[run]; run = 1 }
            }
            prodMult *= factorial[run]
            let g = (sigma2 * prodMult / factorial[k]).squareRoot() * random.normal()
            // Place S_s in row i for every distinct value i of s, column c = s minus one copy of i.
            var j = 0
            while j < k {
                let i = s[j]
                var t = 0
                for l in 0..<k where l != j { c[t] = s[l]; t += 1 }
                // n(c) = (k−1)!/∏ m!: s has prodMult; removing one i out of its run of length m_i divides by m_i.
                var mi = 0
                for l in 0..<k where s[l] == i { mi += 1 }
                let nc = factorial[r] * Double(mi) / prodMult
                matrix[i * columns + binom.rank(c)] = Double(k) * nc * g
                while j < k && s[j] == i { j += 1 }
            }
            // Next non-decreasing tuple.
            var p = k - 1
            while p >= 0 && s[p] == n - 1 { p -= 1 }
            if p < 0 { break outer }
            s[p] += 1
            for l in (p + 1)..<k { s[l] = s[p] }
        }
    }

    /// P_{ij} = 2 S_{ij}: Var S_{ij} = σ²/2 off the diagonal, σ² on it.
    static func fillDegree2(_ p: inout [Double], size n: Int, sigma2: Double, random: inout SampleRandom) {
        let off = (sigma2 / 2).squareRoot(), diag = sigma2.squareRoot()
        for i in 0..<n {
            p[i * n + i] = 2 * diag * random.normal()
            for j in (i + 1)..<max(i + 1, n) {
                let g = 2 * off * random.normal()
                p[i * n + j] = g
                p[j * n + i] = g
            }
        }
    }

    /// P_{i,(j≤l)} = 3·n(j,l)·S_{ijl}, column rank(j ≤ l) = j + l(l+1)/2; sorted s = (i ≤ j ≤ l).
    static func fillDegree3(_ p: inout [Double], size n: Int, columns: Int, sigma2: Double,
                            random: inout SampleRandom) {
        let sd1 = (sigma2 / 6).squareRoot(), sd2 = (sigma2 / 3).squareRoot(), sd3 = sigma2.squareRoot()
        @inline(__always) func col(_ j: Int, _ l: Int) -> Int { j + l * (l + 1) / 2 }
        p.withUnsafeMutableBufferPointer { m in
            for i in 0..<n {
                for j in i..<n {
                    for l in j..<n {
                        if i < j && j < l {
                            let g = 6 * sd1 * random.normal()
                            m[i * columns + col(j, l)] = g
                            m[j * columns + col(i, l)] = g
                            m[l * columns + col(i, j)] = g
                        } else if i == j && j < l {
                            let g = sd2 * random.normal()
                            m[i * columns + col(i, l)] = 6 * g
                            m[l * columns + col(i, i)] = 3 * g
                        } else if i < j && j == l {
                            let g = sd2 * random.normal()
                            m[i * columns + col(j, j)] = 3 * g
                            m[j * columns + col(i, j)] = 6 * g
                        } else {
                            m[i * columns + col(i, i)] = 3 * sd3 * random.normal()
                        }
                    }
                }
            }
        }
    }

    /// g ← g + β·P·w: the gradient of H₀⁽ᵏ⁾ for monomials `w` from `MonomialBasis`.
    func multiply(_ w: UnsafePointer<Double>, into g: UnsafeMutablePointer<Double>, beta: Double) {
        matrix.withUnsafeBufferPointer { p in
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(size), Int32(columns), 1,
                        p.baseAddress, Int32(columns), w, 1, beta, g, 1)
        }
    }

    /// Floating-point operations of one gradient of this degree.
    public var flopsPerGradient: Double { 2 * Double(size) * Double(columns) }
}

/// The monomials w_c = x^c over sorted r-multisets c, in colex order, built level by level:
/// the multisets of size r whose largest element is j are those of size r−1 with elements ≤ j (a
/// prefix of the previous level, by colex order) extended by j. O(C(N+r−1, r)) per evaluation.
struct MonomialBasis {
    let size: Int
    let order: Int
    private var levels: [[Double]]

    init(size n: Int, order r: Int) {
        size = n
        order = r
        levels = (0...r).map { [Double](repeating: 0, count: binomial(n + $0 - 1, $0)) }
        levels[0][0] = 1
    }

    mutating func evaluate(_ x: UnsafePointer<Double>) {
        let n = size
        if order == 0 { return }
        for l in 1...order {
            let prev = levels[l - 1]
            levels[l].withUnsafeMutableBufferPointer { out in
                prev.withUnsafeBufferPointer { p in
                    var k = 0
                    for j in 0..<n {
                        let xj = x[j]
                        let len = binomial(j + l - 1, l - 1)
                        for idx in 0..<len { out[k + idx] = p[idx] * xj }
                        k += len
                    }
                }
            }
        }
    }

    func withValues<R>(_ body: (UnsafePointer<Double>) -> R) -> R {
        levels[order].withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// binomial(n, k) for the small arguments of tensor ranks (k ≤ 64), exact in Int.
@inline(__always)
func binomial(_ n: Int, _ k: Int) -> Int {
    if k < 0 || n < k { return 0 }
    if k == 0 { return 1 }
    if k == 1 { return n }
    if k == 2 { return n * (n - 1) / 2 }
    let kk = min(k, n - k)
    if kk == 0 { return 1 }
    var result = 1
    for j in 1...kk { result = result * (n - kk + j) / j }
    return result
}

func binomialDouble(_ n: Int, _ k: Int) -> Double {
    if k < 0 || n < k { return 0 }
    var result = 1.0
    for j in 0..<min(k, n - k) { result *= Double(n - j) / Double(j + 1) }
    return result.rounded()
}

/// Colex rank of a sorted multiset c₁ ≤ … ≤ c_r: Σ_j C(c_j + j − 1, j), via the strictly
/// increasing d_j = c_j + j − 1 of the combinatorial number system.
struct BinomialTable {
    private let table: [Int]
    private let width: Int

    init(maxN: Int, maxK: Int) {
        width = maxK + 1
        var t = [Int](repeating: 0, count: (maxN + 1) * width)
        for n in 0...maxN { for k in 0...maxK { t[n * width + k] = binomial(n, k) } }
        table = t
    }

    @inline(__always)
    func rank(_ c: [Int]) -> Int {
        var r = 0
        for j in 0..<c.count { r += table[(c[j] + j) * width + j + 1] }
        return r
    }
}
