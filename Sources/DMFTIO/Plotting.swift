import DMFT
import Foundation

/// Figures of a run directory, written to DIR/figures/ (PNG, the .gp scripts and their CSV data).
public enum Plotting {
    /// Draws m(t), e(t), μ(t) and C(t_w + τ, t_w) for a few waiting times.
    public static func plotRun(at dir: URL, waitingTimes: [Double]? = nil) throws {
        let solution = try RunDirectory.read(dir)
        let figures = try OutputDirectory(dir.appendingPathComponent("figures"))
        let series = solution.series
        // The run's own observables.csv also carries the protocol columns (T(t), w_k(t)) when it had one.
        let observables = try String(contentsOf: dir.appendingPathComponent("observables.csv"), encoding: .utf8)
        try figures.write(observables, to: "observables.csv")
        let logTime = (series.t.last ?? 1) > 200
        func timeFigure(_ name: String, _ column: Int, _ label: String, _ title: String) -> Figure {
            var f = Figure(name: name, title: "\(title) — \(solution.model.label), T = \(solution.temperature)",
                           xlabel: "t", ylabel: label)
            f.series = [.init(file: "observables.csv", using: "1:\(column)", title: label)]
            if logTime { f.logx = true; f.series[0].extra = "every ::2" }
            return f
        }
        var list = [timeFigure("m", 2, "m(t)", "Overlap with the signal"),
                    timeFigure("energy", 3, "e(t)", "Energy per spin"),
                    timeFigure("mu", 4, "μ(t)", "Lagrange multiplier")]
        if let e = solution.errorEstimate { list[1].title += String(format: " (est. error %.1e)", e.energy) }
        if let protocolFigure = protocolFigure(observables: observables, logTime: logTime) { list.append(protocolFigure) }

        // C(t_w + τ, t_w) against τ for waiting times spread over the run.
        let tEnd = solution.finalTime
        let tws = waitingTimes ?? defaultWaitingTimes(tEnd: tEnd)
        var rows: [[Double]] = []
        var correlation = Figure(name: "correlation", title: "Two-time correlation C(t_w + τ, t_w)",
                                 xlabel: "τ = t − t_w", ylabel: "C(t_w + τ, t_w)")
        correlation.logx = true
        for (k, tw) in tws.enumerated() where tw < tEnd {
            let taus = logSpaced(from: max(1e-2, (tEnd - tw) * 1e-4), to: tEnd - tw, count: 200)
            for tau in taus { rows.append([Double(k), tw, tau, solution.correlation(tw + tau, tw)]) }
            correlation.series.append(.init(file: "correlation.csv", using: "3:($1==\(k) ? $4 : 1/0)",
                                            title: String(format: "t_w = %g", tw)))
        }
        try figures.write(CSVTable(header: ["index", "t_w", "tau", "C"], rows: rows), to: "correlation.csv")
        list.append(correlation)
        try figures.commit(rendering: list)
    }

    /// T(t) and the channel weights w_k(t), beside m(t) and e(t), when the run had a protocol: the
    /// columns `temperature` and `w_k` that `dmft solve` appends to observables.csv.
    static func protocolFigure(observables: String, logTime: Bool) -> Figure? {
        guard let header = observables.split(separator: "\n", maxSplits: 1).first?.split(separator: ",").map(String.init) else { return nil }
        let columns = header.enumerated().filter { $0.element == "temperature" || $0.element.hasPrefix("w_") }
        guard !columns.isEmpty else { return nil }
        var f = Figure(name: "protocol", title: "Protocol: temperature T(t) and channel weights w_k(t)",
                       xlabel: "t", ylabel: "T(t), w_k(t)")
        f.logx = logTime
        f.series = columns.map { c in
            .init(file: "observables.csv", using: "1:\(c.offset + 1)",
                  title: c.element == "temperature" ? "T(t)" : "w_\(c.element.dropFirst(2))(t)", extra: "every ::1")
        }
        return f
    }

    public static func defaultWaitingTimes(tEnd: Double) -> [Double] {
        if tEnd <= 10 { return [0, tEnd / 8, tEnd / 4, tEnd / 2] }
        var tws: [Double] = [0]
        var tw = 1.0
        while tw < tEnd / 2 { tws.append(tw); tw *= 4 }
        return tws
    }

    public static func logSpaced(from a: Double, to b: Double, count: Int) -> [Double] {
        guard b > a, count > 1 else { return [b] }
        let la = log(a), lb = log(b)
        return (0..<count).map { exp(la + (lb - la) * Double($0) / Double(count - 1)) }
    }
}
