import Foundation
import Testing
import DMFT

@Suite(.serialized) struct SimulationInstanceTests {
    /// Two points of the sphere with overlap exactly q.
    static func pair(size n: Int, overlap q: Double) -> ([Double], [Double]) {
        var random = SampleRandom(seed: 99, stream: 0)
        let a = ModelInstance.uniformOnSphere(size: n, random: &random)
        var b = ModelInstance.uniformOnSphere(size: n, random: &random)
        let ab = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
        for i in 0..<n { b[i] -= ab * a[i] }
        let nb = (Double(n) / b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        let y = (0..<n).map { q * a[$0] + (1 - q * q).squareRoot() * nb * b[$0] }
        return (a, y)
    }

    @Test func sampledNoiseHasCovarianceNXiOfOverlap() throws {
        // Degrees 1–4: every multiplicity pattern, the direct loops (2, 3) and the general one (1, 4).
        let model = try Model.mixed(noise: [(1, 0.2), (2, 0.5), (3, 0.7), (4, 0.4)])
        let n = 7, q = 0.6, draws = 20000
        let (x, y) = Self.pair(size: n, overlap: q)
        var force = [Double](repeating: 0, count: n)
        var xy = [Double](), xx = [Double]()
        for s in 0..<draws {
            var random = SampleRandom(seed: 5, stream: UInt64(s))
            let instance = ModelInstance(model: model, size: n, random: &random)
            let hx = instance.force(at: x, into: &force).energy * Double(n)
            let hy = instance.force(at: y, into: &force).energy * Double(n)
            xy.append(hx * hy / Double(n))
            xx.append(hx * hx / Double(n))
        }
        func check(_ v: [Double], _ expected: Double) {
            let mean = v.reduce(0, +) / Double(v.count)
            let sd = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
            let se = sd / Double(v.count).squareRoot()
            #expect(abs(mean - expected) < 4 * se, "E[H(x)H(y)]/N = \(mean) ± \(se), expected ξ = \(expected)")
        }
        check(xy, model.noise(q))
        check(xx, model.noise(1))
    }

    @Test func forceIsMinusGradientOfEnergy() throws {
        let model = try Model.mixed(noise: [(2, 0.5), (3, 0.5), (4, 0.3)], signal: [(2, 1.0), (3, 0.4)])
        let n = 9
        var random = SampleRandom(seed: 3, stream: 1)
        let instance = ModelInstance(model: model, size: n, random: &random)
        let x = instance.start(overlap: 0.3, random: &random)
        var f = [Double](repeating: 0, count: n), scratch = f
        instance.force(at: x, into: &f)
        let h = 1e-5
        for i in 0..<n {
            var xp = x, xm = x
            xp[i] += h; xm[i] -= h
            let ep = instance.force(at: xp, into: &scratch).energy * Double(n)
            let em = instance.force(at: xm, into: &scratch).energy * Double(n)
            #expect(abs(-(ep - em) / (2 * h) - f[i]) < 1e-6 * max(1, abs(f[i])))
        }
    }

    @Test func startHasExactOverlapAndNorm() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        var random = SampleRandom(seed: 1, stream: 2)
        let instance = ModelInstance(model: model, size: 50, random: &random)
        let x = instance.start(overlap: 0.25, random: &random)
        #expect(abs(instance.overlap(x) - 0.25) < 1e-12)
        #expect(abs(x.reduce(0) { $0 + $1 * $1 } - 50) < 1e-9)
    }

    @Test func runsAreReproducibleAndIndependentOfThreadCount() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, m0: 0, tmax: 1)
        let one = try LangevinSimulation(size: 16, samples: 3, dt: 0.05, seed: 11, threads: 1).run(problem)
        let two = try LangevinSimulation(size: 16, samples: 3, dt: 0.05, seed: 11, threads: 2).run(problem)
        #expect(one.energy == two.energy)
        #expect(one.mu == two.mu)
    }

    @Test func finalTimeIsRecordedWhenTheStrideDoesNotDivideIt() throws {
        // recordEvery 0.05 at dt 0.02 is a stride of 3 steps; 50 steps to tmax = 1 is not a multiple.
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0, m0: 0, tmax: 1)
        let sim = try LangevinSimulation(size: 8, samples: 1, dt: 0.02, recordEvery: 0.05, seed: 3).run(problem)
        #expect(abs(sim.times.last! - 1) < 1e-12)
        #expect(abs(sim.times[1] - 0.06) < 1e-12)
        #expect(sim.energy.mean.count == sim.times.count)
    }
}
