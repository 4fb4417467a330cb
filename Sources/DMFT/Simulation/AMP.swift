import COpenBLAS
import Dispatch
import Foundation

/// Approximate message passing with spherical prior on sampled instances, and its state evolution
/// (equations/simulation.md §3; Lesieur et al. 2017, Sarao Mannelli et al. 2019).
///
/// Iteration, for H(x) = −N V(m(x)) + H₀(x) with ξ = V (the Bayes-optimal setting):
///
///     Bᵗ   = −∇H(x̂ᵗ) − ξ″(x̂ᵗ·x̂ᵗ⁻¹/N) σᵗ x̂ᵗ⁻¹        (Onsager reaction; none at t = 0)
///     Aᵗ   = ξ′(x̂ᵗ·x̂ᵗ/N)
///     x̂ᵗ⁺¹ = Bᵗ/(1 + Aᵗ),   σᵗ⁺¹ = 1/(1 + Aᵗ)           (Gaussian/spherical denoiser and its slope)
///
/// −∇H at x̂ is V′(m) x* plus a Gaussian field of variance ξ′(q) per component, so Bᵗ is the scalar
/// channel Aᵗx* + √Aᵗ z on the Nishimori line m = q. State evolution: m ← V′(m)/(1 + V′(m)).
public struct AMPRun: Sendable {
    public var size: Int
    public var samples: Int
    public var iterations: Int
    /// Normalised overlap of the start with x*: x̂⁰ = c₀·x⁰ with |x⁰|² = N, x⁰·x*/N = c₀, so that
    /// m⁰ = q⁰ = c₀² lies on the Nishimori line, as state evolution assumes.
    public var initialOverlap: Double
    public var seed: UInt64
    public var threads: Int

    public init(size: Int, samples: Int, iterations: Int = 30, initialOverlap: Double = 0.1, seed: UInt64 = 1,
                threads: Int = 2) {
        self.size = size; self.samples = samples; self.iterations = iterations
        self.initialOverlap = initialOverlap; self.seed = seed; self.threads = threads
    }

    var workers: Int { max(1, min(threads, samples)) }

    public func validate(for model: Model) throws {
        guard model.noise == model.signal else {
            throw DMFTError.invalidParameter("model", "AMP and its state evolution here need ξ = V (Bayes-optimal), as in the spiked presets; got \(model.summary)")
        }
        try LangevinSimulation.validateInstance(model: model, size: size, samples: samples)
        guard iterations >= 1 else { throw DMFTError.invalidParameter("iterations", "must be ≥ 1, got \(iterations)") }
        guard initialOverlap.isFinite, initialOverlap > 0, initialOverlap <= 1 else {
            throw DMFTError.invalidParameter("m0", "AMP needs an initial overlap in (0, 1], got \(initialOverlap)")
        }
        guard threads >= 1 else { throw DMFTError.invalidParameter("threads", "must be ≥ 1, got \(threads)") }
        try LangevinSimulation.checkMemory(Double(workers) * ModelInstance.memoryBytes(model: model, size: size),
                                           parameter: "N")
    }

    /// m ← V′(m)/(1 + V′(m)) from m⁰ = c₀²: `iterations + 1` values.
    public static func stateEvolution(model: Model, initialOverlap c0: Double, iterations: Int) -> [Double] {
        var m = [c0 * c0]
        for _ in 0..<iterations {
            let a = model.v1(m[m.count - 1])
            m.append(a / (1 + a))
        }
        return m
    }

    public func run(model: Model) throws -> AMPResult {
        try validate(for: model)
        let start = Date()
        let store = SampleStore<[[Double]]>(count: samples)
        let workers = self.workers
        openblas_set_num_threads(Int32(max(1, threads / workers)))
        let job = self
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var s = w
            while s < job.samples {
                _ = store.store(job.runSample(s, model: model), at: s)
                s += workers
            }
        }
        let all = store.values
        let se = AMPRun.stateEvolution(model: model, initialOverlap: initialOverlap, iterations: iterations)
        return AMPResult(model: model, size: size, samples: samples, seed: seed,
                         normalisedOverlap: MeanAndError(samples: all.map { $0[0] }),
                         overlap: MeanAndError(samples: all.map { $0[1] }),
                         selfOverlap: MeanAndError(samples: all.map { $0[2] }),
                         stateEvolution: se, wallSeconds: Date().timeIntervalSince(start))
    }

    /// [m/√q, m, q] per iteration. Stream `index` of the seed, like the Langevin samples, so that
    /// AMP and dynamics with the same --seed run on the same instances.
    func runSample(_ index: Int, model: Model) -> [[Double]] {
        var random = SampleRandom(seed: seed, stream: UInt64(index))
        let instance = ModelInstance(model: model, size: size, random: &random)
        let n = Double(size)
        let c0 = initialOverlap
        var x = instance.start(overlap: c0, random: &random).map { c0 * $0 }
        var previous = [Double](repeating: 0, count: size)
        var b = previous
        var sigma = 0.0
        var out: [[Double]] = [[], [], []]
        for t in 0...iterations {
            let m = instance.overlap(x), q = dot(x, x) / n
            out[0].append(m / q.squareRoot()); out[1].append(m); out[2].append(q)
            if t == iterations { break }
            instance.force(at: x, into: &b)
            if t > 0 {
                let onsager = model.xi2(dot(x, previous) / n) * sigma
                for i in 0..<size { b[i] -= onsager * previous[i] }
            }
            let a = model.xi1(q)
            previous = x
            for i in 0..<size { x[i] = b[i] / (1 + a) }
            sigma = 1 / (1 + a)
        }
        return out
    }
}

public struct AMPResult: Sendable {
    public let model: Model
    public let size: Int
    public let samples: Int
    public let seed: UInt64
    /// x̂·x*/(|x̂||x*|) = m/√q per iteration: the quantity comparable with the dynamics' overlap.
    public let normalisedOverlap: MeanAndError
    public let overlap: MeanAndError
    public let selfOverlap: MeanAndError
    /// State-evolution m per iteration; its normalised overlap is √m (q = m on the Nishimori line).
    public let stateEvolution: [Double]
    public let wallSeconds: Double
}
