import DMFT
import Foundation
import Synchronization

/// Set by SIGINT; integrators poll it and stop cleanly.
let stopRequested = Atomic<Bool>(false)

enum Terminal {
    /// SIGINT stops the run cleanly, and progress goes to stderr unless quiet: every `solve` grid.
    static func attach<S: InterruptibleSolver>(_ solver: inout S, quiet: Bool) {
        installInterruptHandler()
        if !quiet { solver.progress = progressPrinter(label: "solve") }
        solver.shouldStop = { stopRequested.load(ordering: .relaxed) }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data("dmft: \(text)\n".utf8))
    }

    static func info(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }

    /// After this, the first SIGINT asks the running integration to stop (a second one kills).
    static func installInterruptHandler() {
        signal(SIGINT) { _ in
            if stopRequested.load(ordering: .relaxed) { _exit(130) }
            stopRequested.store(true, ordering: .relaxed)
        }
    }

    /// A progress printer for long runs: simulated time, rate and ETA on stderr.
    static func progressPrinter(label: String) -> @Sendable (SolverProgress) -> Void {
        { p in
            let rate = p.wallSeconds > 0 ? Double(p.step) / p.wallSeconds : 0
            let remaining = p.fraction > 0 ? p.wallSeconds * (1 - p.fraction) / p.fraction : .nan
            let line = String(format: "%@: t = %.4g / %.4g (%.0f%%), %.0f steps/s, ETA %@",
                              label, p.time, p.tmax, 100 * p.fraction, rate, formatDuration(remaining))
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static func formatDuration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        if s < 60 { return String(format: "%.0f s", s) }
        if s < 3600 { return String(format: "%.1f min", s / 60) }
        return String(format: "%.1f h", s / 3600)
    }

    /// The command line as typed, for provenance.
    static var commandLine: String {
        CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
