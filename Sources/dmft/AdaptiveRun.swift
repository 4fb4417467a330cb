import ArgumentParser
import DMFT
import DMFTIO
import Foundation

/// `dmft solve --grid adaptive` and `dmft resume`: run, verify, write (no numerics here).
enum AdaptiveRun {
    static func parseWaitingTimes(_ text: String?) throws -> [Double] {
        guard let text, !text.isEmpty else { return [] }
        return try text.split(separator: ",").map {
            guard let v = Double($0.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0 else {
                throw DMFTError.invalidParameter("waiting-times", "'\($0)' is not a time ≥ 0")
            }
            return v
        }
    }

    /// Two threads pay from window 1024, where the row's matrix products leave the cache (p = 3,
    /// T = 0.5 to t = 10⁶: 54 s → 41 s); at window 512 the hand-off costs more than it saves (6.0 s → 7.9 s).
    static func defaultThreads(window: Int) -> Int {
        window >= 1024 ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1
    }

    static func run(problem: DynamicsProblem, solver base: CoarseningGridSolver, from state: CoarseningGridState?,
                    out: URL, checkpointEvery: Double?, verify: Bool, quiet: Bool, plot: Bool, exact: ExactP2? = nil,
                    extra baseExtra: [String: Any]) throws {
        // Here, not in each command: `solve --grid adaptive` and `resume` both take the flag.
        if let every = checkpointEvery, !(every.isFinite && every > 0) {
            throw DMFTError.invalidParameter("checkpoint-every", "must be > 0 seconds, got \(every)")
        }
        try OutputDirectory.checkWritable(out)
        var solver = base
        Terminal.attach(&solver, quiet: quiet)
        if let every = checkpointEvery {
            let frozen = base
            solver.checkpointInterval = every
            solver.checkpoint = { state in
                try Checkpoint.write(state, problem: problem, solver: frozen, into: out)
            }
        }
        if !quiet {
            Terminal.info("solve: \(problem.model.summary), T = \(problem.temperature), m0 = \(problem.m0), "
                          + "adaptive grid: window \(solver.window), h0 = \(solver.h0), to t = \(problem.tmax)")
        }
        var (solution, final) = try solver.run(problem, from: state)
        if let bad = solution.solverSettings["unconverged_rows"], bad > 0 {
            Terminal.info("solve: note: \(Int(bad)) rows missed the fixed-point tolerance (unconverged_rows in run.json); the scheme is not resolving the dynamics there (equations/coarsening-grid.md §5): check against --grid uniform or another --window.")
        }
        if let drift = solution.solverSettings["band_weight_drift"], drift > 0.05 {
            // Always said (even with --quiet): the copied band assumes the Hamiltonian no longer changes.
            Terminal.info(String(format: "solve: note: a channel weight still changes by %.0f%% after the copied near-diagonal band switched on (band_weight_drift in run.json); the band then holds short-lag dynamics of an earlier Hamiltonian (equations/coarsening-grid.md §4). Check the transient against --grid uniform.", 100 * drift))
        }
        var extra = baseExtra
        extra["grid"] = "adaptive"
        extra["resumable"] = true
        extra["waiting_times"] = final.tracked.map { $0.time }
        if verify, solution.status.isComplete {
            var coarse = base
            coarse.window = base.window / 2
            coarse.pinnedPoints = base.pinnedPoints.map { min($0, coarse.window / 4) }
            coarse.waitingTimes = []
            if !quiet { Terminal.info("solve: error estimate: second run at window \(coarse.window)") }
            let reference = try coarse.solve(problem)
            // The band-edge instability of coarse windows at T > 0 (equations/coarsening-grid.md §4):
            // the reference stops being a solution a little before its first failed row (the bump
            // grows within that window), so compare only up to one doubling of t before it.
            let tBad = reference.solverSettings["first_unconverged_time"]
            solution.errorEstimate = difference(solution, reference, window: coarse.window, until: tBad.map { $0 / 2 } ?? .infinity)
            if let tBad {
                let bad = Int(reference.solverSettings["unconverged_rows"] ?? 0)
                solution.errorEstimate?.method += String(format: "; only for t ≤ %g: the reference run went unstable at t = %g (%d unconverged rows)", tBad / 2, tBad, bad)
                Terminal.info(String(format: "solve: note: the error-estimate run at window %d went unstable at t = %g (band-edge instability, equations/coarsening-grid.md §4); error_estimate in run.json covers t ≤ %g only.", coarse.window, tBad, tBad / 2))
            }
        }
        if let crossings = try CrossingsCommand.runSummary(solution) { extra["crossings"] = crossings }
        let dir = try OutputDirectory(out)
        if let exact { try ExactComparisonOutput.write(solution, exact: exact, into: dir, extra: &extra, quiet: quiet) }
        try RunDirectory.write(solution, to: dir, command: Terminal.commandLine, extra: extra,
                               extraColumns: ProtocolOptions.columns(problem.drive, solution: solution))
        final.wallSeconds = solution.wallSeconds
        try Checkpoint.stage(final, problem: problem, solver: base, at: dir.url(Checkpoint.folder))
        try dir.commit()
        if plot { try Plotting.plotRun(at: out) }
        try Summary.finish(solution, directory: out.path, divergedAdvice: "Lower --h0 or raise --window.",
                           interruptedAdvice: " Continue with `dmft resume \(out.path)`.")
    }

    /// |run(N) − run(N/2)| of m and e over all steps, and of C on the common final grid: twice the
    /// error of the run at N where convergence is first order in 1/N, but of the same size as that
    /// error (or smaller) in aging at late times, where it is slower (equations/coarsening-grid.md §6–7).
    static func difference(_ fine: Solution, _ coarse: Solution, window: Int, until: Double = .infinity) -> ErrorEstimate {
        ErrorEstimation.difference(fine, coarse, scale: 1,
                                   method: "difference with the same run at window \(window) (the size of the error, not a bound: convergence in the window is slower than first order in aging)",
                                   until: until)
    }
}
