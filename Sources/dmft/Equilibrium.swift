import ArgumentParser
import DMFT
import DMFTIO
import Foundation

/// Knobs of `StationarySolver`, shared by `equilibrium` and `transition`.
struct StationaryOptions: ParsableArguments {
    @Option(help: "Points added per grid doubling, N (power of two ≥ 16). The step is τ/(2N)..τ/N and the error of C falls as N⁻².")
    var block: Int = StationarySolver().halfBlock

    @Option(help: "Step h0 of the first block, which spans 2N·h0; must resolve the initial decay (time scale 1/(T + ξ'(1)/T)).")
    var initialStep: Double = StationarySolver().initialStep

    @Option(help: "Memory-sum lags below this are summed directly, larger ones by FFT (power of two; speed only).")
    var directLags: Int = StationarySolver().directLags

    @Flag(help: "Sum the memory directly, O(N²) per doubling, instead of by FFT (same scheme; a reference).")
    var directSums = false

    @Option(help: "C level defining the relaxation time τ_α: C(τ_α) = level. Default 1/e.")
    var level: Double = exp(-1)

    func makeSolver() throws -> StationarySolver {
        let s = StationarySolver(halfBlock: block, initialStep: initialStep, directLags: directLags, useFFT: !directSums)
        try s.validate()
        guard level > 0, level < 1 else { throw DMFTError.invalidParameter("level", "must be in (0, 1), got \(level)") }
        return s
    }

    func json(_ s: StationarySolver) -> [String: Any] {
        ["scheme": "time doubling, BDF2, Fuchs cell-averaged memory split at N/2",
         "block": s.halfBlock, "initial_step": s.initialStep, "direct_lags": s.directLags,
         "memory_sums": s.useFFT ? "fftw" : "direct", "level": level]
    }
}

struct Equilibrium: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Equilibrium dynamics above T_d: the stationary Volterra equation for C(τ), solved to very long τ.",
        discussion: """
        Solves dC/dτ = −T C − (1/T) ∫ ξ'(C(τ−s)) dC(s)/ds ds, C(0) = 1 (FDT: R = −C'/T), for models with V = 0. \
        Writes equilibrium.csv (tau,C,chi,R), run.json (model, T, solver knobs, τ_α, plateau, wall time) and \
        figures/correlation.png into --out, atomically. Derivation: equations/equilibrium.md.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Temperature T > 0 (above T_d for a true equilibrium state; `dmft transition` gives T_d).")
    var temperature: Double

    @Option(help: "Final lag τ.")
    var tmax: Double = 1e9

    @OptionGroup var solverOptions: StationaryOptions

    @Option(help: "Output directory.")
    var out: String = "dmft-equilibrium"

    @Flag(help: "No summary on stdout.")
    var quiet = false

    func run() throws {
        let model = try modelOptions.makeModel()
        let problem = try EquilibriumProblem(model: model, temperature: temperature, tmax: tmax)
        let solver = try solverOptions.makeSolver()
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)
        let solution = try solver.solve(problem)

        let level = solverOptions.level
        let tauAlpha = solution.relaxationTime(level: level)
        let plateau = solution.plateau(level: level)
        var run: [String: Any] = [
            "command": Terminal.commandLine, "dmft_version": dmftVersion,
            "model": RunDirectory.modelJSON(model), "temperature": temperature, "tmax": tmax,
            "solver": solverOptions.json(solver), "wall_seconds": solution.wallSeconds,
            "doublings": solution.doublings, "points": solution.tau.count,
            "final_tau": solution.tau.last ?? 0, "final_C": solution.C.last ?? .nan,
        ]
        run["tau_alpha"] = tauAlpha ?? NSNull()
        if let plateau { run["plateau"] = ["q": plateau.q, "tau": plateau.tau] }
        if let mct = try? MCTTransition(model: model) {
            run["mct"] = ["T_d": mct.temperature, "q_d": mct.plateau, "above_T_d": temperature > mct.temperature]
        }

        let dir = try OutputDirectory(outURL)
        try dir.write(EquilibriumOutput.table(solution), to: "equilibrium.csv")
        try dir.writeJSON(run, to: "run.json")
        let figure = EquilibriumOutput.correlationFigure(
            title: String(format: "Equilibrium C(τ) — %@, T = %g", model.summary, temperature),
            curves: [(file: "../equilibrium.csv", title: String(format: "T = %g", temperature))],
            tauAlpha: tauAlpha, level: level)
        let renderError = EquilibriumOutput.render([figure], in: dir, subfolder: "figures")
        try dir.commit()
        if let renderError { Terminal.error("figures: \(renderError)") }
        if !quiet {
            var text = String(format: "%@ at T = %g: C(τ) to τ = %g (%d doublings of N = %d) in %.3f s. ",
                              model.summary, temperature, solution.tau.last ?? 0, solution.doublings,
                              solver.halfBlock, solution.wallSeconds)
            if let tauAlpha { text += String(format: "τ_α = %.6g (C = %.4g). ", tauAlpha, level) }
            else { text += String(format: "C stays above %.4g: no τ_α (below T_d?). ", level) }
            if let plateau { text += String(format: "Plateau C ≈ %.4f at τ ≈ %.3g. ", plateau.q, plateau.tau) }
            print(text + "Written to \(out).")
        }
    }
}

/// Tables and figures shared by `equilibrium` and `transition`.
enum EquilibriumOutput {
    static func table(_ s: EquilibriumSolution) -> CSVTable {
        CSVTable(columns: [("tau", s.tau), ("C", s.C), ("chi", s.chi), ("R", s.R)])
    }

    static func correlationFigure(title: String, curves: [(file: String, title: String)],
                                  tauAlpha: Double?, level: Double) -> Figure {
        var f = Figure(name: "correlation", title: title, xlabel: "τ", ylabel: "C(τ)")
        f.logx = true
        f.yrange = "[0:1]"
        f.series = curves.map { .init(file: $0.file, using: "1:2", title: $0.title, extra: "every ::1") }
        f.functions = [String(format: "%.10g title 'C = %.3g' dt 2 lc rgb 'gray'", level, level)]
        if let tauAlpha {
            f.preamble = [String(format: "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead dt 3 lc rgb 'gray'", tauAlpha, tauAlpha)]
        }
        return f
    }

    /// Renders into `dir`/`subfolder` (scripts always written); returns the first rendering
    /// error instead of throwing, so that missing gnuplot never loses the numerical results.
    static func render(_ figures: [Figure], in dir: OutputDirectory, subfolder: String) -> Error? {
        let folder = dir.url(subfolder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch { return error }
        return Gnuplot.renderAll(figures, in: folder)
    }

}
