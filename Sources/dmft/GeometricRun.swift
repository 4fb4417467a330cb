import ArgumentParser
import DMFT
import DMFTIO
import Foundation

/// `dmft solve --grid geometric` and `dmft resume` of its runs: run, verify at K/2, write (no numerics here).
enum GeometricRun {
    static func run(problem: DynamicsProblem, solver base: GeometricGridSolver, from state: GeometricGridState?, out: URL,
                    checkpointEvery: Double?, verify: Bool, quiet: Bool, plot: Bool, exact: ExactP2?) throws {
        // Before the output directory is looked at, so that a bad flag is the one error reported (the
        // solver validates again, as a library entry point).
        try base.validate(for: problem)
        let pointsPerEfold = base.pointsPerEfold
        if verify, pointsPerEfold < 8 {
            throw DMFTError.invalidParameter("points-per-efold", "must be ≥ 8 with --verify (its reference runs at K/2 ≥ 4), got \(pointsPerEfold)")
        }
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
                try GeometricCheckpoint.write(state, problem: problem, solver: frozen, into: out)
            }
        }
        if !quiet {
            Terminal.info("solve: \(problem.model.summary), T = \(problem.temperature), m0 = \(problem.m0), "
                          + "geometric grid: \(pointsPerEfold) points per e-fold, h0 = \(base.h0), rows refined below t ≈ \(2 * base.earlyTime), "
                          + (state.map { "from t = \($0.time) " } ?? "") + "to t = \(problem.tmax)")
        }
        var (solution, final) = try solver.run(problem, from: state)
        if let bad = solution.solverSettings["unconverged_rows"], bad > 0 {
            Terminal.info("solve: note: \(Int(bad)) rows missed the sweep tolerance (unconverged_rows in run.json).")
        }
        var extra: [String: Any] = ["grid": "geometric", "resumable": true]
        if !problem.drive.isTrivial { extra["protocol"] = ProtocolOptions.json(problem.drive) }
        if verify, solution.status.isComplete {
            // Coarser in both K and h0: the h0 part of the error (e ∝ h0², the largest one at t < 1) then shows
            // in the difference too, which a run at K/2 with the same h0 would share.
            var coarse = base
            coarse.pointsPerEfold = pointsPerEfold / 2
            coarse.h0 = min(2 * base.h0, problem.tmax)
            coarse.waitingTimes = []
            if !quiet { Terminal.info("solve: error estimate: second run at \(coarse.pointsPerEfold) points per e-fold, h0 = \(coarse.h0)") }
            let reference = try coarse.solve(problem)
            solution.errorEstimate = ErrorEstimation.difference(
                solution, reference, scale: 1.0 / 3, method: "richardson, (K, h0) vs (K/2, 2h0), order 2 (|run(K, h0) − run(K/2, 2h0)|/3)",
                interpolateFine: true)
        }
        if let crossings = try CrossingsCommand.runSummary(solution) { extra["crossings"] = crossings }
        let dir = try OutputDirectory(out)
        if let exact { try ExactComparisonOutput.write(solution, exact: exact, into: dir, extra: &extra, quiet: quiet) }
        try RunDirectory.write(solution, to: dir, command: Terminal.commandLine, extra: extra,
                               extraColumns: ProtocolOptions.columns(problem.drive, solution: solution))
        try GeometricCheckpoint.stage(final, problem: problem, solver: base, at: dir.url(Checkpoint.folder))
        try dir.commit()
        if plot { try Plotting.plotRun(at: out) }
        try Summary.finish(solution, directory: out.path, divergedAdvice: "Lower --h0 or raise --points-per-efold.",
                           interruptedAdvice: " Continue with `dmft resume \(out.path)`.")
    }
}
