import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Amp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amp",
        abstract: "Run AMP (spherical prior, with Onsager terms) on finite-N instances and compare with its state evolution.",
        discussion: """
        Needs xi = V (the Bayes-optimal spiked models). Writes amp.csv (iteration, overlap, overlap_err, \
        se_overlap, m, m_err, q, q_err, se_m), run.json and figures/overlap.png into --out. The overlap is \
        the normalised m/sqrt(q), whose state-evolution value is sqrt(m_SE). See equations/simulation.md §3.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "AMP iterations.")
    var iterations: Int = 30

    @Option(help: "Normalised overlap of the start with x*, in (0, 1]; the state evolution starts at m = m0².")
    var m0: Double = 0.1

    @Option(name: .customLong("N"), help: "Number of spins N.")
    var size: Int = 256

    @Option(help: "Independent instances; error bars are standard errors over them.")
    var samples: Int = 32

    @Option(help: "Seed; sample s uses stream (seed, s), the same instances as `dmft simulate --seed`.")
    var seed: UInt64 = 1

    @Option(help: "Samples run concurrently on this many threads.")
    var threads: Int = 2

    @Option(help: "Output directory.")
    var out: String = "dmft-amp"

    func run() throws {
        let model = try modelOptions.makeModel()
        let amp = AMPRun(size: size, samples: samples, iterations: iterations, initialOverlap: m0, seed: seed,
                         threads: threads)
        try amp.validate(for: model)
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)
        let r = try amp.run(model: model)
        let its = (0...iterations).map(Double.init)
        let table = CSVTable(columns: [
            ("iteration", its), ("overlap", r.normalisedOverlap.mean), ("overlap_err", r.normalisedOverlap.error),
            ("se_overlap", r.stateEvolution.map { $0.squareRoot() }),
            ("m", r.overlap.mean), ("m_err", r.overlap.error), ("q", r.selfOverlap.mean), ("q_err", r.selfOverlap.error),
            ("se_m", r.stateEvolution),
        ])
        let dir = try OutputDirectory(outURL)
        try dir.write(table, to: "amp.csv")
        try dir.writeJSON([
            "kind": "amp", "version": dmftVersion, "command": Terminal.commandLine,
            "model": RunDirectory.modelJSON(model), "N": size, "samples": samples, "seed": NSNumber(value: seed),
            "iterations": iterations, "m0": m0,
            "algorithm": "AMP, spherical prior: B = -grad H(x) - xi''(x.x_prev/N) sigma x_prev; x <- B/(1+xi'(q))",
            "state_evolution": "m <- V'(m)/(1+V'(m)), m(0) = m0^2; overlap = sqrt(m)",
            "wall_seconds": r.wallSeconds,
        ], to: "run.json")
        try dir.commit()
        var note = ""
        do {
            let figures = try OutputDirectory(outURL.appendingPathComponent("figures"))
            try figures.write(table, to: "amp.csv")
            var f = Figure(name: "overlap", title: "AMP at N = \(size) (\(samples) samples) and its state evolution",
                           xlabel: "iteration", ylabel: "overlap m/√q")
            f.series = [.init(file: "amp.csv", using: "1:2:3", title: "AMP, mean ± s.e.", style: "yerrorbars pt 7 ps 0.6"),
                        .init(file: "amp.csv", using: "1:4", title: "state evolution √m", style: "lines lw 2")]
            try figures.commit(rendering: [f])
        } catch { note = " (figures: \(error))" }
        let k = iterations
        print(String(format: "AMP on %@, N = %d, %d samples, %d iterations in %.2f s: final overlap %.5f ± %.5f, state evolution %.5f (%+.1fσ). Written to %@%@.",
                     model.summary, size, samples, iterations, r.wallSeconds, r.normalisedOverlap.mean[k],
                     r.normalisedOverlap.error[k], r.stateEvolution[k].squareRoot(),
                     (r.normalisedOverlap.mean[k] - r.stateEvolution[k].squareRoot()) / r.normalisedOverlap.error[k],
                     out, note))
    }
}
