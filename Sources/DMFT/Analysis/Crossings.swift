import Foundation

/// When a run leaves the threshold states and finds the signal: first-passage times of m(t) and of
/// the energy, by linear interpolation between the steps of the series.
public enum Crossings {
    /// Levels of m: absolute values, or fractions of the run's final m.
    public enum LevelMode: String, Sendable { case absolute, relativeToFinal = "relative" }

    public struct Result: Sendable {
        /// (level as asked, level in m, first time m ≥ level or nil).
        public var overlap: [(asked: Double, level: Double, time: Double?)]
        /// The band |e − E_th| ≤ ε: first time in it and the time it leaves it for good (nil if never).
        public var thresholdEnergy: Double?
        public var epsilon: Double
        public var enterPlateau: Double?
        public var leavePlateau: Double?
    }

    /// First time y(t) ≥ level, interpolated; nil if never (or already at t = 0 and `strict`).
    public static func firstPassage(t: [Double], y: [Double], level: Double) -> Double? {
        guard let first = y.first else { return nil }
        if first >= level { return t[0] }
        for k in 1..<y.count where y[k] >= level {
            let w = (level - y[k - 1]) / (y[k] - y[k - 1])
            return t[k - 1] + w * (t[k] - t[k - 1])
        }
        return nil
    }

    /// Crossing times of a series. `thresholdEnergy`: E_th of the model (T = 0 marginal states),
    /// or nil to skip the plateau analysis.
    public static func analyse(_ series: TimeSeries, levels: [Double], mode: LevelMode,
                               thresholdEnergy: Double?, epsilon: Double = 1e-2) -> Result {
        let final = series.m.last ?? 0
        let overlap = levels.map { asked -> (Double, Double, Double?) in
            let level = mode == .absolute ? asked : asked * final
            return (asked, level, final > 0 || mode == .absolute ? firstPassage(t: series.t, y: series.m, level: level) : nil)
        }
        var enter: Double?, leave: Double?
        if let eth = thresholdEnergy {
            let distance = series.energy.map { abs($0 - eth) }
            // Entering: first time the distance falls to ε (interpolated on −distance).
            enter = firstPassage(t: series.t, y: distance.map { -$0 }, level: -epsilon)
            if enter != nil, let lastInside = distance.lastIndex(where: { $0 <= epsilon }),
               lastInside + 1 < distance.count {
                let k = lastInside
                let w = (epsilon - distance[k]) / (distance[k + 1] - distance[k])
                leave = series.t[k] + w * (series.t[k + 1] - series.t[k])
            }
        }
        return Result(overlap: overlap, thresholdEnergy: thresholdEnergy, epsilon: epsilon,
                      enterPlateau: enter, leavePlateau: leave)
    }

    /// The threshold energy the plateau analysis uses: E_th of ξ at T = 0 (REFERENCE §4), nil at T > 0
    /// where the marginal states' energy is not given by that formula.
    public static func plateauEnergy(model: Model, temperature: Double) -> Double? {
        temperature == 0 ? Asymptotics.thresholdEnergy(model) : nil
    }
}
