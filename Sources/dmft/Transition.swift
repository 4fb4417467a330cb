import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Transition: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The dynamical transition: T_d, q_d and the MCT exponents, checked against τ_α(T) from equilibrium solves.",
        discussion: """
        Computes T_d and q_d from the plateau equation ξ'(q)(1−q) = T²q, the exponent parameter \
        λ = ξ'''(q_d)(1−q_d)³/(2T_d²), the exponents a, b and γ = 1/(2a) + 1/(2b). Then solves the equilibrium \
        equation at T = T_d + δ for --points values of δ between --min-distance and --max-distance (in parallel), \
        measures τ_α and fits τ_α = A (T − T_d)^(−γ) with T_d, γ, A free. Writes transition.json, transition.csv \
        and figures/ (correlations.png, tau-alpha.png) into --out, atomically.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Number of temperatures in the series (0: only the analytic predictions).")
    var points: Int = 10

    @Option(help: "Smallest T − T_d of the series (τ_α grows like (T − T_d)^(−γ); keep τ_α well below --tmax).")
    var minDistance: Double = 1e-4

    @Option(help: "Largest T − T_d of the series (the power law is asymptotic: with C(τ_α) = 1/e, fitting up to 1e-1 biases γ by −5%, up to 1e-2 by < 0.1%).")
    var maxDistance: Double = 1e-2

    @Option(help: "Final lag τ of each solve.")
    var tmax: Double = 1e9

    @OptionGroup var solverOptions: StationaryOptions

    @Option(help: "Output directory.")
    var out: String = "dmft-transition"

    func run() throws {
        let model = try modelOptions.makeModel()
        let mct = try MCTTransition(model: model)
        let solver = try solverOptions.makeSolver()
        guard points == 0 || points >= 4 else {
            throw DMFTError.invalidParameter("points", "the fit has 3 parameters: use 0 (no series) or ≥ 4, got \(points)")
        }
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)
        let clock = ContinuousClock(), start = clock.now

        var json: [String: Any] = [
            "command": Terminal.commandLine, "dmft_version": dmftVersion, "model": RunDirectory.modelJSON(model),
            "prediction": ["T_d": mct.temperature, "q_d": mct.plateau, "lambda": mct.lambda,
                           "a": mct.a, "b": mct.b, "gamma": mct.gamma],
        ]
        var text = String(format: "%@: T_d = %.9f, q_d = %.9f, λ = %.9f, a = %.6f, b = %.6f, γ = %.6f (plateau equation).",
                          model.summary, mct.temperature, mct.plateau, mct.lambda, mct.a, mct.b, mct.gamma)
        let dir = try OutputDirectory(outURL)
        if points > 0 {
            let distances = try TransitionScan.logSpacedDistances(from: minDistance, to: maxDistance, count: points)
            let scan = try TransitionScan(model: model, distances: distances, tmax: tmax, solver: solver,
                                          level: solverOptions.level)
            json["solver"] = solverOptions.json(solver)
            json["tmax"] = tmax
            json["series"] = (0..<points).map { k -> [String: Any] in
                ["T": scan.temperatures[k], "T_minus_Td": distances[k],
                 "tau_alpha": scan.relaxationTimes[k] ?? NSNull(), "wall_seconds": scan.solutions[k].wallSeconds]
            }
            if let fit = scan.fit {
                json["fit"] = ["T_d": fit.criticalTemperature, "sigma_T_d": fit.sigmaCriticalTemperature,
                               "gamma": fit.gamma, "sigma_gamma": fit.sigmaGamma, "A": fit.amplitude,
                               "sigma_ln_A": fit.sigmaLogAmplitude, "rms_ln_residual": fit.rmsLogResidual,
                               "gamma_relative_deviation": fit.gamma / mct.gamma - 1,
                               "T_d_deviation": fit.criticalTemperature - mct.temperature]
                text += String(format: " Fit of τ_α over T − T_d ∈ [%g, %g]: T_d = %.6f ± %.1e (predicted %.6f), γ = %.4f ± %.4f (predicted %.4f, %+.2f%%), A = %.4g.",
                               minDistance, maxDistance, fit.criticalTemperature, fit.sigmaCriticalTemperature,
                               mct.temperature, fit.gamma, fit.sigmaGamma, mct.gamma, 100 * (fit.gamma / mct.gamma - 1), fit.amplitude)
            } else {
                text += " Too few relaxation times for a fit (raise --tmax or --min-distance)."
            }
            try write(scan, fit: scan.fit, to: dir)
        }
        json["wall_seconds"] = (clock.now - start) / .seconds(1)
        try dir.writeJSON(json, to: "transition.json")
        let renderError = points > 0 ? EquilibriumOutput.render(figures(points: points, mct: mct, fit: json["fit"] != nil ? fitLine(json) : nil),
                                                                in: dir, subfolder: "figures") : nil
        try dir.commit()
        if let renderError { Terminal.error("figures: \(renderError)") }
        print(text + " Written to \(out).")
    }

    private func fitLine(_ json: [String: Any]) -> (Double, Double, Double) {
        let f = json["fit"] as! [String: Any]
        return (f["A"] as! Double, f["T_d"] as! Double, f["gamma"] as! Double)
    }

    private func write(_ scan: TransitionScan, fit: DivergenceFit?, to dir: OutputDirectory) throws {
        var rows: [[Double]] = []
        for k in scan.distances.indices {
            rows.append([scan.temperatures[k], scan.distances[k], scan.relaxationTimes[k] ?? .nan])
        }
        try dir.write(CSVTable(header: ["T", "T_minus_Td", "tau_alpha"], rows: rows), to: "transition.csv")
        // Curves for the C(τ) figure, thinned to ~200 points per decade so the folder stays small.
        var curveRows: [[Double]] = []
        for (k, s) in scan.solutions.enumerated() {
            var lastLog = -Double.infinity
            for j in s.tau.indices where s.tau[j] > 0 {
                let l = log10(s.tau[j])
                if l - lastLog >= 0.005 { curveRows.append([Double(k), s.temperature, s.tau[j], s.C[j]]); lastLog = l }
            }
        }
        try dir.write(CSVTable(header: ["index", "T", "tau", "C"], rows: curveRows), to: "figures/correlations.csv")
    }

    private func figures(points: Int, mct: MCTTransition, fit: (Double, Double, Double)?) -> [Figure] {
        var c = Figure(name: "correlations", title: "Equilibrium C(τ) approaching T_d = \(String(format: "%.6f", mct.temperature))",
                       xlabel: "τ", ylabel: "C(τ)")
        c.logx = true
        c.yrange = "[0:1]"
        c.series = (0..<points).map {
            .init(file: "correlations.csv", using: "3:($1==\($0) ? $4 : 1/0)", title: "", style: "lines lw 1.5")
        }
        c.series[0].title = "T − T_d from max to min"
        c.functions = [String(format: "%.10g title 'q_d' dt 2 lc rgb 'gray'", mct.plateau)]
        var t = Figure(name: "tau-alpha", title: String(format: "Relaxation time; MCT γ = %.4f", mct.gamma),
                       xlabel: "T − T_d (predicted)", ylabel: "τ_α")
        t.logx = true
        t.logy = true
        t.series = [.init(file: "../transition.csv", using: "2:3", title: "τ_α (solver)", style: "points pt 7 ps 1.2")]
        if let (A, Td, g) = fit {
            t.functions = [String(format: "%.12g*(x + %.12g)**(-%.12g) title 'fit: γ = %.4f, T_d = %.6f' lw 2",
                                  A, mct.temperature - Td, g, g, Td)]
        }
        return [c, t]
    }
}
