import Foundation
import Synchronization

/// Equilibrium solves on a ladder of temperatures approaching T_d from above, their relaxation
/// times, and the fit τ_α = A (T − T_d)^(−γ) compared with the MCT prediction.
public struct TransitionScan: Sendable {
    public let prediction: MCTTransition
    /// Distances T − T_d(predicted), largest first.
    public let distances: [Double]
    public let solutions: [EquilibriumSolution]
    /// τ_α(T) at the C level used; nil where C never reached it before tmax.
    public let relaxationTimes: [Double?]
    /// nil when fewer than 4 relaxation times were measured.
    public let fit: DivergenceFit?
    public let level: Double

    public var temperatures: [Double] { distances.map { prediction.temperature + $0 } }

    /// `distances`: T − T_d values (> 0). Solves run concurrently on `threads` workers (default:
    /// every core), each with its own FFT plans.
    public init(model: Model, distances: [Double], tmax: Double, solver: StationarySolver,
                level: Double = exp(-1), threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        guard distances.count >= 1, distances.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw DMFTError.invalidParameter("distances", "T − T_d values must be finite and > 0")
        }
        try solver.validate()
        let mct = try MCTTransition(model: model)
        let problems = try distances.map {
            try EquilibriumProblem(model: model, temperature: mct.temperature + $0, tmax: tmax)
        }
        let results = Mutex<[EquilibriumSolution?]>(Array(repeating: nil, count: problems.count))
        let failure = Mutex<DMFTError?>(nil)
        // Hand out work by index so that the two slowest (closest to T_d) do not land on one core.
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, problems.count))) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < problems.count else { return }
                do {
                    let s = try solver.solve(problems[k])
                    results.withLock { $0[k] = s }
                } catch {
                    failure.withLock { $0 = $0 ?? (error as? DMFTError) ?? .invalidParameter("solver", "\(error)") }
                }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        let solved = results.withLock { $0.map { $0! } }
        prediction = mct
        self.distances = distances
        solutions = solved
        self.level = level
        relaxationTimes = solved.map { $0.relaxationTime(level: level) }
        var ts: [Double] = [], taus: [Double] = []
        for (k, t) in relaxationTimes.enumerated() { if let t { ts.append(mct.temperature + distances[k]); taus.append(t) } }
        fit = ts.count >= 4
            ? try? DivergenceFit(temperatures: ts, times: taus, guess: mct.temperature - 0.5 * (distances.min() ?? 0), gammaGuess: mct.gamma)
            : nil
    }

    /// `count` distances spaced evenly in log between `from` and `to`, largest first.
    public static func logSpacedDistances(from: Double, to: Double, count: Int) throws -> [Double] {
        guard from > 0, to > from, count >= 2 else {
            throw DMFTError.invalidParameter("distances", "need 0 < min < max and at least 2 points")
        }
        return (0..<count).map { to * pow(from / to, Double($0) / Double(count - 1)) }
    }
}
