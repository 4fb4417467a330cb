/// Look-up and interpolation on a sorted, possibly non-uniform, time grid.
public enum Grid {
    /// The index k with grid[k] ≤ time < grid[k+1], clamped to [0, count−2].
    public static func cell(containing time: Double, in grid: [Double]) -> Int {
        precondition(grid.count >= 2)
        var lo = 0, hi = grid.count - 1
        if time <= grid[0] { return 0 }
        if time >= grid[hi] { return hi - 1 }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if grid[mid] <= time { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// A uniform grid 0, dt, 2dt, … with `count` points.
    public static func uniform(dt: Double, count: Int) -> [Double] {
        (0..<count).map { Double($0) * dt }
    }

    /// Interpolates f(t, t′), t ≥ t′, stored on the lower triangle of `grid`.
    ///
    /// Bilinear on the square cells strictly below the diagonal, linear on the triangular cells that
    /// the diagonal cuts: f is smooth on the closed triangle t ≥ t′ but has a cusp across the
    /// diagonal, so no stencil ever reaches over it. Second order in the local step.
    public static func interpolateLowerTriangle(_ f: TriangularArray, grid: [Double],
                                                t: Double, tPrime: Double) -> Double {
        let n = grid.count
        precondition(n == f.count)
        if n == 1 { return f[0, 0] }
        let i = cell(containing: t, in: grid)
        let j = cell(containing: tPrime, in: grid)
        let u = clamp01((t - grid[i]) / (grid[i + 1] - grid[i]))
        if j < i {
            let v = clamp01((tPrime - grid[j]) / (grid[j + 1] - grid[j]))
            let f00 = f[i, j], f01 = f[i, j + 1], f10 = f[i + 1, j], f11 = f[i + 1, j + 1]
            return (1 - u) * ((1 - v) * f00 + v * f01) + u * ((1 - v) * f10 + v * f11)
        }
        // Diagonal cell: the triangle (i,i), (i+1,i), (i+1,i+1), in the cell's own coordinates
        // u along t and v along t′, with v ≤ u.
        let v = min(u, clamp01((tPrime - grid[i]) / (grid[i + 1] - grid[i])))
        let fii = f[i, i], fi1i = f[i + 1, i], fi1i1 = f[i + 1, i + 1]
        return fii + (u - v) * (fi1i - fii) + v * (fi1i1 - fii)
    }

    @inline(__always)
    static func clamp01(_ x: Double) -> Double { min(1, max(0, x)) }
}
