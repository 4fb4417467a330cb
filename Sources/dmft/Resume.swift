import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Continue an adaptive- or geometric-grid run from its checkpoint.",
        discussion: """
        Reads DIR/checkpoint (written by `dmft solve --grid adaptive` or `--grid geometric`, at \
        --checkpoint-every and when a run ends or is interrupted), integrates on to --tmax (default: the \
        run's own tmax) and rewrites DIR. The state is complete and the scheme deterministic, so the result \
        equals an uninterrupted run. A larger --tmax continues a finished run: the geometric grid then \
        extends its grid beyond the old tmax (equations/geometric-grid.md §6), so the result is a valid run \
        to the new tmax but not bit for bit the run started with it.
        """)

    @Argument(help: "The run directory.")
    var directory: String

    @Option(help: "New final time (default: the tmax of the original run; never below it).")
    var tmax: Double?

    @Option(help: ArgumentHelp("Write the state to DIR/checkpoint every so many wall seconds.", valueName: "SECONDS"))
    var checkpointEvery: Double?

    @Flag(inversion: .prefixedNo, help: "Also run from t = 0 at window N/2 (adaptive) or K/2 points per e-fold (geometric) and write the difference as the error estimate.")
    var verify = true

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Also draw the figures (as `dmft plot`).")
    var plot = false

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        if try Checkpoint.grid(of: dir) == "geometric" {
            let saved = try GeometricCheckpoint.read(dir)
            let problem = try withTmax(saved.problem)
            if !quiet {
                Terminal.info(String(format: "resume: %@ from t = %g (geometric grid, %d rows) to %g", problem.model.summary,
                                     saved.state.time, saved.state.rowTime.count, problem.tmax))
            }
            try GeometricRun.run(problem: problem, solver: saved.solver, from: saved.state, out: dir,
                                 checkpointEvery: checkpointEvery, verify: verify, quiet: quiet, plot: plot, exact: nil)
            return
        }
        let saved = try Checkpoint.read(dir)
        let problem = try withTmax(saved.problem)
        if !quiet {
            Terminal.info(String(format: "resume: %@ from t = %g (window %d, h = %g) to %g", problem.model.summary,
                                 saved.state.time(saved.state.rows - 1), saved.state.window, saved.state.h, problem.tmax))
        }
        try AdaptiveRun.run(problem: problem, solver: saved.solver, from: saved.state, out: dir,
                            checkpointEvery: checkpointEvery, verify: verify, quiet: quiet, plot: plot,
                            extra: problem.drive.isTrivial ? [:] : ["protocol": ProtocolOptions.json(problem.drive)])
    }

    /// The saved problem, with --tmax if given.
    func withTmax(_ problem: DynamicsProblem) throws -> DynamicsProblem {
        guard let tmax else { return problem }
        return try DynamicsProblem(model: problem.model, temperature: problem.temperature, m0: problem.m0,
                                   tmax: tmax, drive: problem.drive)
    }
}
