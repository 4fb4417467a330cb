import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the figures of a run directory into DIR/figures/ (PNG and gnuplot scripts).")

    @Argument(help: "A run directory written by `dmft solve`.")
    var directory: String

    @Option(help: "Waiting times t_w for the C(t_w + τ, t_w) figure, comma-separated. Default: 0, 1, 4, 16, …")
    var waitingTimes: String?

    func run() throws {
        var tws: [Double]?
        if let waitingTimes {
            tws = try waitingTimes.split(separator: ",").map {
                guard let v = Double($0), v >= 0 else {
                    throw DMFTError.invalidParameter("waiting-times", "'\($0)' is not a time ≥ 0")
                }
                return v
            }
        }
        try Plotting.plotRun(at: URL(fileURLWithPath: directory), waitingTimes: tws)
        print("Figures written to \(directory)/figures (m.png, energy.png, mu.png, correlation.png and their .gp scripts).")
    }
}
