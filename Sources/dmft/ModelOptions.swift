import ArgumentParser
import DMFT

/// The model flags shared by every subcommand that takes a model (REFERENCE §1).
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Model family: pspin, mixed, spiked-matrix, spiked-tensor, spiked-matrix-tensor.",
                               valueName: "name"))
    var model: String = "pspin"

    @Option(help: "Order p of the p-spin / tensor term (integer ≥ 2).")
    var p: Int = 3

    @Option(name: .customLong("delta2"), help: "Noise variance Δ2 > 0 of the matrix channel (spiked models).")
    var delta2: Double?

    @Option(name: .customLong("deltap"), help: "Noise variance Δp > 0 of the tensor channel (spiked models).")
    var deltap: Double?

    @Option(help: ArgumentHelp("Noise covariance ξ(q) = Σ a_k q^k for --model mixed, as k:a_k pairs, e.g. 3:0.5,4:0.5.",
                               valueName: "k:a,..."))
    var noise: String?

    @Option(help: ArgumentHelp("Signal potential V(m) = Σ b_k m^k for --model mixed, as k:b_k pairs, e.g. 2:1.0.",
                               valueName: "k:b,..."))
    var signal: String?

    /// The model with some parameters replaced (scans and phase diagrams): keys `delta2`, `deltap`,
    /// `inv-delta2`, `inv-deltap`; other keys (temperature, m0) are not model parameters and are ignored.
    func makeModel(overrides: [String: Double]) throws -> Model {
        var copy = self
        for (key, value) in overrides {
            switch key {
            case "delta2": copy.delta2 = value
            case "deltap": copy.deltap = value
            case "inv-delta2": copy.delta2 = 1 / value
            case "inv-deltap": copy.deltap = 1 / value
            default: break
            }
        }
        return try copy.makeModel()
    }

    static let scannable = ["delta2", "deltap", "inv-delta2", "inv-deltap", "temperature", "m0"]

    func makeModel() throws -> Model {
        switch model {
        case "pspin":
            return try Model.pspin(p: p)
        case "mixed":
            guard let noise else { throw DMFTError.invalidParameter("noise", "--model mixed needs --noise k:a,... (e.g. 3:0.5,4:0.5)") }
            return try Model.mixed(noise: try ModelOptions.parseTerms(noise, flag: "noise"),
                                   signal: try signal.map { try ModelOptions.parseTerms($0, flag: "signal") } ?? [])
        case "spiked-matrix":
            return try Model.spikedMatrix(delta2: try required(delta2, "delta2"))
        case "spiked-tensor":
            return try Model.spikedTensor(p: p, deltap: try required(deltap, "deltap"))
        case "spiked-matrix-tensor":
            return try Model.spikedMatrixTensor(p: p, delta2: try required(delta2, "delta2"),
                                                deltap: try required(deltap, "deltap"))
        default:
            throw DMFTError.invalidParameter("model", "unknown model '\(model)'; expected one of \(Preset.names.joined(separator: ", "))")
        }
    }

    private func required(_ value: Double?, _ name: String) throws -> Double {
        guard let value else { throw DMFTError.invalidParameter(name, "--model \(model) needs --\(name)") }
        return value
    }

    /// Parses "3:0.5,4:0.5" into (degree, coefficient) pairs.
    static func parseTerms(_ text: String, flag: String) throws -> [(degree: Int, coefficient: Double)] {
        var terms: [(degree: Int, coefficient: Double)] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
                  let c = Double(parts[1].trimmingCharacters(in: .whitespaces)), c.isFinite else {
                throw DMFTError.invalidParameter(flag, "malformed term '\(item)'; expected k:coefficient pairs such as 3:0.5,4:0.5")
            }
            guard k >= 1 else { throw DMFTError.invalidParameter(flag, "degree must be ≥ 1 in '\(item)'") }
            terms.append((k, c))
        }
        return terms
    }

    /// The default initial overlap: a tiny positive m0 when there is a signal to find, else 0.
    func defaultM0(for model: Model) -> Double { model.hasSignal ? 1e-6 : 0 }
}
