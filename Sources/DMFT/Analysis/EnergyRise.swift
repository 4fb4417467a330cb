extension TimeSeries {
    /// How far the energy climbs above its running minimum, and the time of its first rise, if any. Under
    /// gradient flow (T = 0, constant V) the energy is a Lyapunov function, so any rise is the
    /// discretisation's.
    public func energyRise() -> (height: Double, from: Double)? {
        var lowest = Double.infinity, height = 0.0, from: Double?
        for (k, e) in energy.enumerated() {
            if e > lowest {
                height = max(height, e - lowest)
                if from == nil { from = t[k - 1] }
            }
            lowest = min(lowest, e)
        }
        return from.map { (height, $0) }
    }
}
