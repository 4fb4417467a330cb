import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate Langevin dynamics (gradient flow at T = 0) on finite-N instances of the model.",
        discussion: """
        Each sample draws x* and the Gaussian couplings of H0 (E[H0(x)H0(y)] = N xi(x.y/N)), starts on the \
        sphere at overlap exactly m0 and integrates with stochastic Heun + projection (weak order 1; order 2 \
        at T = 0). Writes simulation.csv (t,m,m_err,energy,energy_err,mu,mu_err: sample means and standard \
        errors), correlation.csv (t_w,t,C,C_err), run.json and figures/ into --out, atomically. \
        See equations/simulation.md.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Bath temperature T ≥ 0 (0 = gradient flow; 1 = Bayes-optimal for spiked models).")
    var temperature: Double = 0

    @Option(help: "Initial overlap m(0) with x*, exact in every sample, in [-1, 1]. Default: 1e-6 with a signal, 0 without.")
    var m0: Double?

    @Option(help: "Final time.")
    var tmax: Double = 100

    @Option(help: "Time step; error O(dt²) at T = 0, weak error O(dt) at T > 0.")
    var dt: Double = 0.01

    @Option(name: .customLong("N"), help: "Number of spins N (memory ≈ threads · 8 N^p/(p−1)! bytes for order p).")
    var size: Int = 256

    @Option(help: "Independent samples (instance, start, noise); error bars are standard errors over them.")
    var samples: Int = 32

    @Option(help: "Seed of all random streams; sample s uses stream (seed, s), whatever --threads is.")
    var seed: UInt64 = 1

    @Option(help: "Time between recorded rows (rounded to a multiple of dt; the final time is always recorded). Default: the smallest multiple of dt giving ≤ 2000 rows.")
    var recordEvery: Double?

    @Option(help: "Waiting times t_w for C(t_w, t), comma-separated. Default: 0, 1, 4, 16, … below tmax/2.")
    var waitingTimes: String?

    @Option(help: "Samples run concurrently on this many threads.")
    var threads: Int = 2

    @Option(help: "Output directory.")
    var out: String = "dmft-simulation"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let model = try modelOptions.makeModel()
        let problem = try DynamicsProblem(model: model, temperature: temperature,
                                          m0: m0 ?? modelOptions.defaultM0(for: model), tmax: tmax)
        let tws = try waitingTimes.map { try parseTimes($0, flag: "waiting-times") }
            ?? Plotting.defaultWaitingTimes(tEnd: tmax)
        var simulation = LangevinSimulation(size: size, samples: samples, dt: dt, recordEvery: recordEvery,
                                            waitingTimes: tws, seed: seed, threads: threads)
        try simulation.validate(for: problem)
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)
        if !quiet {
            let start = Date()
            simulation.progress = { done, total in
                let wall = Date().timeIntervalSince(start)
                Terminal.info(String(format: "simulate: %d / %d samples, %.1f s, ETA %@", done, total, wall,
                                     Terminal.formatDuration(wall * Double(total - done) / Double(done))))
            }
            Terminal.info(String(format: "simulate: %@, T = %g, m0 = %g, N = %d, %d samples, %d steps, %.2f GB of couplings",
                                 model.summary, temperature, problem.m0, size, samples, simulation.steps(tmax: tmax),
                                 simulation.memoryBytes(model: model) / 1e9))
        }
        let result = try simulation.run(problem)
        let dir = try OutputDirectory(outURL)
        try SimulationFiles.write(result, to: dir, command: Terminal.commandLine)
        try dir.commit()
        var renderNote = ""
        do { try SimulationFiles.plot(at: outURL) } catch { renderNote = " (figures: \(error))" }
        let k = result.times.count - 1
        print(String(format: "%@, T = %g, N = %d, %d samples to t = %g in %.2f s (%.2f GFLOP/s). "
                     + "Final m = %.5f ± %.5f, e = %.5f ± %.5f, mu = %.5f ± %.5f. Written to %@%@.",
                     model.summary, temperature, size, samples, result.times[k], result.wallSeconds,
                     result.gflopsPerSecond, result.m.mean[k], result.m.error[k], result.energy.mean[k],
                     result.energy.error[k], result.mu.mean[k], result.mu.error[k], out, renderNote))
    }
}

/// Parses "10,20,50" into times ≥ 0.
func parseTimes(_ text: String, flag: String) throws -> [Double] {
    try text.split(separator: ",").map {
        guard let v = Double($0.trimmingCharacters(in: .whitespaces)), v.isFinite, v >= 0 else {
            throw DMFTError.invalidParameter(flag, "'\($0)' is not a time ≥ 0")
        }
        return v
    }
}

/// The on-disk form of a simulation run: simulation.csv, correlation.csv, run.json, figures/.
enum SimulationFiles {
    static func write(_ r: SimulationResult, to dir: OutputDirectory, command: String) throws {
        try dir.write(CSVTable(columns: [("t", r.times), ("m", r.m.mean), ("m_err", r.m.error),
                                         ("energy", r.energy.mean), ("energy_err", r.energy.error),
                                         ("mu", r.mu.mean), ("mu_err", r.mu.error)]),
                      to: "simulation.csv")
        try dir.write(CSVTable(header: ["t_w", "t", "C", "C_err"],
                               rows: r.correlation.map { [$0.waitingTime, $0.time, $0.value, $0.error] }),
                      to: "correlation.csv")
        let json: [String: Any] = [
            "kind": "simulation",
            "version": dmftVersion,
            "command": command,
            "model": RunDirectory.modelJSON(r.problem.model),
            "N": r.size, "samples": r.samples, "seed": NSNumber(value: r.seed),
            "temperature": r.problem.temperature, "m0": r.problem.m0, "tmax": r.problem.tmax, "dt": r.dt,
            "scheme": LangevinSimulation.scheme,
            "weak_order": LangevinSimulation.weakOrder,
            "order_at_zero_temperature": 2,
            "mu_definition": "x.(-grad H)/N + T(1 - 1/N)",
            "error_bars": "standard error of the mean over samples",
            "wall_seconds": r.wallSeconds,
            "gflops": r.flops / 1e9,
            "gflops_per_second": r.gflopsPerSecond,
        ]
        try dir.writeJSON(json, to: "run.json")
    }

    static func plot(at dir: URL) throws {
        let figures = try OutputDirectory(dir.appendingPathComponent("figures"))
        let sim = try String(contentsOf: dir.appendingPathComponent("simulation.csv"), encoding: .utf8)
        let corr = try String(contentsOf: dir.appendingPathComponent("correlation.csv"), encoding: .utf8)
        try figures.write(sim, to: "simulation.csv")
        try figures.write(corr, to: "correlation.csv")
        func panel(_ name: String, _ col: Int, _ label: String, _ title: String) -> Figure {
            var f = Figure(name: name, title: title, xlabel: "t", ylabel: label)
            f.series = [.init(file: "simulation.csv", using: "1:\(col):\(col + 1)", title: "\(label) ± s.e.",
                              style: "yerrorlines pt 7 ps 0.3")]
            return f
        }
        var list = [panel("m", 2, "m(t)", "Overlap with the signal (finite N)"),
                    panel("energy", 4, "e(t)", "Energy per spin (finite N)"),
                    panel("mu", 6, "μ(t)", "Lagrange multiplier (finite N)")]
        let table = try CSVTable.read(dir.appendingPathComponent("correlation.csv"))
        var c = Figure(name: "correlation", title: "C(t_w, t) = x(t)·x(t_w)/N", xlabel: "t − t_w", ylabel: "C")
        for tw in Array(Set(table.column("t_w") ?? [])).sorted() {
            c.series.append(.init(file: "correlation.csv", using: "($1==\(tw) ? $2-$1 : 1/0):3:4",
                                  title: String(format: "t_w = %g", tw), style: "yerrorlines pt 7 ps 0.2"))
        }
        list.append(c)
        try figures.commit(rendering: list)
    }
}

