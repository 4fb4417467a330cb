import Dispatch
import Foundation
import COpenBLAS

/// Finite-N spherical Langevin dynamics on sampled instances (equations/simulation.md §2).
///
/// Scheme: stochastic Heun on the tangent drift f(x) = −∇H(x) − μ₀(x)x, μ₀ = x·(−∇H)/N, with one
/// Gaussian increment per step shared by predictor and corrector, each stage followed by the
/// projection x ↦ √N x/|x|. The projection supplies the Itô drift −T(1−1/N)x of the spherical SDE.
/// Weak order 1 for T > 0; at T = 0 it is Heun's method with projection, of order 2.
///
/// Reported μ(t) is the Lagrange multiplier of the continuous dynamics with tangent noise,
/// μ = x·(−∇H)/N + T(1 − 1/N); the DMFT μ (REFERENCE §2) is its N → ∞ limit.
public struct LangevinSimulation: Sendable {
    /// Number of spins N.
    public var size: Int
    /// Independent samples: each one a fresh instance (x*, H₀), start and noise.
    public var samples: Int
    /// Time step; T = 0 errors are O(dt²), T > 0 weak errors O(dt).
    public var dt: Double
    /// Spacing of the recorded rows in time units; nil: the smallest multiple of dt giving ≤ 2000 rows.
    public var recordEvery: Double?
    /// Waiting times t_w of the recorded C(t_w, t) = x(t)·x(t_w)/N (snapped to the step grid).
    public var waitingTimes: [Double]
    /// Seed of every random stream of the run.
    public var seed: UInt64
    /// Samples run concurrently on this many threads (results do not depend on it).
    public var threads: Int
    /// Called after each finished sample with (finished, total).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public static let scheme = "stochastic Heun + projection to the sphere"
    /// Weak order at T > 0 (the order at T = 0 is 2).
    public static let weakOrder = 1

    public init(size: Int, samples: Int, dt: Double, recordEvery: Double? = nil, waitingTimes: [Double] = [],
                seed: UInt64 = 1, threads: Int = 2, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.size = size; self.samples = samples; self.dt = dt; self.recordEvery = recordEvery
        self.waitingTimes = waitingTimes; self.seed = seed; self.threads = threads; self.progress = progress
    }

    public func steps(tmax: Double) -> Int { max(1, Int((tmax / dt).rounded())) }

    public func recordStride(tmax: Double) -> Int {
        let n = steps(tmax: tmax)
        if let recordEvery { return max(1, Int((recordEvery / dt).rounded())) }
        return max(1, (n + 1999) / 2000)
    }

    var workers: Int { max(1, min(threads, samples)) }

    /// Bytes in use at once: one instance per worker thread.
    public func memoryBytes(model: Model) -> Double {
        Double(workers) * ModelInstance.memoryBytes(model: model, size: size)
    }

    public func validate(for problem: DynamicsProblem) throws {
        try LangevinSimulation.validateInstance(model: problem.model, size: size, samples: samples)
        guard dt.isFinite, dt > 0 else { throw DMFTError.invalidParameter("dt", "must be > 0, got \(dt)") }
        guard dt <= problem.tmax else {
            throw DMFTError.invalidParameter("dt", "must not exceed --tmax (\(problem.tmax)), got \(dt)")
        }
        if let recordEvery, !(recordEvery.isFinite && recordEvery > 0) {
            throw DMFTError.invalidParameter("record-every", "must be > 0, got \(recordEvery)")
        }
        for tw in waitingTimes where !(tw >= 0 && tw <= problem.tmax) {
            throw DMFTError.invalidParameter("waiting-times", "\(tw) is not in [0, tmax = \(problem.tmax)]")
        }
        guard threads >= 1 else { throw DMFTError.invalidParameter("threads", "must be ≥ 1, got \(threads)") }
        try LangevinSimulation.checkMemory(memoryBytes(model: problem.model), parameter: "N")
    }

    /// The checks shared with AMP: N large enough for the model's tensors, at least one sample.
    static func validateInstance(model: Model, size: Int, samples: Int) throws {
        let p = model.noise.degree
        guard size >= max(2, p) else {
            throw DMFTError.invalidParameter("N", "must be ≥ \(max(2, p)) (the largest order of ξ) , got \(size)")
        }
        guard samples >= 1 else { throw DMFTError.invalidParameter("samples", "must be ≥ 1, got \(samples)") }
    }

    static func checkMemory(_ bytes: Double, parameter: String) throws {
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.8
        guard bytes < available else {
            throw DMFTError.invalidParameter(parameter, String(
                format: "the coupling tensors need %.2f GB, more than 80%% of this machine's memory (%.2f GB); lower --N (or --threads)",
                bytes / 1e9, available / 1e9))
        }
    }

    public func run(_ problem: DynamicsProblem) throws -> SimulationResult {
        try validate(for: problem)
        let start = Date()
        let nSteps = steps(tmax: problem.tmax)
        let stride = recordStride(tmax: problem.tmax)
        // Always record the final step, even when the stride does not divide it (e.g. --record-every
        // 0.05 at dt = 0.02 rounds to 3 steps): otherwise the run ends one partial stride before tmax
        // and `dmft compare --times tmax` refuses a time the user asked the simulation to reach.
        let strided = Array(Swift.stride(from: 0, through: nSteps, by: stride))
        let recordSteps = strided.last == nSteps ? strided : strided + [nSteps]
        let twSteps = waitingTimes.map { min(nSteps, Int(($0 / dt).rounded())) }
        let results = SampleStore<SampleTrajectory>(count: samples)
        let workers = self.workers
        openblas_set_num_threads(Int32(max(1, threads / workers)))
        let job = self
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var s = w
            while s < job.samples {
                let trajectory = job.runSample(s, problem: problem, nSteps: nSteps, recordSteps: recordSteps,
                                               twSteps: twSteps)
                let done = results.store(trajectory, at: s)
                job.progress?(done, job.samples)
                s += workers
            }
        }
        let all = results.values
        let wall = Date().timeIntervalSince(start)
        let flops = all.reduce(0) { $0 + $1.flops }
        let times = recordSteps.map { Double($0) * dt }
        func stat(_ key: KeyPath<SampleTrajectory, [Double]>) -> MeanAndError {
            MeanAndError(samples: all.map { $0[keyPath: key] })
        }
        var correlations: [CorrelationPoint] = []
        for (k, tw) in twSteps.enumerated() {
            let rows = recordSteps.indices.filter { recordSteps[$0] >= tw }
            let c = MeanAndError(samples: all.map { traj in rows.map { traj.correlation[k][$0] } })
            for (j, r) in rows.enumerated() {
                correlations.append(CorrelationPoint(waitingTime: Double(tw) * dt, time: times[r],
                                                     value: c.mean[j], error: c.error[j]))
            }
        }
        return SimulationResult(problem: problem, size: size, samples: samples, seed: seed, dt: dt,
                                times: times, m: stat(\.m), energy: stat(\.energy), mu: stat(\.mu),
                                correlation: correlations, wallSeconds: wall, flops: flops)
    }

    /// One sample: its own instance, start and noise from stream `index` of the seed.
    func runSample(_ index: Int, problem: DynamicsProblem, nSteps: Int, recordSteps: [Int],
                   twSteps: [Int]) -> SampleTrajectory {
        var random = SampleRandom(seed: seed, stream: UInt64(index))
        let instance = ModelInstance(model: problem.model, size: size, random: &random)
        let n = size
        let nd = Double(n)
        let temperature = problem.temperature
        let noiseScale = (2 * temperature * dt).squareRoot()
        var x = instance.start(overlap: problem.m0, random: &random)
        var f = [Double](repeating: 0, count: n), ft = f, xt = f, eta = f
        var traj = SampleTrajectory(rows: recordSteps.count, waitingTimes: twSteps.count)
        var snapshots = [[Double]](repeating: [], count: twSteps.count)
        var (energy, m) = instance.force(at: x, into: &f)
        var forces = 1.0
        var nextRecord = 0
        for step in 0...nSteps {
            let mu0 = dot(x, f) / nd
            for (k, tw) in twSteps.enumerated() where tw == step { snapshots[k] = x }
            if nextRecord < recordSteps.count && recordSteps[nextRecord] == step {
                traj.m[nextRecord] = m
                traj.energy[nextRecord] = energy
                traj.mu[nextRecord] = mu0 + temperature * (1 - 1 / nd)
                for k in twSteps.indices where twSteps[k] <= step {
                    traj.correlation[k][nextRecord] = dot(x, snapshots[k]) / nd
                }
                nextRecord += 1
            }
            if step == nSteps { break }
            if temperature > 0 {
                for i in 0..<n { eta[i] = noiseScale * random.normal() }
            }
            for i in 0..<n { xt[i] = x[i] + dt * (f[i] - mu0 * x[i]) + eta[i] }
            projectToSphere(&xt)
            instance.force(at: xt, into: &ft)
            let mut = dot(xt, ft) / nd
            let h = 0.5 * dt
            for i in 0..<n { x[i] += h * (f[i] - mu0 * x[i] + ft[i] - mut * xt[i]) + eta[i] }
            projectToSphere(&x)
            (energy, m) = instance.force(at: x, into: &f)
            forces += 2
        }
        traj.flops = forces * instance.flopsPerForce
        return traj
    }
}

@inline(__always)
func projectToSphere(_ x: inout [Double]) {
    let scale = (Double(x.count) / dot(x, x)).squareRoot()
    for i in x.indices { x[i] *= scale }
}

/// The recorded rows of one sample.
struct SampleTrajectory: Sendable {
    var m: [Double], energy: [Double], mu: [Double]
    /// correlation[k][row]: C(t_w,k, t_row), NaN before t_w.
    var correlation: [[Double]]
    var flops = 0.0

    init(rows: Int, waitingTimes: Int) {
        m = [Double](repeating: .nan, count: rows)
        energy = m; mu = m
        correlation = [[Double]](repeating: m, count: waitingTimes)
    }
}

/// Results of the worker threads, filed by sample index so that the order of completion is irrelevant.
final class SampleStore<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private var finished = 0
    private let lock = NSLock()

    init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
        finished += 1
        return finished
    }

    var values: [Value] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// Sample mean and its standard error s/√S (NaN error for a single sample) per row.
public struct MeanAndError: Sendable, Equatable {
    public var mean: [Double]
    public var error: [Double]

    public init(mean: [Double], error: [Double]) { self.mean = mean; self.error = error }

    /// `samples[s][row]`.
    public init(samples: [[Double]]) {
        let count = samples.count
        let rows = samples.first?.count ?? 0
        mean = [Double](repeating: 0, count: rows)
        error = mean
        for r in 0..<rows {
            var sum = 0.0
            for s in samples { sum += s[r] }
            let avg = sum / Double(count)
            var ss = 0.0
            for s in samples { ss += (s[r] - avg) * (s[r] - avg) }
            mean[r] = avg
            error[r] = count > 1 ? (ss / Double(count - 1) / Double(count)).squareRoot() : .nan
        }
    }
}

public struct CorrelationPoint: Sendable, Equatable {
    public var waitingTime: Double
    public var time: Double
    public var value: Double
    public var error: Double
}

/// Sample averages of a finite-N run, on the recorded times.
public struct SimulationResult: Sendable {
    public let problem: DynamicsProblem
    public let size: Int
    public let samples: Int
    public let seed: UInt64
    public let dt: Double
    public let times: [Double]
    public let m: MeanAndError
    public let energy: MeanAndError
    public let mu: MeanAndError
    public let correlation: [CorrelationPoint]
    public let wallSeconds: Double
    /// Floating-point operations of the force evaluations (the BLAS work plus the monomials).
    public let flops: Double

    public var gflopsPerSecond: Double { wallSeconds > 0 ? flops / wallSeconds / 1e9 : .nan }
}

