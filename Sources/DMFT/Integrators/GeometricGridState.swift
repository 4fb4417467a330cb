/// Everything a geometric-grid run needs to continue where it stopped (checkpoint/resume): the grid of
/// points, every row (the scheme keeps them all) and the times still to take. The scheme is
/// deterministic in these, so a run continued from its state equals the uninterrupted run bit for bit.
public struct GeometricGridState: Equatable, Sendable {
    /// The grid τ_k of columns, lags and quadrature nodes (its prefix never changes, also when tmax grows).
    public var grid: [Double]
    /// Per row: its time, its number of points, m, μ and e.
    public var rowTime: [Double], rowPoints: [Int], m: [Double], mu: [Double], energy: [Double]
    /// The rows' values, concatenated: row r holds 4·rowPoints[r] numbers [C col | χ col | C lag | χ lag].
    public var values: [Double]
    /// The row times still to take, the next one last (a stack: a rejected step pushes its half).
    public var upcoming: [Double]
    /// Run totals carried into run.json: sweeps over all rows, rows that missed the sweep tolerance,
    /// steps rejected by the step control.
    public var sweeps: Int, unconvergedRows: Int, splitSteps: Int
    public var wallSeconds: Double

    public init(grid: [Double], rowTime: [Double], rowPoints: [Int], m: [Double], mu: [Double], energy: [Double],
                values: [Double], upcoming: [Double], sweeps: Int, unconvergedRows: Int, splitSteps: Int, wallSeconds: Double) {
        self.grid = grid
        self.rowTime = rowTime; self.rowPoints = rowPoints; self.m = m; self.mu = mu; self.energy = energy
        self.values = values; self.upcoming = upcoming
        self.sweeps = sweeps; self.unconvergedRows = unconvergedRows; self.splitSteps = splitSteps
        self.wallSeconds = wallSeconds
    }

    /// The time of the last row solved.
    public var time: Double { rowTime.last ?? 0 }

    /// Whether the arrays fit together (a checkpoint read back is checked with it).
    public var isConsistent: Bool {
        let n = rowTime.count
        return n >= 1 && grid.count >= 2 && grid[0] == 0 && zip(grid, grid.dropFirst()).allSatisfy { $0 < $1 }
            && rowPoints.count == n && m.count == n && mu.count == n && energy.count == n
            && rowPoints.allSatisfy { $0 >= 1 && $0 <= grid.count }
            && values.count == 4 * rowPoints.reduce(0, +)
            && zip(rowTime, rowTime.dropFirst()).allSatisfy { $0 < $1 }
            && upcoming.allSatisfy { $0 > time }
    }
}
