import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct AgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aging",
        abstract: "Aging analysis of a run directory, written atomically to RUN_DIR/aging/.",
        discussion: """
        Writes correlation.csv (t_w,tau,C,chi), collapse.csv, fdt.csv, msd.csv, energy.csv, aging.json \
        and a figure for each (PNG + gnuplot script). Prints the measured q_EA, X, collapse exponent and \
        energy fit beside the analytic predictions (Cugliandolo–Kurchan below T_d; no aging, X = 1 above). \
        On a geometric-grid run the curves at each t_w are read from the rows kept in RUN_DIR/checkpoint/, \
        short lags included (equations/geometric-grid.md §4). Methods: equations/asymptotics.md.
        """)

    @Argument(help: "A run directory written by `dmft solve` (any grid).")
    var directory: String

    @Option(help: "Waiting times t_w, comma-separated. Default: tEnd/64, tEnd/32, tEnd/16, tEnd/8, tEnd/4.")
    var waitingTimes: String?

    @Option(help: "Samples of tau per waiting time (log-spaced from --tau-min to the end of the run).")
    var samples: Int = 120

    @Option(help: "Smallest lag tau sampled (inside the fast, FDT regime).")
    var tauMin: Double = 1e-2

    @Option(help: "Fit e(t) = e_inf + A t^-alpha over the last this-many decades of the run.")
    var energyDecades: Double = 1.5

    @Flag(help: "Write the data and scripts but do not call gnuplot.")
    var noFigures = false

    func run() throws {
        let dirURL = URL(fileURLWithPath: directory)
        var solution = try RunDirectory.read(dirURL)
        var settings = Aging.Settings()
        if let waitingTimes {
            settings.waitingTimes = try waitingTimes.split(separator: ",").map {
                guard let v = Double($0.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw DMFTError.invalidParameter("waiting-times", "'\($0)' is not a number")
                }
                return v
            }
        }
        settings.samplesPerCurve = samples
        settings.tauMin = tauMin
        settings.energyDecades = energyDecades
        // A geometric run keeps every row in its checkpoint: the columns at the analysis' waiting times are
        // read from them, with the short lags that C.npy on the rows (t/K apart) would jump.
        if solution.solverName == "geometric", (try? Checkpoint.grid(of: dirURL)) == "geometric" {
            let wanted = try Aging.validatedWaitingTimes(solution, settings).filter { solution.waitingTimeColumn($0) == nil }
            if !wanted.isEmpty {
                let saved = try GeometricCheckpoint.read(dirURL)
                solution.waitingTimeColumns += saved.solver.waitingTimeColumns(wanted, of: saved.state, problem: saved.problem)
                Terminal.info("aging: C(t, t_w) and χ(t, t_w) at t_w = " + wanted.map { String(format: "%g", $0) }.joined(separator: ", ")
                              + " read from the run's rows (checkpoint/), short lags included")
            }
        }
        let report = try Aging.analyse(solution, settings: settings)
        let out = try OutputDirectory(dirURL.appendingPathComponent("aging"))
        let figures = try AgingOutput.write(report, solution: solution, to: out)
        let renderError = noFigures ? nil : Gnuplot.renderAll(figures, in: out.staging)
        try out.commit()
        print(AgingOutput.summary(report, solution: solution, directory: directory))
        if let renderError { Terminal.error("\(renderError)") }
    }
}

/// Files, figures and the printed summary of `dmft aging` (no numerics: DMFT/Analysis/Aging.swift).
enum AgingOutput {

    static func select(_ tw: Double, _ column: String) -> String {
        "(abs($1-\(tw))<=1e-9*(\(tw)+1) ? \(column) : 1/0)"
    }

    static func write(_ r: Aging.Report, solution: Solution, to out: OutputDirectory) throws -> [Figure] {
        let T = solution.temperature
        let label = "\(solution.model.summary), T = \(solution.temperature)"
        var corr: [[Double]] = [], collapse: [[Double]] = [], fdt: [[Double]] = [], msd: [[Double]] = []
        for (k, c) in r.curves.enumerated() {
            let d = r.diffusion[k] ?? .nan
            for i in c.tau.indices {
                corr.append([c.tw, c.tau[i], c.C[i], c.chi[i]])
                if c.tw > 0 {
                    collapse.append([c.tw, c.tau[i] / c.tw,
                                     Aging.scalingVariable(tw: c.tw, tau: c.tau[i], mu: r.collapse.mu), c.C[i]])
                }
                fdt.append([c.tw, c.C[i], T * c.chi[i]])
                let delta = 2 * (1 - c.C[i])
                msd.append([c.tw, c.tau[i], delta, delta / d])
            }
        }
        try out.write(CSVTable(header: ["t_w", "tau", "C", "chi"], rows: corr), to: "correlation.csv")
        try out.write(CSVTable(header: ["t_w", "tau_over_tw", "s_fit", "C"], rows: collapse), to: "collapse.csv")
        try out.write(CSVTable(header: ["t_w", "C", "T_chi"], rows: fdt), to: "fdt.csv")
        try out.write(CSVTable(header: ["t_w", "tau", "Delta", "Delta_over_D"], rows: msd), to: "msd.csv")

        func perTW(_ f: inout Figure, file: String, x: String, y: String, style: String = "lines lw 2") {
            for c in r.curves {
                f.series.append(.init(file: file, using: "\(x):" + select(c.tw, y),
                                      title: String(format: "t_w = %g", c.tw), style: style))
            }
        }
        var fC = Figure(name: "correlation", title: "C(t_w+τ, t_w) — \(label)", xlabel: "τ", ylabel: "C")
        fC.logx = true
        perTW(&fC, file: "correlation.csv", x: "2", y: "$3")
        var fS = Figure(name: "collapse_simple", title: String(format: "Simple aging: C against τ/t_w (spread %.2g)", r.collapse.simpleAgingSpread),
                        xlabel: "τ/t_w", ylabel: "C")
        fS.logx = true
        perTW(&fS, file: "collapse.csv", x: "2", y: "$4")
        var fH = Figure(name: "collapse_h", title: String(format: "C against ln h(t_w+τ) − ln h(t_w), h = exp(t^{1−μ}/(1−μ)), μ = %.3f (spread %.2g)",
                                                          r.collapse.mu, r.collapse.spread),
                        xlabel: "s", ylabel: "C")
        fH.logx = true
        perTW(&fH, file: "collapse.csv", x: "3", y: "$4")
        var fF = Figure(name: "fdt", title: "FDT plot — \(label)", xlabel: "C(t_w+τ, t_w)", ylabel: "T χ(t_w+τ, t_w)")
        perTW(&fF, file: "fdt.csv", x: "2", y: "$3", style: "linespoints pt 7 ps 0.4")
        fF.functions.append("1-x title 'FDT (X = 1)' dt 2 lc 'black'")
        if let ck = Asymptotics.cugliandoloKurchan(solution.model, temperature: T) {
            fF.functions.append("(x < \(ck.qEA) ? 1-\(ck.qEA)+\(ck.X)*(\(ck.qEA)-x) : 1/0) title 'CK prediction' dt 3 lc 'red'")
        }
        if let f = r.latestFDT {
            fF.functions.append("(x < \(f.q) ? 1-\(f.q)+\(f.X)*(\(f.q)-x) : 1/0) title 'fit at largest t_w' dt 4 lc 'blue'")
        }
        fF.xrange = "[0:1]"
        var fM = Figure(name: "msd", title: "Mean-square displacement Δ = 2(1−C)", xlabel: "τ", ylabel: "Δ(t_w, t_w+τ)")
        fM.logx = true; fM.logy = true
        perTW(&fM, file: "msd.csv", x: "2", y: "$3")
        var fD = Figure(name: "msd_rescaled", title: "Δ / D(t_w), D(t_w) = Δ(t_w, 2t_w)/(2t_w)", xlabel: "τ", ylabel: "Δ / D(t_w)")
        fD.logx = true; fD.logy = true
        perTW(&fD, file: "msd.csv", x: "2", y: "$4")
        var list = [fC, fS, fH, fF, fM, fD]

        let series = solution.series
        if let e = r.energy {
            var rows: [[Double]] = []
            for (k, t) in series.t.enumerated() where t > 0 {
                rows.append([t, series.energy[k], e.value(t), series.energy[k] - e.eInfinity])
            }
            try out.write(CSVTable(header: ["t", "e", "e_fit", "e_minus_einf"], rows: rows), to: "energy.csv")
            var fE = Figure(name: "energy", title: String(format: "e(t) − e_∞, fit e_∞ = %.6f ± %.1e, α = %.4f ± %.1e", e.eInfinity,
                                                          e.sigmaEInfinity, e.exponent, e.sigmaExponent),
                            xlabel: "t", ylabel: "e(t) − e_∞")
            fE.logx = true; fE.logy = true
            fE.series = [.init(file: "energy.csv", using: "1:(abs($4))", title: "|e − e_∞|"),
                         .init(file: "energy.csv", using: "1:(abs($3-\(e.eInfinity)))", title: "fit A t^{−α}", style: "lines dt 2 lw 2")]
            fE.preamble.append("set arrow from \(e.tRange.lowerBound), graph 0 to \(e.tRange.lowerBound), graph 1 nohead dt 3")
            list.append(fE)
        }
        try out.writeJSON(json(r, solution: solution), to: "aging.json")
        return list
    }

    static func json(_ r: Aging.Report, solution: Solution) -> [String: Any] {
        var j: [String: Any] = [
            "waiting_times": r.waitingTimes,
            "verdict": r.verdict.rawValue,
            "collapse": ["mu": r.collapse.mu, "spread": r.collapse.spread,
                         "stationary_spread": r.collapse.stationarySpread,
                         "stationary_spread_pairs": r.collapse.stationaryPairs,
                         "simple_aging_spread": r.collapse.simpleAgingSpread,
                         "C_window": [r.collapse.window.lowerBound, r.collapse.window.upperBound]],
            "fdt": r.fdt.map { ["t_w": $0.tw, "q": $0.q, "X": $0.X, "sigma_X": $0.sigmaX, "rms": $0.rms,
                                "aging_points": $0.agingPoints, "q_departure": $0.qDeparture ?? Double.nan,
                                "departure_level": $0.departureLevel,
                                "q_departure_spread": $0.departureSpread ?? Double.nan] as [String: Any] },
            "diffusion_constant": r.diffusion.map { $0 ?? Double.nan },
            "model": RunDirectory.modelJSON(solution.model), "temperature": solution.temperature,
            "version": dmftVersion,
        ]
        if let e = r.energy {
            j["energy_fit"] = ["e_inf": e.eInfinity, "sigma_e_inf": e.sigmaEInfinity, "A": e.amplitude,
                               "sigma_A": e.sigmaAmplitude, "alpha": e.exponent, "sigma_alpha": e.sigmaExponent,
                               "rms": e.rms, "t_range": [e.tRange.lowerBound, e.tRange.upperBound], "points": e.points]
        }
        if let ck = Asymptotics.cugliandoloKurchan(solution.model, temperature: solution.temperature) {
            j["prediction"] = ["q_EA": ck.qEA, "X": ck.X, "E_inf": ck.energy, "source": "Cugliandolo-Kurchan"]
        } else if let td = Asymptotics.dynamicalTransition(solution.model), solution.temperature >= td.temperature {
            j["prediction"] = ["X": 1.0, "source": "T >= T_d: equilibrium, no aging"]
        }
        return j
    }

    static func summary(_ r: Aging.Report, solution: Solution, directory: String) -> String {
        var lines: [String] = []
        lines.append("\(solution.model.summary), T = \(solution.temperature), run to t = \(solution.finalTime) on \(solution.grid.count) grid points.")
        lines.append("Waiting times: " + r.waitingTimes.map { String(format: "%g", $0) }.joined(separator: ", "))
        lines.append("Verdict: \(r.verdict.rawValue).")
        lines.append(String(format: "Collapse (C in [%.3g, %.3g]): best h(t) = exp(t^(1-mu)/(1-mu)) with mu = %.3f (spread %.2e); in tau (mu=0) %.2e, latest pair %.2e; in tau/t_w (mu=1) %.2e.",
                            r.collapse.window.lowerBound, r.collapse.window.upperBound, r.collapse.mu, r.collapse.spread,
                            r.collapse.stationarySpread, r.collapse.stationaryPairs.last ?? .nan, r.collapse.simpleAgingSpread))
        let ck = Asymptotics.cugliandoloKurchan(solution.model, temperature: solution.temperature)
        let above = Asymptotics.dynamicalTransition(solution.model).map { solution.temperature >= $0.temperature } ?? false
        for f in r.fdt {
            lines.append(String(format: "  t_w = %-8g FDT fit: X = %.4f ± %.1e, breakpoint q = %.4f (rms %.1e, %d aging points); departure from FDT q = %@ (level %.1e)",
                                f.tw, f.X, f.sigmaX, f.q, f.rms, f.agingPoints,
                                f.qDeparture.map { String(format: "%.4f ± %.1e", $0, f.departureSpread ?? .nan) } ?? "none",
                                f.departureLevel))
        }
        if let f = r.latestFDT {
            if let ck {
                lines.append(String(format: "Measured (largest t_w) vs CK: X = %.4f vs %.6f; q_EA = %@ (departure from FDT), %.4f (breakpoint) vs %.6f.",
                                    f.X, ck.X, f.qDeparture.map { String(format: "%.4f", $0) } ?? "none", f.q, ck.qEA))
                if f.departureLevel > 2 * Aging.minimumDepartureLevel {
                    // The remedy depends on the grid that sampled the curve.
                    let remedy = solution.solverName == "geometric"
                        ? (solution.waitingTimeColumn(f.tw) == nil
                           ? "the geometric grid's rows are t/K apart, so without the run's checkpoint/ (where dmft aging reads every row) the FDT part next to the diagonal is sampled coarsely; keep checkpoint/ or solve with --waiting-times \(String(format: "%g", f.tw)): the column then carries the short lags (|Tχ − (1 − C)| ≤ 3e-6 at t_w = 10⁴ for p = 3, T = 0.5)"
                           : "the followed column resolves the short lags, so this is the dynamics at this t_w, not the grid")
                        : "window 1024 with --band-cells 8 brings this to ~5e-4"
                    lines.append(String(format: "Note: the FDT part of the curve deviates from Tχ = 1 − C by up to %.1e, so the departure estimate of q_EA is coarse; %@ (equations/asymptotics.md §6).",
                                        f.departureLevel / 2, remedy))
                }
            } else if above {
                lines.append(String(format: "Measured X = %.4f ± %.1e vs 1 (T ≥ T_d: equilibrium, FDT).", f.X, f.sigmaX))
            }
        } else if solution.temperature == 0 {
            lines.append("T = 0: Tχ ≡ 0, no FDT plot; X = 0 in the aging regime.")
        }
        if let e = r.energy {
            var s = String(format: "Energy fit over t in [%.3g, %.3g]: e_inf = %.6f ± %.1e, A = %.4f ± %.1e, alpha = %.4f ± %.1e (rms %.1e)",
                           e.tRange.lowerBound, e.tRange.upperBound, e.eInfinity, e.sigmaEInfinity, e.amplitude,
                           e.sigmaAmplitude, e.exponent, e.sigmaExponent, e.rms)
            if let ck { s += String(format: "; CK E_inf = %.6f%@", ck.energy, solution.model.hasSignal ? " (m = 0 branch)" : "") }
            // Roots off the resolvent branch (χ√ξ″(1) > 1) solve the algebra but are not minima of the flow.
            if solution.model.hasSignal, solution.temperature == 0,
               let fp = Asymptotics.gradientFlowFixedPoints(solution.model).first(where: { !$0.isThreshold && $0.isOnResolventBranch }) {
                s += String(format: "; GF fixed point e = %.6f (m = %.6f; measured m(end) = %.6f)", fp.energy, fp.m,
                            solution.series.m.last ?? .nan)
            }
            lines.append(s + ".")
        }
        lines.append("Written to \(directory)/aging.")
        return lines.joined(separator: "\n")
    }
}
