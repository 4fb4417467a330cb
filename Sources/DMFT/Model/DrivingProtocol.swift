import Foundation

/// A function of time used by a protocol: a temperature T(t) or a channel weight w_k(t).
public enum Schedule: Sendable, Equatable {
    case constant(Double)
    /// to + (from − to) e^{−t/τ}.
    case exponential(from: Double, to: Double, tau: Double)
    /// from + (to − from) min(t/until, 1).
    case linear(from: Double, to: Double, until: Double)
    /// Linear interpolation of (t, value) pairs; must cover the integration interval.
    case table(t: [Double], values: [Double])
    /// 1/(1 + (c/Δp) e^{−t/τ}): the tensor-channel weight of the landscape-annealing protocol
    /// ("Marvels and pitfalls"), the inverse of the channel temperature T_p(t) = 1 + (c/Δp)e^{−t/τ}.
    case annealTensor(c: Double, tau: Double, deltap: Double)

    public func callAsFunction(_ t: Double) -> Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let a, let b, let tau): return b + (a - b) * exp(-t / tau)
        case .linear(let a, let b, let until): return a + (b - a) * min(t / until, 1)
        case .table(let ts, let vs):
            if t <= ts[0] { return vs[0] }
            if t >= ts[ts.count - 1] { return vs[vs.count - 1] }
            let k = Grid.cell(containing: t, in: ts)
            return vs[k] + (t - ts[k]) / (ts[k + 1] - ts[k]) * (vs[k + 1] - vs[k])
        case .annealTensor(let c, let tau, let deltap): return 1 / (1 + c / deltap * exp(-t / tau))
        }
    }

    public var isConstant: Bool { if case .constant = self { true } else { false } }

    /// A lossless description (kind, numbers) for checkpoints; `init?(kind:values:)` inverts it.
    public var encoded: (kind: String, values: [Double]) {
        switch self {
        case .constant(let v): ("constant", [v])
        case .exponential(let a, let b, let tau): ("exp", [a, b, tau])
        case .linear(let a, let b, let until): ("linear", [a, b, until])
        case .table(let ts, let vs): ("table", ts + vs)
        case .annealTensor(let c, let tau, let deltap): ("anneal-tensor", [c, tau, deltap])
        }
    }

    public init?(kind: String, values v: [Double]) {
        switch (kind, v.count) {
        case ("constant", 1): self = .constant(v[0])
        case ("exp", 3): self = .exponential(from: v[0], to: v[1], tau: v[2])
        case ("linear", 3): self = .linear(from: v[0], to: v[1], until: v[2])
        case ("anneal-tensor", 3): self = .annealTensor(c: v[0], tau: v[1], deltap: v[2])
        case ("table", let n) where n >= 4 && n % 2 == 0:
            self = .table(t: Array(v[0..<(n / 2)]), values: Array(v[(n / 2)...]))
        default: return nil
        }
    }

    /// The SPEC forms of the CLI: a number, `exp:from=2,to=0.5,tau=50`, `linear:from=1,to=0,until=100`.
    /// (A CSV file is read by the caller and passed as `.table`.) `name` is the flag, for errors.
    public static func parse(_ spec: String, name: String) throws -> Schedule {
        let text = spec.trimmingCharacters(in: .whitespaces)
        if let v = Double(text) {
            guard v.isFinite else { throw DMFTError.invalidParameter(name, "'\(spec)' is not finite") }
            return .constant(v)
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw DMFTError.invalidParameter(name, "malformed schedule '\(spec)'; expected a number, exp:from=…,to=…,tau=… or linear:from=…,to=…,until=…")
        }
        var fields: [String: Double] = [:]
        for item in parts[1].split(separator: ",") {
            let kv = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let v = Double(kv[1]), v.isFinite else {
                throw DMFTError.invalidParameter(name, "malformed field '\(item)' in '\(spec)'")
            }
            fields[kv[0]] = v
        }
        func field(_ key: String) throws -> Double {
            guard let v = fields[key] else { throw DMFTError.invalidParameter(name, "'\(spec)' lacks \(key)=") }
            return v
        }
        switch parts[0] {
        case "exp":
            let tau = try field("tau")
            guard tau > 0 else { throw DMFTError.invalidParameter(name, "tau must be > 0 in '\(spec)'") }
            return .exponential(from: try field("from"), to: try field("to"), tau: tau)
        case "linear":
            let until = try field("until")
            guard until > 0 else { throw DMFTError.invalidParameter(name, "until must be > 0 in '\(spec)'") }
            return .linear(from: try field("from"), to: try field("to"), until: until)
        default:
            throw DMFTError.invalidParameter(name, "unknown schedule kind '\(parts[0])' in '\(spec)'; expected exp or linear")
        }
    }

    /// The times in (0, tmax) where the slope jumps, with the size of the jump: `until` of a linear ramp,
    /// the interior nodes of a table. Integrators whose steps assume a smooth drive refine after them.
    public func kinks(upTo tmax: Double) -> [(t: Double, slopeJump: Double)] {
        switch self {
        case .linear(let a, let b, let until) where until < tmax && a != b:
            return [(until, abs(b - a) / until)]
        case .table(let ts, let vs) where ts.count >= 3:
            return (1..<(ts.count - 1)).compactMap { k in
                guard ts[k] > 0, ts[k] < tmax else { return nil }
                let jump = abs((vs[k + 1] - vs[k]) / (ts[k + 1] - ts[k]) - (vs[k] - vs[k - 1]) / (ts[k] - ts[k - 1]))
                return jump > 0 ? (ts[k], jump) : nil
            }
        default:
            return []
        }
    }

    /// Smallest value on [0, tmax] (exact for the monotone forms, over the nodes for a table).
    public func minimum(upTo tmax: Double) -> Double {
        switch self {
        case .table(let ts, let vs):
            return zip(ts, vs).filter { $0.0 <= tmax }.map(\.1).min().map { min($0, self(tmax)) } ?? self(0)
        default: return min(self(0), self(tmax))
        }
    }

    public var summary: String {
        switch self {
        case .constant(let v): "\(v)"
        case .exponential(let a, let b, let tau): "exp:from=\(a),to=\(b),tau=\(tau)"
        case .linear(let a, let b, let u): "linear:from=\(a),to=\(b),until=\(u)"
        case .table(let ts, _): "table of \(ts.count) points on [\(ts.first ?? 0), \(ts.last ?? 0)]"
        case .annealTensor(let c, let tau, let dp): "anneal-tensor: 1/(1 + (\(c)/\(dp)) e^(-t/\(tau)))"
        }
    }
}

/// How the dynamics is driven beyond a constant temperature and a random start (REFERENCE §2,
/// "Protocols"): a temperature schedule T(t), time-dependent weights w_k(t) on the degree-k channels
/// of ξ and V, and a start from equilibrium at T′ instead of uniformly on the sphere.
public struct DrivingProtocol: Sendable, Equatable {
    /// T(t); nil means the problem's constant temperature.
    public var temperature: Schedule?
    /// w_k(t) by degree k; degrees not listed have weight 1.
    public var weights: [Int: Schedule]
    /// T′ of the initial equilibrium (V = 0 only); nil is T′ = ∞, the uniform random start.
    public var initialTemperature: Double?

    /// 1/T′, the coefficient of the quench terms of REFERENCE §2 (0 for the random start).
    public var inverseInitialTemperature: Double {
        initialTemperature.map { $0.isInfinite ? 0 : 1 / $0 } ?? 0
    }

    public init(temperature: Schedule? = nil, weights: [Int: Schedule] = [:], initialTemperature: Double? = nil) {
        self.temperature = temperature
        self.weights = weights
        self.initialTemperature = initialTemperature
    }

    public static let none = DrivingProtocol()
    public var isTrivial: Bool { self == .none }
    public var hasWeights: Bool { !weights.isEmpty }

    /// The channel weights' schedules, by degree.
    public var weightSchedules: [Schedule] { weights.sorted { $0.key < $1.key }.map(\.value) }

    /// The schedules that vary in time: T(t), then the channel weights by degree.
    public var varyingSchedules: [Schedule] {
        ([temperature].compactMap { $0 } + weightSchedules).filter { !$0.isConstant }
    }

    /// Times in (0, tmax) where a schedule's slope jumps by more than `slopeJump` (per unit time), in
    /// increasing order: of every varying schedule, or of the channel weights alone.
    public func kinks(upTo tmax: Double, weightsOnly: Bool = false, slopeJump: Double = 0) -> [Double] {
        (weightsOnly ? weightSchedules : varyingSchedules)
            .flatMap { $0.kinks(upTo: tmax) }.filter { $0.slopeJump > slopeJump }.map(\.t).sorted()
    }

    /// Checks the protocol against a model and horizon before any work.
    public func validate(model: Model, tmax: Double) throws {
        if let schedule = temperature {
            if case .table(let ts, _) = schedule, let first = ts.first, let last = ts.last,
               first > 0 || last < tmax {
                throw DMFTError.invalidParameter("temperature-schedule",
                    "the table covers [\(first), \(last)] but the run needs [0, \(tmax)]")
            }
            let low = schedule.minimum(upTo: tmax)
            guard low >= 0 else {
                throw DMFTError.invalidParameter("temperature-schedule", "T(t) must stay ≥ 0, reaches \(low)")
            }
        }
        let degrees = Set(model.noise.terms.map(\.degree) + model.signal.terms.map(\.degree))
        for (k, schedule) in weights {
            guard degrees.contains(k) else {
                throw DMFTError.invalidParameter("channel-weight", "the model has no degree-\(k) term (degrees: \(degrees.sorted()))")
            }
            if case .table(let ts, _) = schedule, let first = ts.first, let last = ts.last, first > 0 || last < tmax {
                throw DMFTError.invalidParameter("channel-weight", "the table for k=\(k) covers [\(first), \(last)] but the run needs [0, \(tmax)]")
            }
        }
        if let tp = initialTemperature {
            guard tp > 0, !tp.isNaN else {
                throw DMFTError.invalidParameter("initial-temperature", "must be > 0 (or inf), got \(tp)")
            }
            guard !model.hasSignal else {
                throw DMFTError.invalidParameter("initial-temperature", "a start from equilibrium is only described for models with V = 0")
            }
        }
    }

    /// w_k(t) for a degree k (1 when not driven).
    public func weight(_ k: Int, at t: Double) -> Double { weights[k].map { $0(t) } ?? 1 }

    public func temperature(at t: Double, default constant: Double) -> Double {
        temperature.map { $0(t) } ?? constant
    }
}
