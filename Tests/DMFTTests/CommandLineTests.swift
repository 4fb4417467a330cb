import Foundation
import Testing
import DMFT
import DMFTIO

/// The `dmft` executable as a user meets it: bad input, the output contract, atomic writes.
@Suite(.serialized) struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var executable: URL { root.appendingPathComponent(".build/release/dmft") }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    /// Starts `dmft arguments` (which must write checkpoints into `out` every fraction of a second), waits for its
    /// first checkpoint and half a second more, and kills it outright (SIGKILL): a power cut in the middle of a run.
    static func killAfterFirstCheckpoint(_ arguments: [String], out: URL) throws {
        let process = try start(arguments + ["--out", out.path])
        let checkpoint = out.appendingPathComponent("checkpoint/checkpoint.json")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: checkpoint.path) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The resume contract through the executable: `arguments` run straight, and again killed after their first
    /// checkpoint (`killAfterFirstCheckpoint`), which leaves no run.json, then `dmft resume`d; `files` must be the
    /// same bytes. `killed` inspects the killed run's directory before the resume. Returns the scratch folder (the
    /// caller removes it) and the resumed run's directory; nil if the executable is not built.
    static func killAndResume(_ arguments: [String], files: [String], killed: (URL) throws -> Void = { _ in }) throws -> (scratch: URL, run: URL)? {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record("build first: swift build -c release"); return nil
        }
        let dir = try scratch()
        let straight = dir.appendingPathComponent("straight"), cut = dir.appendingPathComponent("killed")
        let r = try run(arguments + ["--out", straight.path])
        #expect(r.status == 0, "\(r.stderr)")
        try killAfterFirstCheckpoint(arguments + ["--checkpoint-every", "0.3"], out: cut)
        #expect(!FileManager.default.fileExists(atPath: cut.appendingPathComponent("run.json").path))
        try killed(cut)
        let resumed = try run(["resume", cut.path, "--quiet", "--no-verify"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for name in files {
            let a = try Data(contentsOf: straight.appendingPathComponent(name))
            let b = try Data(contentsOf: cut.appendingPathComponent(name))
            #expect(a == b, "\(name) differs after resume")
        }
        return (dir, cut)
    }

    /// `dmft arguments` started in the background, its output discarded.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func executableIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path),
                "build it first: swift build -c release")
    }

    static let badInputs: [(args: [String], parameter: String)] = [
        (["--temperature", "-1"], "temperature"),
        (["--model", "spiked-matrix", "--delta2", "0"], "delta2"),
        (["--model", "spiked-tensor", "--deltap", "-2"], "deltap"),
        (["--model", "spiked-matrix-tensor", "--delta2", "0.4"], "deltap"),
        (["--p", "1"], "p"),
        (["--m0", "1.5"], "m0"),
        (["--tmax", "0"], "tmax"),
        (["--dt", "0"], "dt"),
        (["--dt", "5", "--tmax", "1"], "dt"),
        (["--model", "nonsense"], "model"),
        (["--model", "mixed", "--noise", "3:0.5,4"], "noise"),
        (["--model", "mixed", "--noise", "3:-1"], "noise"),
        (["--model", "mixed"], "noise"),
        (["--temperature", "abc"], "temperature"),
        (["--grid", "nonsense"], "grid"),
        (["--grid", "adaptive", "--window", "15"], "window"),
        (["--grid", "adaptive", "--h0", "0"], "h0"),
        (["--grid", "adaptive", "--waiting-times", "1,x"], "waiting-times"),
        (["--grid", "adaptive", "--checkpoint-every", "0"], "checkpoint-every"),
        (["--grid", "adaptive", "--threads", "0"], "threads"),
        (["--grid", "adaptive", "--band-from-step", "0"], "band-from-step"),
        (["--grid", "adaptive", "--window", "64", "--pinned-points", "17"], "pinned-points"),
        (["--grid", "adaptive", "--pinned-points", "-1"], "pinned-points"),
        (["--grid", "adaptive", "--error-estimate"], "error-estimate"),
        (["--grid", "uniform", "--waiting-times", "1"], "waiting-times"),
        (["--grid", "uniform", "--tmax", "1e20"], "dt"),
        (["--grid", "adaptive", "--channel-weight", "5=0.5"], "channel-weight"),
        (["--model", "pspin", "--p", "3", "--compare-exact"], "compare-exact"),
        // Above T_c the exact Γ, scaled by its bulk rate, overflows: the horizon is refused before the run.
        (["--model", "pspin", "--p", "2", "--temperature", "2", "--tmax", "1e4", "--compare-exact"], "compare-exact"),
    ]

    @Test(arguments: badInputs.indices)
    func badInputGivesOneLineNamingTheParameterAndLeavesOutputAlone(index: Int) throws {
        let (args, parameter) = Self.badInputs[index]
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        // An existing good result must survive a failed run.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: out.appendingPathComponent("marker"))
        let r = try Self.run(["solve", "--quiet", "--out", out.path] + args)
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(parameter), "stderr does not name \(parameter): \(r.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("marker"), encoding: .utf8) == "keep")
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(entries == ["run"], "stray files: \(entries)")
    }

    /// `--compare-exact` on the adaptive grid: the energy of every step taken against the exact p = 2
    /// solution, and C, R on the last window (equations/exact-p2.md).
    @Test func compareExactOnTheAdaptiveGridCoversEveryStep() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try Self.run(["solve", "--model", "pspin", "--p", "2", "--temperature", "0.5", "--grid", "adaptive",
                              "--window", "128", "--tmax", "50", "--no-verify", "--compare-exact", "--quiet", "--out", out.path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let steps = try String(contentsOf: out.appendingPathComponent("observables.csv"), encoding: .utf8)
            .split(separator: "\n").count
        let compared = try String(contentsOf: out.appendingPathComponent("exact-energy.csv"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(compared == steps)
        let info = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any]
        let exact = try #require(info?["exact_error"] as? [String: Double])
        // Window 128 to t = 50 (three halvings past the band's start): measured 1.1e-4 in e, 3.4e-3 in C.
        #expect(try #require(exact["energy"]) < 3e-4 && (try #require(exact["C"])) < 5e-3, "\(exact)")
    }

    /// The adaptive grid fails for gapless p = 2 aging (equations/coarsening-grid.md §7): `solve` says so
    /// for the spiked matrix below the BBP threshold (Δ2 = 1.5: m rises spuriously after t ≈ 10³), and not
    /// above it (Δ2 = 0.5: the outlier opens a gap, and m is right to 1.4e-5 at t = 2·10⁴).
    @Test func gaplessTwoSpinRunsOnTheAdaptiveGridCarryANote() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (delta2, warned) in [(1.5, true), (0.5, false)] {
            let r = try Self.run(["solve", "--model", "spiked-matrix", "--delta2", "\(delta2)", "--grid", "adaptive",
                                  "--window", "64", "--tmax", "3000", "--no-verify", "--quiet",
                                  "--out", dir.appendingPathComponent("d\(delta2)").path])
            #expect(r.status == 0)
            #expect(r.stderr.contains("not reliable at long times") == warned, "Δ2 = \(delta2): \(r.stderr)")
        }
        // The temperature that decides is the late one: a schedule from above T_c = 1 down to 0.5 ages, the
        // reverse does not, whatever --temperature says.
        for (schedule, warned) in [("linear:from=2,to=0.5,until=100", true), ("linear:from=0.5,to=2,until=100", false)] {
            let r = try Self.run(["solve", "--model", "pspin", "--p", "2", "--temperature-schedule", schedule, "--grid", "adaptive",
                                  "--window", "64", "--tmax", "3000", "--no-verify", "--quiet",
                                  "--out", dir.appendingPathComponent("s\(warned)").path])
            #expect(r.status == 0)
            #expect(r.stderr.contains("not reliable at long times") == warned, "\(schedule): \(r.stderr)")
        }
    }

    /// Gradient flow (T = 0) must lower the energy. A step too coarse for a fast event breaks that: with its
    /// step control off, the geometric grid takes the escape of the spiked matrix-tensor model at t ≈ 200
    /// within one step at K = 16 (m from 0.17 to 0.93, e overshooting by 0.1–0.8), and `solve` says so; a plain
    /// aging run, whose energy does decrease at every step, says nothing.
    @Test func anEnergyRiseUnderGradientFlowIsReported() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let escape = ["solve", "--model", "spiked-matrix-tensor", "--p", "3", "--delta2", "0.45", "--deltap", "1",
                      "--grid", "geometric", "--step-tolerance", "0", "--tmax", "300", "--no-verify", "--quiet"]
        let coarse = try Self.run(escape + ["--out", dir.appendingPathComponent("k16").path])
        #expect(coarse.status == 0 && coarse.stderr.contains("the energy must decrease"), "\(coarse.stderr)")
        let aging = try Self.run(["solve", "--grid", "geometric", "--tmax", "1000", "--no-verify", "--quiet",
                                  "--out", dir.appendingPathComponent("aging").path])
        #expect(aging.status == 0 && !aging.stderr.contains("the energy must decrease"), "\(aging.stderr)")
    }

    /// `--waiting-times` on the geometric grid: aging.csv holds C(t, t_w), χ(t, t_w) at every row from t_w on and
    /// at t_w + τ_k for the short lags; `--checkpoint-every` is refused on the uniform grid, which cannot resume.
    @Test func geometricRunsWriteWaitingTimeColumns() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g")
        let r = try Self.run(["solve", "--model", "pspin", "--p", "3", "--temperature", "0.5", "--grid", "geometric",
                              "--tmax", "50", "--waiting-times", "2,10", "--no-verify", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let table = try CSVTable.read(out.appendingPathComponent("aging.csv"))
        let tw = try #require(table.column("t_w")), t = try #require(table.column("t")), c = try #require(table.column("C"))
        #expect(Set(tw) == [2, 10] && tw.count == t.count)
        for k in tw.indices where t[k] == tw[k] { #expect(c[k] == 1) }
        // C(t, t_w) decreases along each column (p = 3 aging at T = 0.5 from a random start).
        for k in 1..<tw.count where tw[k] == tw[k - 1] { #expect(c[k] < c[k - 1] + 1e-9) }
        // Below t_w the rows are t_w/K apart; the lags τ_k ≤ t_w fill the column in (its first step is h0).
        let first = try #require(zip(tw, t).first { $0.0 == 10 && $0.1 > 10 })
        #expect(first.1 - 10 < 0.01)
        let refused = try Self.run(["solve", "--grid", "uniform", "--tmax", "10", "--checkpoint-every", "5",
                                    "--out", dir.appendingPathComponent("x").path])
        #expect(refused.status != 0 && refused.stderr.contains("checkpoint-every"))
    }

    /// `--threads 2` splits the adaptive grid's row products over two threads while every BLAS call stays
    /// single-threaded, so the output files are the same bytes as with one thread (before that split, two
    /// threads inside BLAS moved them by 1e-14). Two processes, because OpenBLAS's thread count is process-wide
    /// and tests running concurrently in this one could change it.
    @Test func threadCountDoesNotChangeTheSolution() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [[Data]] = []
        for threads in [1, 2] {
            let out = dir.appendingPathComponent("t\(threads)")
            let r = try Self.run(["solve", "--model", "pspin", "--p", "3", "--temperature", "0.5", "--grid", "adaptive",
                                  "--window", "128", "--tmax", "2000", "--threads", "\(threads)", "--no-verify", "--quiet",
                                  "--out", out.path])
            #expect(r.status == 0, "stderr: \(r.stderr)")
            outputs.append(try ["observables.csv", "C.npy", "chi.npy"].map { try Data(contentsOf: out.appendingPathComponent($0)) })
        }
        #expect(outputs[0] == outputs[1])
        // The products were split on rows of every window: t = 2000 at window 128 is past four halvings.
        let info = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("t2/run.json"))) as? [String: Any]
        let halvings = (info?["solver"] as? [String: Any])?["halvings"] as? Double
        #expect((halvings ?? 0) >= 4)
    }

    /// `--grid auto` (the default) takes the geometric grid when the uniform one would not fit in
    /// memory or a long-time-only flag asks for it, and says which; otherwise the uniform grid.
    @Test func autoGridTakesTheGeometricGridWhenTheUniformOneWouldNotFit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func solverName(_ args: [String], note: String?) throws -> String? {
            let out = dir.appendingPathComponent("run\(args.count)")
            let r = try Self.run(["solve", "--points-per-efold", "4", "--no-verify", "--out", out.path] + args)
            #expect(r.status == 0, "\(r.stderr)")
            if let note { #expect(r.stderr.contains(note), "\(r.stderr)") }
            return (try JSON.read(out.appendingPathComponent("run.json"))["solver"] as? [String: Any])?["name"] as? String
        }
        // 2·10⁶ points at dt = 0.05: 64 TB.
        #expect(try solverName(["--tmax", "1e5"], note: "using the geometric grid") == "geometric")
        #expect(try solverName(["--tmax", "2", "--waiting-times", "1"], note: "--waiting-times is for the adaptive and geometric grids: using the geometric grid") == "geometric")
        #expect(try solverName(["--tmax", "2", "--quiet"], note: nil) == "uniform")
    }

    /// `--band-from-step` reaches the solver: a band that never switches on is the scheme with every
    /// element integrated (`--band-cells 0`), to the last bit, and the default band changes the result.
    @Test func bandFromStepBeyondTheLastStepIsTheUnbandedScheme() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func finalEnergy(_ args: [String]) throws -> (Double, [String: Any]) {
            let out = dir.appendingPathComponent("run\(args.joined())")
            let r = try Self.run(["solve", "--grid", "adaptive", "--window", "64", "--tmax", "100", "--temperature", "0.5",
                                  "--no-verify", "--quiet", "--out", out.path] + args)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try JSON.read(out.appendingPathComponent("run.json"))
            let final = try #require(json["final"] as? [String: Any])
            return (try #require(final["energy"] as? Double), try #require(json["solver"] as? [String: Any]))
        }
        let (late, settings) = try finalEnergy(["--band-from-step", "1e9"])
        let (unbanded, _) = try finalEnergy(["--band-cells", "0"])
        let (banded, _) = try finalEnergy([])
        #expect(settings["band_from_step"] as? Double == 1e9)
        #expect(late == unbanded)
        #expect(abs(banded - unbanded) > 1e-4, "banded \(banded), unbanded \(unbanded)")
    }

    @Test func unwritableOutputAndUnreadableRunAreRefused() throws {
        let r = try Self.run(["solve", "--quiet", "--tmax", "1", "--out", "/nonexistent/dir/run"])
        #expect(r.status != 0 && r.stderr.contains("/nonexistent/dir/run"))
        let p = try Self.run(["plot", "/nonexistent/run"])
        #expect(p.status != 0 && p.stderr.split(separator: "\n").count == 1)
    }

    @Test func solveWritesTheOutputContractAndPlotDrawsIt() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try Self.run(["solve", "--model", "spiked-matrix-tensor", "--p", "3", "--delta2", "0.4",
                              "--deltap", "1", "--m0", "0.1", "--tmax", "5", "--dt", "0.05", "--quiet",
                              "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Final m ="))
        let json = try JSON.read(out.appendingPathComponent("run.json"))
        for key in ["model", "temperature", "m0", "solver", "dmft_version", "wall_seconds", "status"] {
            #expect(json[key] != nil, "run.json lacks \(key)")
        }
        let table = try CSVTable.read(out.appendingPathComponent("observables.csv"))
        #expect(Array(table.header.prefix(4)) == ["t", "m", "energy", "mu"])
        #expect(table.rows.count == 101)
        let times = try Npy.read(out.appendingPathComponent("times.npy"))
        let c = try Npy.read(out.appendingPathComponent("C.npy"))
        let rr = try Npy.read(out.appendingPathComponent("R.npy"))
        #expect(times.shape == [101] && c.shape == [101, 101] && rr.shape == [101, 101])
        // C symmetric with unit diagonal; R causal with R(t⁺,t) = 1 on the diagonal.
        #expect(c.values[3 * 101 + 7] == c.values[7 * 101 + 3] && c.values[5 * 101 + 5] == 1)
        #expect(rr.values[3 * 101 + 7] == 0 && rr.values[5 * 101 + 5] == 1 && rr.values[7 * 101 + 3] > 0)
        // The run reads back to the same solution.
        let back = try RunDirectory.read(out)
        #expect(back.series.m.last == table.column("m")!.last)
        let plot = try Self.run(["plot", out.path])
        #expect(plot.status == 0, "\(plot.stderr)")
        for name in ["m", "energy", "mu", "correlation"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/\(name).gp").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/\(name).png").path))
        }
        // No protocol, no protocol figure.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/protocol.png").path))
    }

    /// `dmft resume` checks --checkpoint-every like `solve` does, before touching the run.
    @Test func resumeRefusesABadCheckpointIntervalAndLeavesTheRunAlone() throws {
        let out = try Self.scratch().appendingPathComponent("run")
        let r = try Self.run(["solve", "--model", "pspin", "--p", "3", "--grid", "adaptive", "--window", "64",
                              "--tmax", "2", "--no-verify", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("run.json"))
        let bad = try Self.run(["resume", out.path, "--tmax", "4", "--checkpoint-every", "0", "--quiet"])
        #expect(bad.status != 0)
        let errorLines = bad.stderr.split(separator: "\n").filter { $0.hasPrefix("dmft: error") }
        #expect(errorLines.count == 1 && errorLines[0].contains("checkpoint-every"), "\(bad.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("run.json")) == before)
    }

    /// A run with a schedule and a channel weight: `dmft plot` draws T(t) and w_k(t) from the columns
    /// that solve appended, with the values the protocol prescribes.
    @Test func plotDrawsTheProtocolBesideTheObservables() throws {
        let out = try Self.scratch().appendingPathComponent("run")
        let r = try Self.run(["solve", "--model", "spiked-matrix-tensor", "--p", "3", "--delta2", "0.5", "--deltap", "0.3",
                              "--temperature", "1", "--temperature-schedule", "exp:from=1.5,to=1,tau=20",
                              "--anneal-tensor", "2,30", "--tmax", "4", "--dt", "0.1", "--quiet", "--plot", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/protocol.png").path))
        let script = try String(contentsOf: out.appendingPathComponent("figures/protocol.gp"), encoding: .utf8)
        #expect(script.contains("'observables.csv'"), "\(script)")
        let table = try CSVTable.read(out.appendingPathComponent("figures/observables.csv"))
        let t = table.column("t")!, temperature = table.column("temperature")!, w3 = table.column("w_3")!
        let k = t.count - 1
        #expect(abs(temperature[k] - (1 + 0.5 * exp(-t[k] / 20))) < 1e-12)
        #expect(abs(w3[k] - 1 / (1 + (2 / 0.3) * exp(-t[k] / 30))) < 1e-12)
    }
}
