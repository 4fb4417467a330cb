import Foundation
import Testing
import DMFT
import DMFTIO

/// Checkpoint and resume on the geometric grid: the state is complete (every row and the times still
/// to take), so a resumed run is the uninterrupted run bit for bit; a larger tmax extends the grid.
@Suite struct GeometricResumeTests {
    /// Keeps the first state a run hands its checkpoint callback at or after `time`.
    final class Catch: @unchecked Sendable {
        let time: Double
        private let lock = NSLock()
        private var caught: GeometricGridState?
        init(time: Double) { self.time = time }
        func offer(_ s: GeometricGridState) { lock.withLock { if caught == nil, s.time >= time { caught = s } } }
        var state: GeometricGridState? { lock.withLock { caught } }
    }

    static func withoutWall(_ s: GeometricGridState) -> GeometricGridState { var s = s; s.wallSeconds = 0; return s }

    /// The state of `solver`'s run of `problem` at its first row at or after `time`, caught by its checkpoint hook.
    static func state(of solver: GeometricGridSolver, _ problem: DynamicsProblem, at time: Double) throws -> GeometricGridState? {
        let catcher = Catch(time: time)
        var watched = solver
        watched.checkpointInterval = 0
        watched.checkpoint = { catcher.offer($0) }
        _ = try watched.run(problem, from: nil)
        return catcher.state
    }

    /// Stopped in the middle of an escape (t ≥ 205, where the step control has shortened the steps and the
    /// stack of times to take holds the shorter ones), written, read back and continued: the same rows, the
    /// same counters, the same solution as the run that never stopped.
    @Test func resumedRunEqualsUninterruptedRun() throws {
        let problem = try DynamicsProblem(model: try Model.spikedMatrixTensor(p: 3, delta2: 0.45, deltap: 1),
                                          temperature: 0, m0: 1e-6, tmax: 400)
        var solver = GeometricGridSolver(pointsPerEfold: 8)
        solver.waitingTimes = [10, 100]
        let straight = try solver.run(problem, from: nil)
        let middle = try #require(try Self.state(of: solver, problem, at: 205))
        let step = middle.rowTime[middle.rowTime.count - 1] - middle.rowTime[middle.rowTime.count - 2]
        #expect(step < 205 / 8 / 4 && middle.upcoming.count > 1, "not inside the escape: step \(step)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-geo-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeometricCheckpoint.write(middle, problem: problem, solver: solver, into: dir)
        let saved = try GeometricCheckpoint.read(dir)
        #expect(saved.state == middle)
        #expect(saved.solver.settings == solver.settings && saved.solver.waitingTimes == solver.waitingTimes)
        let resumed = try saved.solver.run(saved.problem, from: saved.state)
        #expect(Self.withoutWall(resumed.state) == Self.withoutWall(straight.state))
        #expect(resumed.solution.series.energy == straight.solution.series.energy && resumed.solution.C == straight.solution.C)
        #expect(resumed.solution.waitingTimeColumns.map(\.chi) == straight.solution.waitingTimeColumns.map(\.chi))
        #expect(resumed.solution.solverSettings == straight.solution.solverSettings)
        // The adaptive grid's reader refuses it by name rather than misreading it.
        #expect(try Checkpoint.grid(of: dir) == "geometric")
        #expect(throws: DMFTError.self) { try Checkpoint.read(dir) }
    }

    /// The protocol is part of the checkpoint: a quench from equilibrium at T′ = 0.8 with the temperature
    /// lowered to 0.4 (exp, τ = 3), stopped at t ≥ 10, written, read and resumed, is the run that never stopped.
    @Test func resumedProtocolRunEqualsUninterruptedRun() throws {
        let drive = DrivingProtocol(temperature: .exponential(from: 0.8, to: 0.4, tau: 3), initialTemperature: 0.8)
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.4, tmax: 40, drive: drive)
        let solver = GeometricGridSolver(pointsPerEfold: 8)
        let straight = try solver.run(problem, from: nil)
        let caught = try #require(try Self.state(of: solver, problem, at: 10))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-geo-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeometricCheckpoint.write(caught, problem: problem, solver: solver, into: dir)
        let saved = try GeometricCheckpoint.read(dir)
        #expect(saved.problem.drive == drive)
        let resumed = try saved.solver.run(saved.problem, from: saved.state)
        #expect(Self.withoutWall(resumed.state) == Self.withoutWall(straight.state))
    }

    /// `dmft aging` on a geometric run reads its waiting-time columns from the rows in checkpoint/, short lags
    /// included: at t_w = 10³ (p = 3, T = 0.5, K = 8, to 10⁴) the FDT part, C ≥ 0.8, keeps |Tχ − (1 − C)| at
    /// 1.8e-6; interpolated on the rows (checkpoint/ removed) it is 3.4e-3 off.
    @Test func agingReadsTheRowsOfAGeometricRun() throws {
        let dir = try CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("run"), bare = dir.appendingPathComponent("bare")
        let r = try CommandLineTests.run(["solve", "--grid", "geometric", "--points-per-efold", "8", "--tmax", "1e4", "--temperature", "0.5",
                                          "--no-verify", "--quiet", "--out", run.path])
        #expect(r.status == 0, "\(r.stderr)")
        try FileManager.default.copyItem(at: run, to: bare)
        try FileManager.default.removeItem(at: bare.appendingPathComponent(Checkpoint.folder))
        var deviation: [Double] = []
        for d in [run, bare] {
            let a = try CommandLineTests.run(["aging", d.path, "--waiting-times", "1000", "--no-figures"])
            #expect(a.status == 0, "\(a.stderr)")
            let table = try CSVTable.read(d.appendingPathComponent("aging/fdt.csv"))
            let c = try #require(table.column("C")), tchi = try #require(table.column("T_chi"))
            deviation.append(zip(c, tchi).filter { $0.0 >= 0.8 }.map { abs($0.1 - (1 - $0.0)) }.max() ?? .nan)
            if d == run { #expect(a.stderr.contains("read from the run's rows")) }
        }
        print("dmft aging on a geometric run, max |Tχ − (1 − C)| for C ≥ 0.8 at t_w = 10³: from the rows \(deviation[0]), from C.npy \(deviation[1])")
        #expect(deviation[0] < 2e-5 && deviation[1] > 1e-3)
    }

    /// A finished run continued to a larger tmax keeps its rows and extends its grid (steps still ≤ τ/K,
    /// growing by at most 1 + 1/K): p = 2 at T = 0.5 run to 100, then to 10³, against the exact solution, to
    /// the same tolerances as a run started with tmax = 10³ (GeometricGridTests). A smaller tmax is refused.
    @Test func extendedRunAgainstTheExactSolution() throws {
        let model = try Model.pspin(p: 2)
        let short = try DynamicsProblem(model: model, temperature: 0.5, tmax: 100)
        let long = try DynamicsProblem(model: model, temperature: 0.5, tmax: 1000)
        let solver = GeometricGridSolver()
        let first = try solver.run(short, from: nil)
        let extended = try solver.run(long, from: first.state)
        let g = extended.state.grid
        #expect(Array(g.prefix(first.state.grid.count)) == first.state.grid && g.last == 1000)
        for i in first.state.grid.count..<g.count {
            let step = g[i] - g[i - 1], before = g[i - 1] - g[i - 2]
            #expect(step <= g[i - 1] / 16 * (1 + 1e-12) && step <= before * (1 + 1.0 / 16) * (1 + 1e-12))
        }
        #expect(Array(extended.state.energy.prefix(first.state.rowTime.count)) == first.state.energy)
        let cmp = ExactP2Comparison(solution: extended.solution, exact: ExactP2(delta2: 1, temperature: 0.5))
        let late = cmp.energy.filter { $0.t >= 100 }.map { abs($0.dmft - $0.exact) }.max()!
        let lateC = cmp.twoTime.filter { $0.t >= 100 && $0.tPrime > 0 }.map { abs($0.C - $0.exactC) }.max()!
        print("geometric p = 2, T = 0.5, run to 100 then extended to 10³: |Δe| for t ≥ 100 \(late), C \(lateC)")
        #expect(late < 1e-6 && lateC < 1.5e-4)
        let shorter = try DynamicsProblem(model: model, temperature: 0.5, tmax: 50)
        #expect(throws: DMFTError.self) { try solver.run(shorter, from: first.state) }
    }

    /// `--verify`'s estimate, |run(K, h0) − run(K/2, 2h0)|/3, against the actual error (the same code at K = 32,
    /// h0/2) for the mixed (q³+q⁴)/2 model, whose largest error is h0's, at t ≈ 0.15: it must bound the error
    /// without overstating it more than threefold. Measured to t = 100: 2.4e-5 against 1.9e-5 (the run at K/2
    /// with the same h0 gave 4.5e-5, through the K-dependence of the early rows).
    @Test func verifyEstimateBoundsTheError() throws {
        let dir = try CommandLineTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = ["solve", "--grid", "geometric", "--model", "mixed", "--noise", "3:0.5,4:0.5", "--tmax", "100", "--quiet"]
        let run = dir.appendingPathComponent("run"), reference = dir.appendingPathComponent("reference")
        let r = try CommandLineTests.run(base + ["--out", run.path])
        #expect(r.status == 0, "\(r.stderr)")
        let r2 = try CommandLineTests.run(base + ["--points-per-efold", "32", "--h0", "0.00125", "--no-verify", "--out", reference.path])
        #expect(r2.status == 0, "\(r2.stderr)")
        let fine = try RunDirectory.read(run), exact = try RunDirectory.read(reference)
        let estimate = try #require(fine.errorEstimate).energy
        var actual = 0.0
        for (t, e) in zip(fine.series.t, fine.series.energy) where t >= 0.01 {
            actual = max(actual, abs(e - exact.series.interpolate(\.energy, at: t)))
        }
        print("geometric --verify, mixed model to t = 100: estimate \(estimate), actual \(actual)")
        #expect(estimate >= actual && estimate <= 3 * actual)
    }

    /// Through the real executable: a run killed outright (SIGKILL) after a periodic checkpoint resumes
    /// from it to the uninterrupted run's files, byte for byte; `--tmax` below the run's own is refused
    /// with a one-line error that leaves the directory alone.
    @Test func killedRunResumesFromItsLastCheckpoint() throws {
        let args = ["solve", "--grid", "geometric", "--points-per-efold", "8", "--tmax", "1e6", "--temperature", "0.5",
                    "--waiting-times", "1,100", "--no-verify", "--quiet"]
        guard let (dir, killed) = try CommandLineTests.killAndResume(
            args, files: ["observables.csv", "aging.csv", "C.npy", "R.npy", "chi.npy", "times.npy"],
            killed: { run in
                let saved = try GeometricCheckpoint.read(run)
                #expect(saved.state.time > 0 && saved.state.time < 1e6)
            }) else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Data(contentsOf: killed.appendingPathComponent("observables.csv"))
        let lower = try CommandLineTests.run(["resume", killed.path, "--tmax", "1e3", "--quiet", "--no-verify"])
        #expect(lower.status != 0 && lower.stderr.contains("tmax") && lower.stderr.split(separator: "\n").count == 1, "\(lower.stderr)")
        #expect(try Data(contentsOf: killed.appendingPathComponent("observables.csv")) == before)
    }
}
