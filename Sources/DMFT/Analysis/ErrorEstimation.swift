/// Honest error estimates from two runs of the same problem.
public enum ErrorEstimation {
    /// Richardson estimate of the error of `fine` from a run `coarse` at twice the step, for a scheme
    /// of the given order: err(fine) ≈ (fine − coarse)/(2^order − 1), maximised over the times both
    /// runs share. Grids need not be uniform: values of `coarse` are interpolated at `fine`'s times.
    public static func richardson(fine: Solution, coarse: Solution, order: Int) -> ErrorEstimate {
        difference(fine, coarse, scale: 1 / (Double(1 << order) - 1), method: "richardson, dt vs 2dt, order \(order)")
    }

    /// scale × the largest difference between two runs of one problem: of m and e at `fine`'s times
    /// (values of `coarse` interpolated) and of C on a subsample of `coarse`'s grid points (fine grid
    /// points for nested uniform grids), over the times both runs reached. `interpolateFine`: compare
    /// m and e at `coarse`'s times instead, interpolating `fine` (for grids whose coarse steps are so
    /// long that interpolating the coarse run would dominate the difference, as the geometric grid's).
    public static func difference(_ fine: Solution, _ coarse: Solution, scale: Double, method: String,
                                  until limit: Double = .infinity, interpolateFine: Bool = false) -> ErrorEstimate {
        let tEnd = min(fine.series.t.last ?? 0, coarse.series.t.last ?? 0, limit)
        var dm = 0.0, de = 0.0
        let (at, other) = interpolateFine ? (coarse.series, fine.series) : (fine.series, coarse.series)
        for (k, t) in at.t.enumerated() where t <= tEnd {
            dm = max(dm, abs(at.m[k] - other.interpolate(\.m, at: t)))
            de = max(de, abs(at.energy[k] - other.interpolate(\.energy, at: t)))
        }
        var dC = 0.0
        let stride = max(1, coarse.grid.count / 200)
        for i in Swift.stride(from: 0, to: coarse.grid.count, by: stride) where coarse.grid[i] <= tEnd {
            for j in Swift.stride(from: 0, through: i, by: stride) {
                dC = max(dC, abs(fine.correlation(coarse.grid[i], coarse.grid[j]) - coarse.C[i, j]))
            }
        }
        return ErrorEstimate(method: method, m: dm * scale, energy: de * scale, C: dC * scale)
    }
}

/// Richardson extrapolation of one-time observables.
public enum Extrapolation {
    /// (2^p y_fine − y_coarse)/(2^p − 1) at the coarse run's times, for a scheme of order p whose
    /// fine run has half the coarse step. The result is accurate to the next order of the scheme.
    public static func richardson(fine: TimeSeries, coarse: TimeSeries, order: Int) -> TimeSeries {
        let w = Double(1 << order)
        var out = TimeSeries()
        let tEnd = fine.t.last ?? 0
        for (k, t) in coarse.t.enumerated() where t <= tEnd + 1e-12 {
            func x(_ c: KeyPath<TimeSeries, [Double]>) -> Double {
                (w * fine.interpolate(c, at: t) - coarse[keyPath: c][k]) / (w - 1)
            }
            out.append(t: t, m: x(\.m), energy: x(\.energy), mu: x(\.mu))
        }
        return out
    }
}
