/// A two-time function on the lower triangle t_i ≥ t_j of a grid, packed row by row:
/// element (i, j), j ≤ i, sits at i(i+1)/2 + j. Memory is n(n+1)/2 doubles.
public struct TriangularArray: Sendable, Equatable {
    public let count: Int
    public var storage: [Double]

    public init(count: Int, repeating value: Double = 0) {
        self.count = count
        storage = [Double](repeating: value, count: count * (count + 1) / 2)
    }

    public init(count: Int, storage: [Double]) {
        precondition(storage.count == count * (count + 1) / 2, "packed storage has the wrong length")
        self.count = count
        self.storage = storage
    }

    @inlinable
    public static func offset(_ i: Int, _ j: Int) -> Int { i * (i + 1) / 2 + j }

    /// Element (i, j) with j ≤ i.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[TriangularArray.offset(i, j)] }
        set { storage[TriangularArray.offset(i, j)] = newValue }
    }

    /// Row i as an array of length i+1: f(t_i, t_0 … t_i).
    public func row(_ i: Int) -> ArraySlice<Double> {
        storage[TriangularArray.offset(i, 0)...TriangularArray.offset(i, i)]
    }

    /// The leading k×k block (the first k grid times).
    public func truncated(to k: Int) -> TriangularArray {
        TriangularArray(count: k, storage: Array(storage[0..<(k * (k + 1) / 2)]))
    }

    /// Dense n×n, row-major (row = first time). The upper triangle is the mirror image when
    /// `symmetric`, zero otherwise (a causal function such as R).
    public func dense(symmetric: Bool) -> [Double] {
        var out = [Double](repeating: 0, count: count * count)
        var row = [Double](repeating: 0, count: count)
        for i in 0..<count {
            denseRow(i, symmetric: symmetric, into: &row)
            out.replaceSubrange((i * count)..<((i + 1) * count), with: row)
        }
        return out
    }

    /// Row i of `dense(symmetric:)` into `out` (length `count`), without building the matrix.
    public func denseRow(_ i: Int, symmetric: Bool, into out: inout [Double]) {
        precondition(out.count == count)
        for j in 0...i { out[j] = self[i, j] }
        for j in (i + 1)..<count { out[j] = symmetric ? self[j, i] : 0 }
    }

    /// The inverse of `dense`: reads the lower triangle of a row-major n×n array.
    public init(dense: [Double], count n: Int) {
        precondition(dense.count == n * n)
        self.init(count: n)
        for i in 0..<n { for j in 0...i { self[i, j] = dense[i * n + j] } }
    }
}
