import ArgumentParser
import DMFT
import DMFTIO
import Foundation

/// One predicted number with a name, for the table and the JSON.
struct Prediction {
    let key: String
    let value: Double
    let note: String
}

/// Collects every prediction of REFERENCE §4 that applies to a model at a temperature
/// (numerics in DMFT/Analysis/Asymptotics.swift; derivations in equations/asymptotics.md).
enum AsymptoticPredictions {
    static func list(_ model: Model, temperature t: Double) -> [Prediction] {
        var out: [Prediction] = []
        func add(_ key: String, _ value: Double, _ note: String = "") { out.append(Prediction(key: key, value: value, note: note)) }

        let branches = Asymptotics.dynamicalTransitionBranches(model)
        if let td = branches.first {
            add("T_d", td.temperature, td.isContinuous ? "continuous: plateau grows from q = 0" : "largest T with a plateau root q > 0")
            add("q_d", td.plateau, "plateau at T_d")
            if !td.isContinuous { add("lambda", td.exponentParameter, "MCT exponent parameter ξ‴(q_d)(1−q_d)³/(2T_d²)") }
            for (k, b) in branches.dropFirst().enumerated() {
                add("T_d_branch\(k + 2)", b.temperature, String(format: "lower saddle-node of the plateau equation, q = %.6f", b.plateau))
            }
        } else {
            out.append(Prediction(key: "T_d", value: .nan, note: "none: ξ has a linear (field) term"))
        }
        for (k, q) in Asymptotics.plateauRoots(model, temperature: t).enumerated() {
            add("plateau_root\(k + 1)", q, "ξ′(q)(1−q) = T²q at this T")
        }
        add("E_th", Asymptotics.thresholdEnergy(model), "threshold energy of marginal states (T = 0)")

        let belowTd = branches.first.map { t < $0.temperature } ?? false
        if !model.hasSignal || t > 0 {
            for (k, b) in Asymptotics.cugliandoloKurchanBranches(model, temperature: t).enumerated() {
                let chosen = b == Asymptotics.cugliandoloKurchan(model, temperature: t)
                let tag = chosen ? "CK aging solution (largest root)" : (b.isPhysical ? "other root" : "unphysical root (X ∉ [0,1])")
                let applies = belowTd ? "" : " — T ≥ T_d: not reached, dynamics equilibrates"
                add("ck\(k + 1).q_EA", b.qEA, tag + applies)
                add("ck\(k + 1).X", b.X, "FDT ratio")
                add("ck\(k + 1).E_inf", b.energy, "asymptotic energy")
            }
            if !belowTd { add("X", 1, "T ≥ T_d: FDT holds, no aging") }
        }

        if model.hasSignal {
            add("mu_threshold", Asymptotics.thresholdMu(model), "2√ξ″(1)")
            add("GF_recovery_margin", Asymptotics.gradientFlowRecoveryMargin(model), "V″(0) − √ξ″(1): > 0 ⇔ gradient flow finds the signal")
            if let c = Asymptotics.gradientFlowCriticalValues(model) {
                for v in c.values { add("GF_critical_\(c.parameter)", v, "gradient-flow threshold along --\(c.parameter)") }
            }
            if case .spikedMatrixTensor(let p, _, let dp) = model.preset {
                add("GF_critical_delta2_closed_form", Asymptotics.spikedMatrixTensorGradientFlowDelta2(p: p, deltap: dp),
                    "[−Δp + √(Δp² + 4(p−1)Δp)]/(2(p−1))")
                if let h = Asymptotics.langevinHeuristicDelta2(p: p, deltap: dp) {
                    add("Langevin_T1_delta2_heuristic", h, "HEURISTIC √(Δp/2) (p = 3, Δp < 2), to confirm")
                }
            }
            for (k, fp) in Asymptotics.gradientFlowFixedPoints(model).enumerated() {
                let tag = fp.isThreshold ? "GF m = 0 threshold branch" :
                    (fp.isOnResolventBranch ? "GF fixed point" : "GF root off the resolvent branch (χ√ξ″ > 1)")
                add("gf\(k + 1).m", fp.m, tag)
                add("gf\(k + 1).chi", fp.chi, "")
                add("gf\(k + 1).mu", fp.mu, "")
                add("gf\(k + 1).e", fp.energy, fp.isThreshold ? "E_th (marginal states)" : "−V(m) − χξ′(1)")
            }
            add("AMP_recovery_margin", Asymptotics.ampRecoveryMargin(model), "V″(0) − 1: > 0 ⇔ AMP leaves m = 0")
            if let c = Asymptotics.ampCriticalValues(model) {
                for v in c.values { add("AMP_critical_\(c.parameter)", v, "AMP threshold along --\(c.parameter)") }
            }
            let reached = Asymptotics.ampFixedPointReached(model)
            for (k, fp) in Asymptotics.ampFixedPoints(model).enumerated() {
                add("amp\(k + 1).m", fp.m, (fp.isStable ? "stable" : "unstable") + (fp == reached ? ", reached from m → 0⁺" : "")
                    + "; Langevin T = 1 equilibrium overlap")
                add("amp\(k + 1).normalised_overlap", fp.normalisedOverlap, "√m, AMP estimate on the sphere")
            }
        }
        return out
    }

    static func json(_ model: Model, temperature: Double, _ list: [Prediction]) -> [String: Any] {
        var values: [String: Any] = [:]
        var notes: [String: Any] = [:]
        for p in list { values[p.key] = p.value; notes[p.key] = p.note }
        return ["model": RunDirectory.modelJSON(model), "temperature": temperature,
                "predictions": values, "notes": notes, "version": dmftVersion]
    }

    static func table(_ list: [Prediction]) -> String {
        let width = max(8, list.map(\.key.count).max() ?? 8)
        return list.map { p in
            let v = p.value.isFinite ? String(format: "%12.6f", p.value) : String(repeating: " ", count: 9) + "n/a"
            return p.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v + "  " + p.note
        }.joined(separator: "\n")
    }
}

struct AsymptoticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asymptotics",
        abstract: "Print the analytic long-time predictions (REFERENCE §4) for a model at a temperature.",
        discussion: """
        T_d, q_d, λ; the plateau roots at T; the threshold energy; the Cugliandolo–Kurchan aging \
        solution (q_EA, X, E_inf; every root listed); for spiked models the gradient-flow and AMP \
        thresholds, the gradient-flow fixed points and the AMP state-evolution fixed points. \
        Derivations: equations/asymptotics.md.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Bath temperature T ≥ 0 for the temperature-dependent predictions (plateau, CK).")
    var temperature: Double = 0

    @Option(help: ArgumentHelp("Also write the predictions as JSON to FILE ('-' for stdout, which then replaces the table).",
                               valueName: "FILE"))
    var json: String?

    func run() throws {
        guard temperature.isFinite, temperature >= 0 else {
            throw DMFTError.invalidParameter("temperature", "must be ≥ 0, got \(temperature)")
        }
        let model = try modelOptions.makeModel()
        let list = AsymptoticPredictions.list(model, temperature: temperature)
        let data = try JSON.encode(AsymptoticPredictions.json(model, temperature: temperature, list))
        if json == "-" {
            FileHandle.standardOutput.write(data)
            print()
            return
        }
        print("\(model.summary), T = \(temperature)")
        print(AsymptoticPredictions.table(list))
        if let json {
            do { try data.write(to: URL(fileURLWithPath: json)) } catch {
                throw DMFTError.unwritable(path: json, reason: error.localizedDescription)
            }
            print("JSON written to \(json).")
        }
    }
}
