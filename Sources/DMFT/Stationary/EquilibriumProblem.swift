import Foundation

/// Equilibrium dynamics above T_d (REFERENCE §4): time-translation invariant, FDT holds, and the
/// DMFT reduces to one Volterra equation for C(τ),
///
///     ∂τ C(τ) = −T C(τ) − (1/T) ∫₀^τ ξ′(C(τ−s)) ∂s C(s) ds,   C(0) = 1.
///
/// Only models without a signal (V = 0) have this closed form; see equations/equilibrium.md.
public struct EquilibriumProblem: Sendable {
    public let model: Model
    public let temperature: Double
    /// Final lag τ of the integration.
    public let tmax: Double

    public init(model: Model, temperature: Double, tmax: Double) throws {
        guard !model.hasSignal else {
            throw DMFTError.invalidParameter("model", "equilibrium dynamics needs V = 0; \(model.preset.name) has a signal V(m) = \(model.signal.formatted(variable: "m"))")
        }
        guard temperature.isFinite, temperature > 0 else {
            throw DMFTError.invalidParameter("temperature", "must be > 0 for equilibrium dynamics, got \(temperature)")
        }
        guard tmax.isFinite, tmax > 0 else {
            throw DMFTError.invalidParameter("tmax", "must be a finite lag > 0, got \(tmax)")
        }
        self.model = model
        self.temperature = temperature
        self.tmax = tmax
    }

    /// The memory kernel K(C) = ξ′(C)/T of ∂τC + T C + ∫ K(C(τ−s)) ∂sC(s) ds = 0.
    @inlinable func kernel(_ c: Double) -> Double { model.xi1(c) / temperature }
}

/// C(τ) on the solver's non-uniform (block-doubling) grid, with the derived χ and R.
public struct EquilibriumSolution: Sendable {
    public let problem: EquilibriumProblem
    public let solver: StationarySolver
    public let tau: [Double]
    public let C: [Double]
    /// dC/dτ from the same difference formula the integrator used (BDF2).
    public let dC: [Double]
    /// Number of grid doublings performed.
    public let doublings: Int
    public let wallSeconds: Double
    /// Wall time of the doublings alone (after the first block), for scaling measurements.
    public let doublingWallSeconds: Double

    public var temperature: Double { problem.temperature }
    /// Integrated response χ(τ) = (1 − C(τ))/T (FDT).
    public var chi: [Double] { C.map { (1 - $0) / problem.temperature } }
    /// Response R(τ) = −C′(τ)/T (FDT).
    public var R: [Double] { dC.map { -$0 / problem.temperature } }

    /// C at lag τ, linear in ln τ between grid points (clamped to the computed range).
    public func correlation(at time: Double) -> Double {
        guard let last = tau.last else { return .nan }
        if time <= 0 { return C[0] }
        if time >= last { return C[C.count - 1] }
        var lo = 0, hi = tau.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if tau[mid] <= time { lo = mid } else { hi = mid }
        }
        let w = lo == 0 ? time / tau[1] : log(time / tau[lo]) / log(tau[hi] / tau[lo])
        return C[lo] + w * (C[hi] - C[lo])
    }

    /// The relaxation time τ_α, the first lag at which C falls to `level` (1/e by default),
    /// interpolated linearly in ln τ; nil if C stays above `level` up to tmax.
    public func relaxationTime(level: Double = 0.36787944117144233) -> Double? {
        guard let k = C.firstIndex(where: { $0 <= level }), k > 0 else { return nil }
        let (t0, t1, c0, c1) = (tau[k - 1], tau[k], C[k - 1], C[k])
        guard t0 > 0 else { return t1 }
        let w = (c0 - level) / (c0 - c1)
        return t0 * exp(log(t1 / t0) * w)
    }

    /// The plateau of a two-step relaxation: C where |dC/d ln τ| is smallest between τ = 1 and
    /// τ_α, reported only when that minimum is interior and at most half of the largest slope
    /// there (a single-step decay has its smallest slope at τ = 1 and no plateau).
    public func plateau(level: Double = 0.36787944117144233) -> (q: Double, tau: Double)? {
        let end = relaxationTime(level: level) ?? tau[tau.count - 1]
        var best = -1
        var bestSlope = Double.infinity, maxSlope = 0.0
        var first = -1
        for k in tau.indices where tau[k] >= 1 && tau[k] <= end {
            if first < 0 { first = k }
            let s = abs(tau[k] * dC[k])
            if s < bestSlope { bestSlope = s; best = k }
            maxSlope = max(maxSlope, s)
        }
        guard best > first, first >= 0, bestSlope < 0.5 * maxSlope, tau[best] < end else { return nil }
        return (C[best], tau[best])
    }
}

