/// The complete state of the coarsening-grid integrator between two steps (equations/coarsening-grid.md).
///
/// Everything the next step reads is here and nothing else, so that a run stopped after any step and
/// restarted from this value continues bit for bit like an uninterrupted run (`dmft resume`). All
/// two-time arrays are `window × window`, row-major, `a[r * window + c]`:
///
/// | array | element (r, c) |
/// |---|---|
/// | `C`  | C(t_r, t_c), c ≤ r (zero above the diagonal) |
/// | `X`  | χ(t_r, t_c) = ∫_{t_c}^{t_r} R(t_r, s) ds, c ≤ r (zero above) |
/// | `CB` | the average of s ↦ C(s, t_c) over the cell [t_r, t_{r+1}] (for r < c it lies on row c) |
/// | `XB` | the average of s ↦ χ(s, t_c) over the cell [t_r, t_{r+1}], r ≥ c (zero for r < c) |
/// | `S2`, `S1`, `SM` | ∫ over the cell [t_c, t_{c+1}] of ξ″(C)R, ξ′(C)R and (ξ′(C)+ξ″(C)C)R at t = t_r |
///
/// Cell averages and cell integrals are merged exactly at each halving (average, resp. sum, of the
/// two halves), which is how information about the fine early grid survives coarsening.
///
/// With channel weights (`--channel-weight`, `--anneal-tensor`) the cell integrals are also kept per
/// noise channel and without weights, `channelCells` (see there): the S arrays of a row are then
/// the weighted sums of these at the row's time.
public struct CoarseningGridState: Sendable, Equatable {
    /// Window length N (even).
    public var window: Int
    /// Rows filled, t_0 … t_{rows−1}; the next step computes row `rows`.
    public var rows: Int
    /// Current step of the lattice part of the grid (see `time(_:)`).
    public var h: Double
    /// The pinned points, in order: grid points below h that the halvings keep instead of dropping
    /// (h0, 2h0, 4h0, …, one per halving up to `CoarseningGridSolver.pinnedPoints`), so the cells
    /// next to s = 0 stay geometric instead of growing with h (equations/coarsening-grid.md §2).
    public var pinnedTimes: [Double] = []
    /// Halvings so far (h = h0·2^halvings).
    public var halvings: Int
    public var C: [Double], X: [Double], CB: [Double], XB: [Double]
    public var S1: [Double], S2: [Double], SM: [Double]
    /// m(t_r) and the cell averages of m over [t_r, t_{r+1}].
    public var m: [Double], mBar: [Double]
    /// ∂t m at t = 0 (the first step is a trapezoid).
    public var mSlope0: Double
    /// m, e, μ at every step taken since t = 0.
    public var series: TimeSeries
    /// Columns C(t, t_w), χ(t, t_w) followed through the run for the requested waiting times.
    public var tracked: [TrackedColumn]
    /// Wall seconds spent so far (over all sessions of a resumed run).
    public var wallSeconds: Double
    /// Rows whose fixed-point iteration hit the iteration cap (reported in the solver settings).
    public var unconvergedRows: Int = 0
    /// Fixed-point sweeps over all rows: their mean per row is the cost factor of a step, and its rise
    /// is what precedes the band-edge instability (equations/coarsening-grid.md §4).
    public var iterations: Int = 0
    /// The time of the first such row: where a run that goes unstable stops being a solution.
    public var firstUnconvergedTime: Double?
    /// Only with channel weights (empty otherwise): the unweighted cell integrals of every noise
    /// channel c (degree k, term a_k q^k), ∫_cell R(t_r,s){ξ_c′, ξ_c″, ξ_c′+ξ_c″C}(C(t_r,s)) ds, at
    /// `channelCellIndex(kind, c, r, k)` with kind 0, 1, 2 for S1, S2, SM. They are what the band
    /// copies and the halvings merge; the weights w_c(t_r) w_c(cell k) are applied afresh on each row.
    public var channelCells: [Double] = []
    /// Only with the lag-defect correction (empty otherwise), 8 rows of `window`, indexed by lag: the
    /// step defects of C and χ, then the cell defects of S1, S2, SM, the row average and the newest
    /// cell's C̄, χ̄ (`CoarseningStepper.DefectSlot`), measured at the last halving and added to every
    /// row of this window; equations/coarsening-grid.md §4.
    public var lagDefect: [Double] = []
    /// Rows of `lagDefect`.
    public static let lagDefectRows = 8

    public init(window: Int, rows: Int, h: Double, halvings: Int, C: [Double], X: [Double], CB: [Double],
                XB: [Double], S1: [Double], S2: [Double], SM: [Double], m: [Double], mBar: [Double],
                mSlope0: Double, series: TimeSeries, tracked: [TrackedColumn], wallSeconds: Double) {
        self.window = window; self.rows = rows; self.h = h; self.halvings = halvings
        self.C = C; self.X = X; self.CB = CB; self.XB = XB; self.S1 = S1; self.S2 = S2; self.SM = SM
        self.m = m; self.mBar = mBar; self.mSlope0 = mSlope0; self.series = series
        self.tracked = tracked; self.wallSeconds = wallSeconds
    }

    @inline(__always) public func index(_ r: Int, _ c: Int) -> Int { r * window + c }
    /// Number of noise channels held in `channelCells` (0 without channel weights).
    public var channelCount: Int { channelCells.count / (3 * window * window) }
    @inline(__always) public func channelCellIndex(_ kind: Int, _ c: Int, _ r: Int, _ k: Int) -> Int {
        ((kind * channelCount + c) * window + r) * window + k
    }
    /// Index of the first point of the uniform lattice: rows r ≥ latticeStart are t_r = t_{r−1} + h.
    /// Without pinned points that is every row (t_r = r·h); with them the lattice m·h starts at m = 1
    /// after t_0 = 0 and the pinned times.
    @inline(__always) public var latticeStart: Int { pinnedTimes.isEmpty ? 0 : pinnedTimes.count + 1 }
    /// The time of grid row r: 0, the pinned times, then m·h for m = 1, 2, ….
    @inline(__always) public func time(_ r: Int) -> Double {
        let p = pinnedTimes.count
        if r > p { return Double(r - p) * h }
        return r == 0 ? 0 : pinnedTimes[r - 1]
    }
    /// The current grid t_0 … t_{rows−1}.
    public var grid: [Double] { (0..<rows).map(time) }
}

/// A column C(t, t_w), χ(t, t_w) at a fixed waiting time, followed while the window coarsens.
///
/// While t_w is a grid time the column is read from the window (`gridIndex ≥ 0`). When a halving
/// drops t_w from the grid, the column is detached: it keeps its own values on the window rows and
/// the cell data its equation needs (cell averages of C(s, t_w) and χ(s, t_w), and the cell integrals
/// of R(t_w, s) for s < t_w), merged at later halvings like the window's.
public struct TrackedColumn: Sendable, Equatable {
    /// The waiting time asked for.
    public var requested: Double
    /// The grid time actually used (the first grid time ≥ requested); NaN until reached.
    public var time: Double
    /// Column index while on the grid; −1 once detached; −2 before t_w is reached.
    public var gridIndex: Int
    /// Detached only: the first window row whose time is ≥ t_w.
    public var firstRow: Int
    /// m(t_w) and C(t_w, 0) (for the signal and quench terms).
    public var mAtWait: Double
    public var cAtStart: Double
    /// Detached only (length `window`): C(t_r, t_w), χ(t_r, t_w) for r ≥ firstRow; cell data.
    public var c: [Double], x: [Double], cBar: [Double], xBar: [Double], rCell: [Double]
    /// Samples (t, C(t,t_w), χ(t,t_w)) for every step with t ≥ t_w.
    public var samples: [(t: Double, C: Double, chi: Double)]

    public init(requested: Double) {
        self.requested = requested
        time = .nan
        gridIndex = -2
        firstRow = 0
        mAtWait = 0
        cAtStart = 0
        c = []; x = []; cBar = []; xBar = []; rCell = []
        samples = []
    }

    public static func == (a: TrackedColumn, b: TrackedColumn) -> Bool {
        a.requested == b.requested && a.time.bitPattern == b.time.bitPattern && a.gridIndex == b.gridIndex
            && a.firstRow == b.firstRow && a.mAtWait == b.mAtWait && a.cAtStart == b.cAtStart
            && a.c == b.c && a.x == b.x && a.cBar == b.cBar && a.xBar == b.xBar && a.rCell == b.rCell
            && a.samples.count == b.samples.count
            && zip(a.samples, b.samples).allSatisfy { $0.t == $1.t && $0.C == $1.C && $0.chi == $1.chi }
    }
}
