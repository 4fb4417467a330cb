/// What to integrate: a model, a temperature, an initial overlap and a horizon (REFERENCE §1–2).
/// Holds no numerical knob; those belong to the solver.
public struct DynamicsProblem: Sendable {
    public let model: Model
    /// Bath temperature T ≥ 0 (T = 0 is gradient flow); a schedule in `drive` overrides it.
    public let temperature: Double
    /// Initial overlap with the signal, m(0) ∈ [−1, 1].
    public let m0: Double
    /// Final time of the integration.
    public let tmax: Double
    /// Temperature schedule, channel weights, start from equilibrium (none by default).
    public let drive: DrivingProtocol

    public init(model: Model, temperature: Double = 0, m0: Double = 0, tmax: Double,
                drive: DrivingProtocol = .none) throws {
        guard temperature.isFinite, temperature >= 0 else {
            throw DMFTError.invalidParameter("temperature", "must be ≥ 0, got \(temperature)")
        }
        guard m0.isFinite, abs(m0) <= 1 else {
            throw DMFTError.invalidParameter("m0", "must lie in [-1, 1], got \(m0)")
        }
        guard tmax.isFinite, tmax > 0 else {
            throw DMFTError.invalidParameter("tmax", "must be > 0, got \(tmax)")
        }
        try drive.validate(model: model, tmax: tmax)
        if drive.initialTemperature != nil && m0 != 0 {
            throw DMFTError.invalidParameter("m0", "a start from equilibrium has no signal, so m0 must be 0")
        }
        self.drive = drive
        self.model = model
        self.temperature = temperature
        self.m0 = m0
        self.tmax = tmax
    }
}

/// Where a run is: reported to a progress callback while it integrates.
public struct SolverProgress: Sendable {
    public let time: Double
    public let tmax: Double
    public let step: Int
    public let wallSeconds: Double
    /// The fraction of the work done, for the ETA: time/tmax on a uniform grid; the solver supplies it
    /// when work is not proportional to time (the coarsening grid's cost grows as log t).
    public let fraction: Double

    public init(time: Double, tmax: Double, step: Int, wallSeconds: Double, fraction: Double? = nil) {
        self.time = time; self.tmax = tmax; self.step = step; self.wallSeconds = wallSeconds
        self.fraction = fraction ?? time / tmax
    }
}

/// How a run ended.
public enum RunStatus: Sendable, Equatable, Codable {
    case completed
    /// The numbers became non-finite at this time; the solution holds the state just before.
    case diverged(atTime: Double)
    /// Stopped on request (SIGINT) at this time.
    case interrupted(atTime: Double)

    public var isComplete: Bool { self == .completed }

    public var label: String {
        switch self {
        case .completed: "completed"
        case .diverged: "diverged"
        case .interrupted: "interrupted"
        }
    }
}

/// What every solver of `DynamicsProblem` provides.
public protocol DynamicsSolver: Sendable {
    /// A short name written into run.json ("uniform", "adaptive", …).
    var name: String { get }
    /// The solver's knobs, for provenance.
    var settings: [String: Double] { get }
    func solve(_ problem: DynamicsProblem) throws -> Solution
}

/// A solver that reports progress and can be stopped between steps (SIGINT in the CLI).
public protocol InterruptibleSolver: DynamicsSolver {
    var progress: (@Sendable (SolverProgress) -> Void)? { get set }
    /// Polled between steps; true stops the run cleanly (status `.interrupted`).
    var shouldStop: (@Sendable () -> Bool)? { get set }
}

extension UniformGridSolver: InterruptibleSolver {}
extension CoarseningGridSolver: InterruptibleSolver {}
extension GeometricGridSolver: InterruptibleSolver {}
