import ArgumentParser
import DMFT
import Foundation
import Synchronization

/// Flags shared by `dmft threshold` and `dmft phase-diagram`: how each point is run.
struct SweepRunOptions: ParsableArguments {
    @Option(help: "Bath temperature T ≥ 0 (0 = gradient flow).")
    var temperature: Double = 0

    @Option(help: "Initial overlap m(0). Default: 1e-6, a random start that still breaks the m → −m symmetry.")
    var m0: Double = 1e-6

    @Option(help: "Recovery level: a point has found the signal when m(t) reaches it; t* is that time.")
    var level: Double = 0.5

    @Option(help: "Time step of each run (uniform grid, third order).")
    var dt: Double = 0.05

    @Option(help: ArgumentHelp("Time grid of each run: uniform (third order at --dt, cost ∝ t³; escape times below ~10³) or adaptive (Kim–Latz coarsening window, cost ∝ log t; escape times of 10³–10⁵ near a threshold, errors first order in 1/--window). See equations/coarsening-grid.md.", valueName: "uniform|adaptive"))
    var grid: String = "uniform"

    @Option(help: "Adaptive grid: window length N (even, ≥ 16); the step is h ≈ 2t/N.")
    var window: Int = 512

    @Option(help: "Points run at once, each on one core.")
    var jobs: Int = 2

    func settings(tmax: Double, cap: Double) throws -> SweepSettings {
        guard temperature.isFinite, temperature >= 0 else {
            throw DMFTError.invalidParameter("temperature", "must be ≥ 0, got \(temperature)")
        }
        guard m0.isFinite, abs(m0) <= 1 else { throw DMFTError.invalidParameter("m0", "must lie in [-1, 1], got \(m0)") }
        guard dt.isFinite, dt > 0 else { throw DMFTError.invalidParameter("dt", "must be > 0, got \(dt)") }
        guard ["uniform", "adaptive"].contains(grid) else {
            throw DMFTError.invalidParameter("grid", "must be uniform or adaptive, got \(grid)")
        }
        let s = SweepSettings(level: level, temperature: temperature, m0: m0, dt: dt, tmax: tmax, tmaxCap: cap, jobs: jobs,
                              window: grid == "adaptive" ? window : nil)
        try s.validate()
        return s
    }
}

/// "name=start:end:count": a parameter and its evenly spaced values.
struct ParameterRange {
    var name: String
    var values: [Double]

    static func parse(_ text: String, flag: String) throws -> ParameterRange {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, ModelOptions.scannable.contains(parts[0]) else {
            throw DMFTError.invalidParameter(flag, "expected NAME=start:end:count with NAME one of \(ModelOptions.scannable.joined(separator: ", ")), got '\(text)'")
        }
        let numbers = parts[1].split(separator: ":").map { Double($0) }
        guard numbers.count == 3, let a = numbers[0], let b = numbers[1], let c = numbers[2],
              a.isFinite, b.isFinite, c >= 1, c == c.rounded() else {
            throw DMFTError.invalidParameter(flag, "expected start:end:count in '\(text)'")
        }
        return ParameterRange(name: parts[0], values: Sweep.linspace(a, b, Int(c)))
    }
}

/// Progress of a sweep on stderr.
final class SweepProgress: Sendable {
    let total: Int
    let done = Atomic<Int>(0)
    let quiet: Bool
    init(total: Int, quiet: Bool) { self.total = total; self.quiet = quiet }
    func report(_ p: SweepPoint) {
        let k = done.wrappingAdd(1, ordering: .relaxed).newValue
        guard !quiet else { return }
        let where_ = p.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.6g", $0.value))" }.joined(separator: " ")
        let outcome = p.crossingTime.map { String(format: "t* = %.4g", $0) } ?? String(format: "not recovered by t = %g", p.tmax)
        Terminal.info(String(format: "[%d/%d] %@: %@ (%.1f s)", k, total, where_, outcome, p.wallSeconds))
    }
}
