import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Threshold: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Locate an algorithmic threshold from the divergence of the time to find the signal.",
        discussion: """
        Runs the points of --scan in parallel (uniform grid, or --grid adaptive for escape times beyond \
        ~10³), doubling the horizon of \
        points that have not reached m = --level up to --tmax-cap, fits t* = A |x_c − x|^(−θ) and the \
        logarithmic alternative t* = a − b ln|x_c − x| to the points that crossed, with covariance \
        and bootstrap uncertainties, and prints the analytic prediction beside them (REFERENCE §4). \
        Several ranges with the same count, comma-separated, scan along a straight line; the fit uses \
        the first. Writes threshold.csv, threshold.json and figures/ into --out.
        """)

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var runOptions: SweepRunOptions

    @Option(help: ArgumentHelp("Scanned parameter(s): NAME=start:end:count[,NAME=start:end:count], NAME ∈ delta2, deltap, inv-delta2, inv-deltap, temperature, m0.", valueName: "spec"))
    var scan: String

    @Option(help: "First horizon of every point.")
    var tmax: Double = 100

    @Option(help: "Largest horizon a point is extended to (uniform grid: memory 16 (t/dt)² bytes per running point; adaptive: 56 N² bytes).")
    var tmaxCap: Double = 400

    @Option(help: "Bootstrap resamples for the uncertainty of x_c and θ.")
    var bootstrap: Int = 200

    @Option(help: "Output directory.")
    var out: String = "threshold-run"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let ranges = try scan.split(separator: ",").map { try ParameterRange.parse(String($0), flag: "scan") }
        guard let first = ranges.first, ranges.allSatisfy({ $0.values.count == first.values.count }) else {
            throw DMFTError.invalidParameter("scan", "ranges on one line must have the same count")
        }
        guard first.values.count >= 4 else { throw DMFTError.invalidParameter("scan", "needs at least 4 points") }
        let settings = try runOptions.settings(tmax: tmax, cap: tmaxCap)
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)
        let points = (0..<first.values.count).map { k in
            (index: k, parameters: Dictionary(uniqueKeysWithValues: ranges.map { ($0.name, $0.values[k]) }))
        }
        let options = modelOptions
        let progress = SweepProgress(total: points.count, quiet: quiet)
        let start = Date()
        let results = try Sweep.run(points: points, settings: settings,
                                    model: { try options.makeModel(overrides: $0) },
                                    finished: { progress.report($0) })
        let wall = Date().timeIntervalSince(start)
        let crossed = results.filter(\.recovered)
        let x = crossed.map { $0.parameters[first.name]! }, t = crossed.map { $0.crossingTime! }
        var fit: ThresholdFit?
        var fitError: String?
        do { fit = try ThresholdFit(x: x, times: t, bootstrap: bootstrap) } catch { fitError = "\(error)" }
        let prediction = analyticPrediction(first.name, reference: try options.makeModel(overrides: points[0].parameters))

        let dir = try OutputDirectory(outURL)
        var rows: [[Double]] = []
        for p in results {
            rows.append(ranges.map { p.parameters[$0.name]! } + [p.crossingTime ?? .nan, p.recovered ? 1 : 0, p.finalM, p.tmax])
        }
        try dir.write(CSVTable(header: ranges.map(\.name) + ["t_star", "crossed", "m_final", "tmax"], rows: rows),
                      to: "threshold.csv")
        var json: [String: Any] = [
            "dmft_version": dmftVersion, "command": Terminal.commandLine, "wall_seconds": wall,
            "model": RunDirectory.modelJSON(try options.makeModel(overrides: points[0].parameters)),
            "scan": ranges.map { ["name": $0.name, "values": $0.values] },
            "settings": ["level": settings.level, "temperature": settings.temperature, "m0": settings.m0,
                         "dt": settings.dt, "tmax": settings.tmax, "tmax_cap": settings.tmaxCap,
                         "grid": settings.window == nil ? "uniform" : "adaptive", "window": settings.window ?? 0],
            "points": results.count, "crossed": crossed.count,
        ]
        if let fit {
            var f: [String: Any] = [
                "xc": fit.xc, "sigma_xc": fit.sigmaXc, "bootstrap_sigma_xc": fit.bootstrapSigmaXc,
                "theta": fit.theta, "sigma_theta": fit.sigmaTheta, "bootstrap_sigma_theta": fit.bootstrapSigmaTheta,
                "amplitude": fit.amplitude, "rms_log_residual": fit.rmsLog, "points": fit.points,
            ]
            if let l = fit.logarithmic { f["logarithmic"] = ["xc": l.xc, "a": l.a, "b": l.b, "rms_log_residual": l.rmsLog] }
            json["fit"] = f
        } else { json["fit_error"] = fitError ?? "" }
        if let prediction { json["prediction"] = ["value": prediction.value, "source": prediction.source] }
        try dir.writeJSON(json, to: "threshold.json")
        var figures: [Figure] = []
        var curve: [[Double]] = []
        if let fit {
            let lo = x.min()!, hi = x.max()!
            for k in 0..<200 {
                let xv = lo + (hi - lo) * Double(k) / 199
                if abs(fit.xc - xv) > 1e-12 { curve.append([xv, fit.powerLaw(xv), abs(fit.xc - xv)]) }
            }
        }
        try dir.write(CSVTable(header: ["x", "t_fit", "distance"], rows: curve), to: "figures/fit.csv")
        try dir.write(CSVTable(header: ["x", "t_star", "distance"],
                               rows: zip(x, t).map { xv, tv in [xv, tv, fit.map { abs($0.xc - xv) } ?? .nan] }),
                      to: "figures/points.csv")
        var f1 = Figure(name: "tstar", title: "Time to reach m = \(settings.level), \(options.model), T = \(settings.temperature)",
                        xlabel: first.name, ylabel: "t*")
        f1.logy = true
        if let lo = x.min(), let hi = x.max() {
            // Show the fitted and predicted thresholds even when they lie beyond the scanned points.
            let marks = [lo, hi] + [fit?.xc, prediction?.value].compactMap { $0 }.filter { abs($0 - hi) < 3 * (hi - lo) }
            let span = max(marks.max()! - marks.min()!, 1e-9)
            f1.xrange = "[\(marks.min()! - 0.03 * span):\(marks.max()! + 0.03 * span)]"
        }
        f1.series = [.init(file: "points.csv", using: "1:2", title: "DMFT", style: "points pt 7 ps 1.2")]
        if fit != nil { f1.series.append(.init(file: "fit.csv", using: "1:2", title: "power-law fit")) }
        if let fit { f1.preamble.append("set arrow from \(fit.xc), graph 0 to \(fit.xc), graph 1 nohead dt 2 lc rgb 'black'") }
        if let prediction { f1.preamble.append("set arrow from \(prediction.value), graph 0 to \(prediction.value), graph 1 nohead dt 3 lc rgb 'red'") }
        figures.append(f1)
        if let fit {
            var f2 = Figure(name: "loglog", title: String(format: "t* against |x_c − x|: θ = %.3f ± %.3f, x_c = %.5f ± %.5f", fit.theta, fit.sigmaTheta, fit.xc, fit.sigmaXc),
                            xlabel: "|x_c − x|", ylabel: "t*")
            f2.logx = true; f2.logy = true
            f2.series = [.init(file: "points.csv", using: "3:2", title: "DMFT", style: "points pt 7 ps 1.2"),
                         .init(file: "fit.csv", using: "3:2", title: "A |x_c − x|^{−θ}")]
            figures.append(f2)
        }
        for f in figures { try dir.write(f.script, to: "figures/\(f.name).gp") }
        let renderError = Gnuplot.renderAll(figures, in: dir.url("figures"))
        try dir.commit()
        print(summary(fit: fit, fitError: fitError, prediction: prediction, name: first.name, crossed: crossed.count,
                      total: results.count, wall: wall))
        if let renderError { Terminal.error("\(renderError)") }
    }

    func analyticPrediction(_ name: String, reference model: Model) -> (value: Double, source: String)? {
        guard name == "delta2" || name == "inv-delta2" else { return nil }
        let invert = name == "inv-delta2"
        if runOptions.temperature == 0, let gf = Asymptotics.gradientFlowCriticalValues(model), gf.parameter == "delta2",
           let v = gf.values.first {
            return (invert ? 1 / v : v, "gradient flow, V''(0) = sqrt(xi''(1)) (REFERENCE §4)")
        }
        if runOptions.temperature == 1, case .spikedMatrixTensor(let p, _, let dp) = model.preset,
           let v = Asymptotics.langevinHeuristicDelta2(p: p, deltap: dp) {
            return (invert ? 1 / v : v, "Langevin T=1 heuristic sqrt(deltap/2), to confirm")
        }
        return nil
    }

    func summary(fit: ThresholdFit?, fitError: String?, prediction: (value: Double, source: String)?, name: String,
                 crossed: Int, total: Int, wall: Double) -> String {
        var s = String(format: "%d of %d points reached m = %g within the horizon cap (%.1f s). ", crossed, total, runOptions.level, wall)
        if let fit {
            s += String(format: "Power law: %@_c = %.6f ± %.6f (bootstrap ± %.6f), θ = %.4f ± %.4f (bootstrap ± %.4f), rms(ln t*) = %.3g.",
                        name, fit.xc, fit.sigmaXc, fit.bootstrapSigmaXc, fit.theta, fit.sigmaTheta, fit.bootstrapSigmaTheta, fit.rmsLog)
            if let l = fit.logarithmic {
                s += String(format: " Logarithmic: %@_c = %.6f, rms(ln t*) = %.3g.", name, l.xc, l.rmsLog)
            }
        } else {
            s += "No fit: \(fitError ?? "")."
        }
        if let prediction {
            s += String(format: " Prediction: %.6f (%@)", prediction.value, prediction.source)
            if let fit { s += String(format: "; difference %.2g σ", (fit.xc - prediction.value) / max(fit.sigmaXc, 1e-300)) }
            s += "."
        }
        return s + " Written to \(out)."
    }
}
