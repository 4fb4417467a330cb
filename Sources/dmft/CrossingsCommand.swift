import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct CrossingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossings",
        abstract: "When a run's overlap crosses given levels, and when its energy sits on the threshold states.",
        discussion: """
        First-passage times of m(t) (interpolated between steps) for --levels, absolute or as fractions \
        of the final m (--relative), and at T = 0 the times the energy enters and leaves the band \
        |e − E_th| ≤ --epsilon around the threshold energy of ξ (REFERENCE §4). Writes crossings.json \
        into the run directory.
        """)

    @Argument(help: "A run directory written by `dmft solve`.")
    var directory: String

    @Option(help: "Levels of m, comma-separated.")
    var levels: String = "0.1,0.5,0.9"

    @Flag(help: "Read --levels as fractions of the run's final m.")
    var relative = false

    @Option(help: "Half-width of the threshold-energy band.")
    var epsilon: Double = 1e-2

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let solution = try RunDirectory.read(url)
        let result = try CrossingsCommand.analyse(solution.series, model: solution.model, temperature: solution.temperature,
                                                  levels: levels, relative: relative, epsilon: epsilon)
        let out = try OutputDirectory(url, startingFrom: url)
        try out.writeJSON(CrossingsCommand.json(result), to: "crossings.json")
        try out.commit()
        print(CrossingsCommand.text(result))
    }

    static func analyse(_ series: TimeSeries, model: Model, temperature: Double, levels: String, relative: Bool,
                        epsilon: Double) throws -> Crossings.Result {
        let values = try levels.split(separator: ",").map { item -> Double in
            guard let v = Double(item.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw DMFTError.invalidParameter("levels", "'\(item)' is not a number")
            }
            return v
        }
        guard epsilon > 0 else { throw DMFTError.invalidParameter("epsilon", "must be > 0, got \(epsilon)") }
        return Crossings.analyse(series, levels: values, mode: relative ? .relativeToFinal : .absolute,
                                 thresholdEnergy: Crossings.plateauEnergy(model: model, temperature: temperature),
                                 epsilon: epsilon)
    }

    /// The crossings every `dmft solve` of a model with a signal records in run.json (m = 0.1, 0.5, 0.9
    /// and the threshold band at ε = 1e-2); nil without a signal.
    static func runSummary(_ solution: Solution) throws -> [String: Any]? {
        guard solution.model.hasSignal else { return nil }
        return json(try analyse(solution.series, model: solution.model, temperature: solution.temperature,
                                levels: "0.1,0.5,0.9", relative: false, epsilon: 1e-2))
    }

    static func json(_ r: Crossings.Result) -> [String: Any] {
        var j: [String: Any] = [
            "overlap": r.overlap.map { ["level": $0.asked, "m": $0.level, "time": $0.time.map { $0 as Any } ?? NSNull()] },
            "epsilon": r.epsilon,
        ]
        if let e = r.thresholdEnergy {
            j["threshold_energy"] = e
            j["enter_threshold"] = r.enterPlateau.map { $0 as Any } ?? NSNull()
            j["leave_threshold"] = r.leavePlateau.map { $0 as Any } ?? NSNull()
        }
        return j
    }

    static func text(_ r: Crossings.Result) -> String {
        var lines = r.overlap.map { o in
            "m = \(String(format: "%.6g", o.level)): " + (o.time.map { String(format: "t = %.6g", $0) } ?? "not reached")
        }
        if let e = r.thresholdEnergy {
            lines.append(String(format: "threshold band |e − (%.6f)| ≤ %g: ", e, r.epsilon)
                + (r.enterPlateau.map { String(format: "entered at t = %.6g", $0) } ?? "never entered")
                + (r.leavePlateau.map { String(format: ", left at t = %.6g", $0) } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
