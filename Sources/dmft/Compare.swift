import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a DMFT run with finite-N simulations and their N → ∞ extrapolation.",
        discussion: """
        At each --times value, the simulation means of m, e and mu are fitted as y(N) = y_inf + b/N by \
        weighted least squares (weights 1/s.e.²) and y_inf is compared with DMFT in units of its standard \
        error. Writes compare.csv, compare.json and figures/ into --out (equations/simulation.md §4).
        """)

    @Argument(help: "A DMFT run directory written by `dmft solve`.")
    var dmftRun: String

    @Argument(help: "Simulation directories written by `dmft simulate` (several N; same model, T, m0).")
    var simulations: [String]

    @Option(help: "Times at which to extrapolate, comma-separated. Default: 10%, 25%, 50% and 100% of the common time range.")
    var times: String?

    @Option(help: "Output directory.")
    var out: String = "dmft-compare"

    struct Simulation {
        let path: String
        let size: Int
        let table: CSVTable
        let json: [String: Any]

        /// Mean and standard error of `column` at time t, linear between recorded rows (clamped).
        func value(_ column: String, at t: Double) -> (Double, Double) {
            let ts = table.column("t")!
            let ys = table.column(column)!, es = table.column(column + "_err")!
            guard ts.count > 1 else { return (ys[0], es[0]) }
            let k = Grid.cell(containing: t, in: ts)
            let w = min(1, max(0, (t - ts[k]) / (ts[k + 1] - ts[k])))
            return (ys[k] + w * (ys[k + 1] - ys[k]), es[k] + w * (es[k + 1] - es[k]))
        }
    }

    static let observables = [("m", "m(t)"), ("energy", "e(t)"), ("mu", "μ(t)")]

    func run() throws {
        let dmft = try RunDirectory.read(URL(fileURLWithPath: dmftRun))
        guard !simulations.isEmpty else { throw DMFTError.invalidParameter("simulations", "give at least one simulation directory") }
        let sims = try simulations.map(Self.readSimulation)
        for s in sims {
            let temperature = (s.json["temperature"] as? NSNumber)?.doubleValue ?? .nan
            let m0 = (s.json["m0"] as? NSNumber)?.doubleValue ?? .nan
            guard abs(temperature - dmft.temperature) < 1e-12, abs(m0 - dmft.problem.m0) < 1e-12 else {
                throw DMFTError.invalidParameter("simulations", "\(s.path) has T = \(temperature), m0 = \(m0); the DMFT run has T = \(dmft.temperature), m0 = \(dmft.problem.m0)")
            }
            if let model = s.json["model"] as? [String: Any],
               let simModel = try? RunDirectory.model(fromJSON: model, path: s.path),
               simModel.noise != dmft.model.noise || simModel.signal != dmft.model.signal {
                throw DMFTError.invalidParameter("simulations", "\(s.path) simulates \(simModel.summary), not \(dmft.model.summary)")
            }
        }
        let tEnd = min(dmft.finalTime, sims.map { $0.table.column("t")!.last ?? 0 }.min()!)
        let ts = try times.map { try parseTimes($0, flag: "times") } ?? [0.1, 0.25, 0.5, 1].map { $0 * tEnd }
        for t in ts where t > tEnd {
            throw DMFTError.invalidParameter("times", "\(t) is beyond the common range [0, \(tEnd)] of the runs")
        }
        let sizes = sims.map(\.size)

        var rows: [[Double]] = []
        var entries: [[String: Any]] = []
        var extrapolationRows: [[Double]] = []
        var fits: [String: [FiniteSizeExtrapolation]] = [:]
        for t in ts {
            var row = [t]
            for (name, _) in Self.observables {
                let pairs = sims.map { $0.value(name, at: t) }
                let fit = try FiniteSizeExtrapolation(sizes: sizes, values: pairs.map(\.0), errors: pairs.map(\.1))
                fits[name, default: []].append(fit)
                let reference = dmft.series.interpolate(name == "m" ? \.m : name == "energy" ? \.energy : \.mu, at: t)
                let sigma = fit.discrepancy(from: reference)
                row += [reference, fit.value, fit.error, sigma]
                entries.append([
                    "t": t, "observable": name, "dmft": reference, "extrapolated": fit.value,
                    "extrapolated_err": fit.error, "slope_of_1_over_N": fit.slope, "slope_err": fit.slopeError,
                    "chi2": fit.chiSquared, "dof": fit.degreesOfFreedom, "discrepancy_sigma": sigma,
                    "finite_N": zip(sizes, pairs).map { ["N": $0.0, "value": $0.1.0, "err": $0.1.1] },
                ])
            }
            rows.append(row)
            for (k, s) in sims.enumerated() {
                var r = [t, 1 / Double(s.size)]
                for (name, _) in Self.observables {
                    let v = sims[k].value(name, at: t)
                    r += [v.0, v.1]
                }
                extrapolationRows.append(r)
            }
        }
        var header = ["t"]
        for (name, _) in Self.observables {
            header += ["dmft_\(name)", "\(name)_inf", "\(name)_inf_err", "\(name)_sigma"]
        }
        let outURL = URL(fileURLWithPath: out)
        let dir = try OutputDirectory(outURL)
        try dir.write(CSVTable(header: header, rows: rows), to: "compare.csv")
        try dir.writeJSON([
            "kind": "compare", "version": dmftVersion, "command": Terminal.commandLine,
            "dmft_run": dmftRun, "simulations": simulations, "sizes": sizes,
            "model": RunDirectory.modelJSON(dmft.model),
            "extrapolation": "y(N) = y_inf + b/N, weighted least squares with weights 1/se^2",
            "discrepancy": "(y_inf - y_DMFT)/se(y_inf)",
            "entries": entries,
        ], to: "compare.json")
        try dir.commit()

        var note = ""
        do {
            try plot(dmft: dmft, sims: sims, extrapolation: CSVTable(
                header: ["t", "inv_N", "m", "m_err", "energy", "energy_err", "mu", "mu_err"], rows: extrapolationRows),
                times: ts, fits: fits, outURL: outURL)
        } catch { note = " (figures: \(error))" }

        print("DMFT \(dmft.model.summary), T = \(dmft.temperature), m0 = \(dmft.problem.m0) against N = "
              + sizes.map(String.init).joined(separator: ", ") + "; y(N) = y_inf + b/N:")
        for (k, t) in ts.enumerated() {
            let parts = Self.observables.enumerated().map { (j, o) in
                let f = fits[o.0]![k]
                return String(format: "%@: DMFT %.5f, N→∞ %.5f ± %.5f (%+.1fσ)", o.0, rows[k][1 + 4 * j], f.value, f.error,
                              rows[k][4 + 4 * j])
            }
            print(String(format: "t = %g  ", t) + parts.joined(separator: "; "))
        }
        print("Written to \(out)\(note).")
    }

    static func readSimulation(_ path: String) throws -> Simulation {
        let url = URL(fileURLWithPath: path)
        let json = try JSON.read(url.appendingPathComponent("run.json"))
        guard let n = (json["N"] as? NSNumber)?.intValue else {
            throw DMFTError.unreadable(path: path, reason: "run.json has no N; is this a `dmft simulate` directory?")
        }
        let table: CSVTable
        do { table = try CSVTable.read(url.appendingPathComponent("simulation.csv")) } catch {
            throw DMFTError.unreadable(path: path, reason: "\(error)")
        }
        for c in ["t", "m", "m_err", "energy", "energy_err", "mu", "mu_err"] where table.column(c) == nil {
            throw DMFTError.unreadable(path: path, reason: "simulation.csv has no column \(c)")
        }
        return Simulation(path: path, size: n, table: table, json: json)
    }

    func plot(dmft: Solution, sims: [Simulation], extrapolation: CSVTable, times ts: [Double],
              fits: [String: [FiniteSizeExtrapolation]], outURL: URL) throws {
        let figures = try OutputDirectory(outURL.appendingPathComponent("figures"))
        try figures.write(RunDirectory.observables(dmft.series), to: "dmft.csv")
        try figures.write(extrapolation, to: "extrapolation.csv")
        for (k, s) in sims.enumerated() { try figures.write(s.table, to: "sim\(k).csv") }
        var list: [Figure] = []
        for (j, (name, label)) in Self.observables.enumerated() {
            var f = Figure(name: name, title: "\(label): DMFT and finite-N simulations (mean ± s.e.)",
                           xlabel: "t", ylabel: label)
            f.series = [.init(file: "dmft.csv", using: "1:\(j + 2)", title: "DMFT")]
            let col = [2, 4, 6][j]
            for (k, s) in sims.enumerated() {
                f.series.append(.init(file: "sim\(k).csv", using: "1:\(col):\(col + 1)", title: "N = \(s.size)",
                                      style: "yerrorbars pt 7 ps 0.4"))
            }
            list.append(f)

            var e = Figure(name: "extrapolation_\(name)", title: "\(label) against 1/N; lines: y∞ + b/N; stars: DMFT",
                           xlabel: "1/N", ylabel: label)
            e.xrange = "[0:*]"
            let c = 3 + 2 * j
            for (k, t) in ts.enumerated() {
                e.series.append(.init(file: "extrapolation.csv", using: "($1==\(t) ? $2 : 1/0):\(c):\(c + 1)",
                                      title: String(format: "t = %g", t), style: "yerrorbars pt 7 lc \(k + 1)"))
                let fit = fits[name]![k]
                if fit.slope.isFinite {
                    e.functions.append("\(fit.value) + (\(fit.slope))*x notitle lc \(k + 1) dt 2")
                }
                let reference = dmft.series.interpolate(name == "m" ? \.m : name == "energy" ? \.energy : \.mu, at: t)
                e.preamble.append("set label \(k + 1) at first 0, first \(reference) point pt 3 ps 2 lc \(k + 1)")
            }
            list.append(e)
        }
        try figures.commit(rendering: list)
    }
}
