import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct DMFTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmft",
        abstract: "Dynamical mean-field theory of spherical spin glasses and spiked models.",
        discussion: """
        Integrates the closed DMFT equations for C(t,t'), R(t,t'), m(t) and mu(t) of Langevin dynamics \
        (gradient flow at T = 0) on a spherical model with noise covariance xi(q) and signal potential V(m), \
        and analyses the solutions. Conventions: ../shared/REFERENCE.md and equations/.
        """,
        version: dmftVersion,
        subcommands: [Solve.self, Resume.self, Plot.self, Bench.self, Equilibrium.self, Transition.self,
                      AsymptoticsCommand.self, AgingCommand.self, Simulate.self, Amp.self, Compare.self,
                      CrossingsCommand.self, Threshold.self, PhaseDiagram.self, Merge.self]
    )

    /// Every error becomes one line on stderr and a non-zero exit; help and version print as usual.
    static func mainEntry() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success || error is CleanExit {
                exit(withError: error)
            }
            let text: String
            if let e = error as? DMFTError {
                text = e.description
            } else if let code = error as? ExitCode {
                Foundation.exit(code.rawValue)
            } else {
                text = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            }
            FileHandle.standardError.write(Data("dmft: error: \(text)\n".utf8))
            Foundation.exit(exitCode(for: error) == .validationFailure ? 64 : 2)
        }
    }
}

DMFTCommand.mainEntry()
