import Foundation
import Testing
import DMFT
import DMFTIO

/// Channel weights w_k(t) (REFERENCE §2, "Protocols") on the coarsening grid: the identities that
/// hold exactly, agreement with the uniform grid, and resumable runs (equations/coarsening-grid.md §1).
@Suite struct CoarseningGridProtocolTests {
    /// A short window that halves often and copies the band from t ≈ 2.6 on (h = 0.08), to t = 300.
    static let longRun = CoarseningGridSolver(window: 64, h0: 0.02)

    /// Largest differences of m, e over the steps and of C on the final grid (same grid in both).
    static func difference(_ a: Solution, _ b: Solution) -> (m: Double, e: Double, C: Double) {
        let m = zip(a.series.m, b.series.m).map { abs($0 - $1) }.max()!
        let e = zip(a.series.energy, b.series.energy).map { abs($0 - $1) }.max()!
        let c = zip(a.C.storage, b.C.storage).map { abs($0 - $1) }.max()!
        return (m, e, c)
    }

    @Test func unitChannelWeightReproducesTheUnweightedRun() throws {
        // `--channel-weight 3=1`: every kernel and force takes the weighted path with w = 1.
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.6, deltap: 1)
        let plain = try Self.longRun.solve(try DynamicsProblem(model: model, temperature: 1, m0: 0.2, tmax: 300))
        let weighted = try Self.longRun.solve(
            try DynamicsProblem(model: model, temperature: 1, m0: 0.2, tmax: 300,
                                drive: DrivingProtocol(weights: [3: .constant(1)])))
        #expect(plain.series.count == weighted.series.count && plain.series.t == weighted.series.t)
        let d = Self.difference(plain, weighted)
        print("unit weight, adaptive: |Δm| = \(d.m), |Δe| = \(d.e), |ΔC| = \(d.C)")
        #expect(d.m < 1e-12 && d.e < 1e-12 && d.C < 1e-12, "\(d)")
        #expect(weighted.solverSettings["band_weight_drift"] == 0)
    }

    @Test func constantChannelWeightIsTheRescaledModel() throws {
        // w₃ = c is the model with a₃ → c² a₃ and b₃ → c b₃, through halvings and the copied band.
        let c = 0.7
        let model = try Model.mixed(noise: [(2, 0.6), (3, 0.5)], signal: [(2, 0.6), (3, 0.5)])
        let rescaled = try Model.mixed(noise: [(2, 0.6), (3, 0.5 * c * c)], signal: [(2, 0.6), (3, 0.5 * c)])
        let a = try Self.longRun.solve(
            try DynamicsProblem(model: model, temperature: 0.2, m0: 0.3, tmax: 300,
                                drive: DrivingProtocol(weights: [3: .constant(c)])))
        let b = try Self.longRun.solve(try DynamicsProblem(model: rescaled, temperature: 0.2, m0: 0.3, tmax: 300))
        let d = Self.difference(a, b)
        print("constant weight vs rescaled model, adaptive: |Δm| = \(d.m), |Δe| = \(d.e), |ΔC| = \(d.C)")
        #expect(d.m < 1e-12 && d.e < 1e-12 && d.C < 1e-12, "\(d)")
    }

    /// Time-dependent weights against the third-order uniform grid (dt = 0.01) for t ≤ 20, window
    /// 512, h0 = 0.01, with the tolerances of the unweighted agreement test for the same model and
    /// temperature (`coarseningGridAgreesWithUniformGridThroughHalvings`): landscape annealing of the
    /// tensor channel (spiked matrix-tensor, T = 0, m0 = 0.01) and an exp schedule on the 3-spin
    /// channel (T = 0.5).
    @Test(arguments: [0, 1])
    func timeDependentWeightsAgreeWithTheUniformGrid(index: Int) throws {
        let cases: [(DynamicsProblem, e: Double, m: Double, C: Double)] = [
            (try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1), temperature: 0,
                                 m0: 0.01, tmax: 20,
                                 drive: DrivingProtocol(weights: [3: .annealTensor(c: 2, tau: 5, deltap: 1)])),
             1e-4, 1.5e-4, 2.5e-4),
            (try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 20,
                                 drive: DrivingProtocol(weights: [3: .exponential(from: 0.5, to: 1, tau: 5)])),
             1.5e-5, 0, 2e-4),
        ]
        let (problem, te, tm, tc) = cases[index]
        try CoarseningGridTests.expectAgreementThroughTwoHalvings(problem, e: te, m: tm, C: tc,
                                                                  label: "weighted agreement case \(index)")
    }

    /// The annealing protocol of the study (T = 1, T_p(t) = 1 + 2e^{−t/5}): at T = 1 the unweighted
    /// grids already differ by ≈ 4·10⁻⁴ in C for t ≤ 20 (the fast T = 1 decay), so the weighted run is
    /// held to the unweighted run's own differences (10 % slack), and to 10⁻⁴ in e and m.
    @Test func annealedLangevinAgreesWithTheUniformGridAsWellAsUnweighted() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        func gap(_ drive: DrivingProtocol) throws -> (e: Double, m: Double, C: Double) {
            let problem = try DynamicsProblem(model: model, temperature: 1, m0: 0.1, tmax: 20, drive: drive)
            return CoarseningGridTests.maxDifference(try CoarseningGridSolver(window: 512, h0: 0.01).solve(problem),
                                                     try UniformGridSolver(dt: 0.01).solve(problem), upTo: 20)
        }
        let plain = try gap(.none)
        let annealed = try gap(DrivingProtocol(weights: [3: .annealTensor(c: 2, tau: 5, deltap: 1)]))
        print("T = 1: unweighted |Δe| = \(plain.e), |Δm| = \(plain.m), |ΔC| = \(plain.C); annealed |Δe| = \(annealed.e), |Δm| = \(annealed.m), |ΔC| = \(annealed.C)")
        #expect(annealed.e < 1e-4 && annealed.m < 1e-4, "\(annealed)")
        #expect(annealed.C < 1.1 * plain.C, "annealed |ΔC| = \(annealed.C), unweighted \(plain.C)")
    }

    /// The protocol is part of the checkpoint: an annealed run stopped, written, read and resumed
    /// equals the uninterrupted run bit for bit (state, series, C).
    @Test func resumedAnnealedRunEqualsUninterruptedRun() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.7, deltap: 1)
        let drive = DrivingProtocol(weights: [3: .annealTensor(c: 1.5, tau: 100, deltap: 1),
                                              2: .table(t: [0, 50, 5000], values: [0.8, 1, 1])])
        let short = try DynamicsProblem(model: model, temperature: 1, m0: 1e-3, tmax: 300, drive: drive)
        let long = try DynamicsProblem(model: model, temperature: 1, m0: 1e-3, tmax: 3000, drive: drive)
        let solver = CoarseningGridSolver(window: 64, h0: 0.02, waitingTimes: [1, 100])
        let straight = try solver.run(long, from: nil)
        let first = try solver.run(short, from: nil)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Checkpoint.write(first.state, problem: short, solver: solver, into: dir)
        let saved = try Checkpoint.read(dir)
        #expect(saved.problem.drive == drive)
        #expect(saved.state == first.state)
        let resumed = try saved.solver.run(
            try DynamicsProblem(model: saved.problem.model, temperature: 1, m0: 1e-3, tmax: 3000,
                                drive: saved.problem.drive), from: saved.state)
        // To 1e-12 in one process (CoarseningGridTests.maxDifference says why not bit for bit here).
        #expect(CoarseningGridTests.maxDifference(straight.state, resumed.state) <= 1e-12)
    }
}
