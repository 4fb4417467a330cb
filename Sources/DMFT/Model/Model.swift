/// The named families of REFERENCE §1, with the parameters that define them.
///
/// A preset only records where ξ and V came from (for provenance and for the analytic predictions
/// that are specific to a family); the numerics only ever see `Model.noise` and `Model.signal`.
public enum Preset: Sendable, Hashable, Codable {
    case pspin(p: Int)
    case mixed
    case spikedMatrix(delta2: Double)
    case spikedTensor(p: Int, deltap: Double)
    case spikedMatrixTensor(p: Int, delta2: Double, deltap: Double)

    public var name: String {
        switch self {
        case .pspin: "pspin"
        case .mixed: "mixed"
        case .spikedMatrix: "spiked-matrix"
        case .spikedTensor: "spiked-tensor"
        case .spikedMatrixTensor: "spiked-matrix-tensor"
        }
    }

    /// Parameters as (name, value) for printing and for run.json.
    public var parameters: [(name: String, value: Double)] {
        switch self {
        case .pspin(let p): [("p", Double(p))]
        case .mixed: []
        case .spikedMatrix(let d2): [("delta2", d2)]
        case .spikedTensor(let p, let dp): [("p", Double(p)), ("deltap", dp)]
        case .spikedMatrixTensor(let p, let d2, let dp): [("p", Double(p)), ("delta2", d2), ("deltap", dp)]
        }
    }

    public var hasSignal: Bool {
        switch self {
        case .pspin, .mixed: false
        default: true
        }
    }

    public static let names = ["pspin", "mixed", "spiked-matrix", "spiked-tensor", "spiked-matrix-tensor"]
}

/// A spherical model: noise covariance ξ(q) and signal potential V(m) (REFERENCE §1).
///
/// The derivatives the equations need are computed once here, exactly, so that every integrator
/// and analysis reads the same ξ′, ξ″, ξ‴, V′, V″.
public struct Model: Sendable, Hashable, Codable {
    /// ξ(q) = Σₖ aₖ qᵏ.
    public let noise: Polynomial
    /// V(m) = Σₖ bₖ mᵏ.
    public let signal: Polynomial
    public let preset: Preset

    public let xi1: Polynomial, xi2: Polynomial, xi3: Polynomial
    public let v1: Polynomial, v2: Polynomial

    /// Checks the coefficients (aₖ ≥ 0 for k ≥ 1, ξ not identically zero, no constant term).
    public init(noise: Polynomial, signal: Polynomial = .zero, preset: Preset = .mixed) throws {
        guard !noise.isZero else {
            throw DMFTError.invalidParameter("noise", "ξ must have at least one non-zero coefficient")
        }
        for (k, a) in noise.coefficients.enumerated() {
            guard a.isFinite else { throw DMFTError.invalidParameter("noise", "coefficient of q^\(k) is not finite") }
            if k == 0 && a != 0 { throw DMFTError.invalidParameter("noise", "ξ has no constant term (degrees start at 1)") }
            if a < 0 { throw DMFTError.invalidParameter("noise", "coefficient of q^\(k) must be ≥ 0, got \(a)") }
        }
        for (k, b) in signal.coefficients.enumerated() {
            guard b.isFinite else { throw DMFTError.invalidParameter("signal", "coefficient of m^\(k) is not finite") }
            if k == 0 && b != 0 { throw DMFTError.invalidParameter("signal", "V has no constant term (degrees start at 1)") }
        }
        self.noise = noise
        self.signal = signal
        self.preset = preset
        xi1 = noise.derivative
        xi2 = xi1.derivative
        xi3 = xi2.derivative
        v1 = signal.derivative
        v2 = v1.derivative
    }

    public var hasSignal: Bool { !signal.isZero }

    // MARK: presets (REFERENCE §1)

    /// ξ = q^p/2, V = 0 (Crisanti–Sommers normalisation).
    public static func pspin(p: Int) throws -> Model {
        try checkOrder(p)
        return try Model(noise: Polynomial(terms: [(p, 0.5)]), preset: .pspin(p: p))
    }

    /// ξ = Σ aₖ qᵏ, V = Σ bₖ mᵏ.
    public static func mixed(noise: [(degree: Int, coefficient: Double)],
                             signal: [(degree: Int, coefficient: Double)] = []) throws -> Model {
        for t in noise where t.degree < 1 {
            throw DMFTError.invalidParameter("noise", "degrees must be ≥ 1, got \(t.degree)")
        }
        for t in signal where t.degree < 1 {
            throw DMFTError.invalidParameter("signal", "degrees must be ≥ 1, got \(t.degree)")
        }
        return try Model(noise: Polynomial(terms: noise), signal: Polynomial(terms: signal), preset: .mixed)
    }

    /// ξ = q²/(2Δ2), V = m²/(2Δ2).
    public static func spikedMatrix(delta2: Double) throws -> Model {
        try checkDelta(delta2, "delta2")
        let c = 1 / (2 * delta2)
        return try Model(noise: Polynomial(terms: [(2, c)]), signal: Polynomial(terms: [(2, c)]),
                         preset: .spikedMatrix(delta2: delta2))
    }

    /// ξ = q^p/(pΔp), V = m^p/(pΔp).
    public static func spikedTensor(p: Int, deltap: Double) throws -> Model {
        try checkOrder(p)
        try checkDelta(deltap, "deltap")
        let c = 1 / (Double(p) * deltap)
        return try Model(noise: Polynomial(terms: [(p, c)]), signal: Polynomial(terms: [(p, c)]),
                         preset: .spikedTensor(p: p, deltap: deltap))
    }

    /// ξ = V = q²/(2Δ2) + q^p/(pΔp) (Sarao Mannelli et al.).
    public static func spikedMatrixTensor(p: Int, delta2: Double, deltap: Double) throws -> Model {
        try checkOrder(p)
        try checkDelta(delta2, "delta2")
        try checkDelta(deltap, "deltap")
        let poly = Polynomial(terms: [(2, 1 / (2 * delta2)), (p, 1 / (Double(p) * deltap))])
        return try Model(noise: poly, signal: poly,
                         preset: .spikedMatrixTensor(p: p, delta2: delta2, deltap: deltap))
    }

    private static func checkOrder(_ p: Int) throws {
        guard p >= 2 else { throw DMFTError.invalidParameter("p", "must be an integer ≥ 2, got \(p)") }
        guard p <= 64 else { throw DMFTError.invalidParameter("p", "must be ≤ 64, got \(p)") }
    }

    private static func checkDelta(_ d: Double, _ name: String) throws {
        guard d.isFinite, d > 0 else { throw DMFTError.invalidParameter(name, "must be > 0, got \(d)") }
    }

    /// A short label such as "spiked-matrix-tensor (p=3, Δ2=0.4, Δp=1)" for figure titles.
    public var label: String {
        let names = ["p": "p", "delta2": "Δ2", "deltap": "Δp"]
        let params = preset.parameters.map { "\(names[$0.name] ?? $0.name)=\(Polynomial.short($0.value))" }
        if params.isEmpty { return "\(preset.name): ξ = \(noise.formatted(variable: "q"))" }
        return "\(preset.name) (\(params.joined(separator: ", ")))"
    }

    public var summary: String {
        "\(preset.name): ξ(q) = \(noise.formatted(variable: "q")), V(m) = \(signal.formatted(variable: "m"))"
    }
}
