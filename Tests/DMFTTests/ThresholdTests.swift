import Foundation
import Testing
import DMFT
import DMFTIO

/// Crossing times, divergence fits and resumable, shardable sweeps (issue: thresholds).
@Suite(.serialized) struct ThresholdTests {
    @Test func crossingTimeOfSpikedMatrixMatchesTheSpectralSolution() throws {
        // Gradient flow of the spiked matrix model: the time m(t) reaches 0.5 from the DMFT series and
        // from the exact spectral solution (bisection on t) agree to the integration error.
        let delta2 = 0.5, m0 = 1e-3
        let sol = try UniformGridSolver(dt: 0.02).solve(
            try DynamicsProblem(model: try Model.spikedMatrix(delta2: delta2), temperature: 0, m0: m0, tmax: 30))
        let crossing = try #require(Crossings.analyse(sol.series, levels: [0.5], mode: .absolute,
                                                      thresholdEnergy: nil).overlap.first?.time)
        var lo = 0.0, hi = 30.0
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            if ExactP2.spikedOverlap(delta2: delta2, m0: m0, t: mid) < 0.5 { lo = mid } else { hi = mid }
        }
        // At dt = 0.02 the DMFT m(t) is off by ~5e-5 near the crossing, where dm/dt ≈ 0.05: a time
        // error of ~1e-3. Without interpolation between steps the error could reach dt/2 = 1e-2.
        #expect(abs(crossing - lo) < 2.5e-3, "DMFT \(crossing) vs exact \(lo)")
    }

    @Test func plateauOnTheThresholdStatesIsFoundAtZeroTemperature() throws {
        // Spiked matrix-tensor p=3, Δp=1, Δ2=0.4, m0=1e-6: the energy first approaches the threshold
        // energy of ξ, then leaves it when m grows (t* ≈ 85); the plateau precedes the m crossing.
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let sol = try UniformGridSolver(dt: 0.05).solve(try DynamicsProblem(model: model, m0: 1e-6, tmax: 120))
        let r = Crossings.analyse(sol.series, levels: [0.5], mode: .absolute,
                                  thresholdEnergy: Crossings.plateauEnergy(model: model, temperature: 0), epsilon: 0.05)
        let enter = try #require(r.enterPlateau), leave = try #require(r.leavePlateau)
        let cross = try #require(r.overlap[0].time)
        #expect(enter < leave && leave < cross)
    }

    @Test func thresholdFitRecoversAKnownDivergence() throws {
        // t* = 3 (0.5 − x)^(−1.2) sampled on x ∈ [0.3, 0.48], with 0.5% multiplicative noise.
        var rng = SplitMix(seed: 42)
        let x = Sweep.linspace(0.3, 0.48, 10)
        let t = x.map { xv -> Double in
            let u = Double(rng.next() % 10_000) / 10_000 - 0.5
            return 3 * pow(0.5 - xv, -1.2) * (1 + 0.01 * u)
        }
        let fit = try ThresholdFit(x: x, times: t)
        #expect(abs(fit.xc - 0.5) < 3 * fit.sigmaXc + 1e-3, "x_c = \(fit.xc) ± \(fit.sigmaXc)")
        #expect(abs(fit.theta - 1.2) < 3 * fit.sigmaTheta + 0.02, "θ = \(fit.theta) ± \(fit.sigmaTheta)")
        #expect(fit.sigmaXc < 0.01 && fit.bootstrapSigmaXc.isFinite)
    }

    static let sweep = ["phase-diagram", "--model", "spiked-matrix-tensor", "--p", "3", "--x", "inv-delta2=1.5:3:3",
                        "--y", "inv-deltap=0.5:1:2", "--tmax", "20", "--quiet"]

    @Test func mergedShardsEqualTheUnshardedSweepAndResumeSkipsFinishedPoints() throws {
        let dir = try CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole").path
        #expect(try CommandLineTests.run(Self.sweep + ["--out", whole]).status == 0)
        for k in 1...2 {
            let r = try CommandLineTests.run(Self.sweep + ["--out", dir.appendingPathComponent("s\(k)").path, "--shard", "\(k)/2"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let merged = dir.appendingPathComponent("merged").path
        let m = try CommandLineTests.run(["merge", dir.appendingPathComponent("s1").path,
                                          dir.appendingPathComponent("s2").path, "--out", merged])
        #expect(m.status == 0, "\(m.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: whole + "/phase.csv"))
        let b = try Data(contentsOf: URL(fileURLWithPath: merged + "/phase.csv"))
        #expect(a == b)

        // An interrupted sweep: remove two finished points, keep a marker in another, re-run.
        let points = URL(fileURLWithPath: whole).appendingPathComponent("points")
        try FileManager.default.removeItem(at: points.appendingPathComponent("00001.json"))
        try FileManager.default.removeItem(at: points.appendingPathComponent("00004.json"))
        let kept = points.appendingPathComponent("00000.json")
        let before = try Data(contentsOf: kept)
        let r = try CommandLineTests.run(Array(Self.sweep.dropLast()) + ["--out", whole])
        #expect(r.status == 0)
        #expect(r.stderr.contains("2 points to run (4 of 6 already done)"), "\(r.stderr)")
        #expect(try Data(contentsOf: kept) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: whole + "/phase.csv")) == a)
    }

    @Test func adaptiveSweepExtendsTheHorizonByContinuingTheSameRun() throws {
        // --grid adaptive: a point that has not crossed by tmax continues from its coarsening-grid
        // state (10 → 20 → 40 → 80); resuming is exact, so the crossing time equals that of one
        // uninterrupted run to the final horizon.
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        let settings = SweepSettings(level: 0.5, temperature: 0, m0: 1e-3, dt: 0.05, tmax: 10, tmaxCap: 80, jobs: 1,
                                     window: 64)
        let point = try #require(try Sweep.run(points: [(index: 0, parameters: [:])], settings: settings,
                                               model: { _ in model }).first)
        let crossing = try #require(point.crossingTime)
        #expect(point.tmax > settings.tmax)
        let direct = try CoarseningGridSolver(window: 64, threads: 1).solve(
            try DynamicsProblem(model: model, m0: 1e-3, tmax: point.tmax))
        let reference = try #require(Crossings.firstPassage(t: direct.series.t, y: direct.series.m, level: 0.5))
        #expect(abs(crossing - reference) <= 1e-12 * reference, "sweep \(crossing) vs direct \(reference)")
    }

    @Test func sweepRefusesBadInputWithOneLine() throws {
        for (args, name) in [(["--shard", "3/2"], "shard"), (["--x", "bogus=1:2:3"], "x"), (["--level", "2"], "level"),
                             (["--grid", "adaptive", "--window", "15"], "window"),
                             (["--grid", "adaptive", "--window", "16384"], "window")] {
            let r = try CommandLineTests.run(Self.sweep + ["--out", "/tmp/unused-sweep"] + args)
            #expect(r.status != 0 && r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(name), "\(r.stderr)")
        }
    }
}
