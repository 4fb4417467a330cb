import ArgumentParser
import DMFT
import DMFTIO
import Foundation

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Integrate the DMFT equations and write the solution to a run directory.",
        discussion: """
        Writes run.json, observables.csv (t,m,energy,mu), times.npy, C.npy and R.npy into --out, \
        atomically: a failed run leaves an existing directory untouched. See README "Output contract".
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Bath temperature T ≥ 0 (0 = gradient flow; 1 = Bayes-optimal for spiked models).")
    var temperature: Double = 0

    @Option(help: "Initial overlap m(0) with the signal, in [-1, 1]. Default: 1e-6 with a signal, 0 without.")
    var m0: Double?

    @Option(help: "Final time of the integration.")
    var tmax: Double = 100

    @Option(help: "Time step of the uniform grid; errors scale as dt³ (memory ~ 16 (tmax/dt)² bytes).")
    var dt: Double = 0.05

    @Option(help: "Memory-integral evaluations per step: 1 (PEC, fast) or 2 (PECE, smaller error constant).")
    var evaluations: Int = 1

    @Option(help: "Order of the scheme: 3 (default) or 2. Errors scale as dt^order.")
    var order: Int = 3

    @Flag(help: "Also run at 2·dt: writes the Richardson error estimate (max |Δm|, |Δe|, |ΔC|) and the extrapolated final m, e, μ to run.json.")
    var errorEstimate = false

    @Flag(help: "p = 2 without a signal force (ξ = q²/(2Δ2); V = 0 or m0 = 0): compare with the exact semicircle solution (REFERENCE §3), on either grid and at any horizon below T_c. Writes exact-energy.csv (every step), exact-two-time.csv (C and R at every pair of 17 checkpoint times of the final grid, spaced by about tmax/16) and the max errors to run.json (exact_error).")
    var compareExact = false

    @Option(help: ArgumentHelp("Temperature schedule T(t), overriding --temperature: a number, exp:from=2,to=0.5,tau=50, linear:from=1,to=0,until=100, or a CSV file of (t,T) rows (linear interpolation; must cover [0, tmax]).", valueName: "SPEC"))
    var temperatureSchedule: String?

    @Option(help: ArgumentHelp("Time-dependent weight w_k(t) on the degree-k part of ξ and V, as k=SPEC with the SPEC forms of --temperature-schedule (repeatable).", valueName: "k=SPEC"))
    var channelWeight: [String] = []

    @Option(help: ArgumentHelp("Landscape annealing of the spiked matrix-tensor model (Marvels and pitfalls): w_p(t) = 1/(1 + (C/Δp) e^(-t/tau)).", valueName: "C,tau"))
    var annealTensor: String?

    @Option(help: ArgumentHelp("Start from equilibrium at T' instead of uniformly on the sphere (V = 0 models; 'inf' = random start).", valueName: "T'"))
    var initialTemperature: String = "inf"

    @Option(help: ArgumentHelp("Time grid: uniform (third order, memory ∝ (tmax/dt)²; t ≲ 10³), adaptive (Kim–Latz coarsening window in the integrated response; reaches t = 10⁵–10⁷ in seconds, resumable, every protocol; energy errors of a few 1e-4 at late times) or geometric (rows geometric in t, near-diagonal lags resolved and stepped along the diagonal; within a few 1e-6 in e at every time to t = 10⁶ with K = 16 in about 30 s; a step control on m resolves escapes; resumable; every protocol). See equations/coarsening-grid.md and equations/geometric-grid.md. auto: uniform when its arrays fit in memory, geometric when they do not or when --waiting-times or --checkpoint-every asks for it.", valueName: "auto|uniform|adaptive|geometric"))
    var grid: String = "auto"

    @Option(help: "Adaptive grid: window length N (even). The step doubles every N/2 steps, so h ≈ 2t/N; errors shrink as N grows, cost grows as N³ per doubling of t.")
    var window: Int = 512

    @Option(help: ArgumentHelp("Geometric grid: rows (and lag points) per e-fold of t, K; the step is t/K. Errors fall as K⁻² to K⁻³, cost ∝ K³ log³ t (equations/geometric-grid.md).", valueName: "K"))
    var pointsPerEfold: Int = 16

    @Option(help: "Adaptive and geometric grids: initial step h0, which must resolve the first relaxation (errors ∝ h0²); default 0.01 (adaptive), 0.0025 (geometric).")
    var h0: Double?

    @Option(help: ArgumentHelp("Geometric grid: time scale of the first relaxation; rows are split below about twice it so that the step stays near t/K · t/(t + T_early) (equations/geometric-grid.md).", valueName: "T_early"))
    var earlyTime: Double = 10

    @Option(help: ArgumentHelp("Geometric grid: steps are sized so that m differs from its linear extrapolation by at most this times |m| (relative, since the growth of m from a small m0 carries relative errors to the escape; a row over it is redone at half the step), and halved while a schedule (T or a channel weight) changes by more than 10 δm per step or bends by more than δm/10, so that escapes of m and the schedules are resolved; 0 turns the control off.", valueName: "δm"))
    var stepTolerance: Double = 1e-3

    @Option(help: "Adaptive grid: cells next to the diagonal copied along it (quasi-stationary) once the step exceeds 0.05; 3 suits aging from a random start, use 16 when the dynamics is stationary on long lags (quench from equilibrium, T > T_d).")
    var bandCells: Int = 3

    @Option(help: "Adaptive grid: the step from which the band is copied; before it every element is integrated.")
    var bandFromStep: Double = 0.05

    @Option(help: ArgumentHelp("Adaptive grid: grid points below the step that the halvings keep (h0, 2h0, 4h0, …, one per halving), so the cells next to t′ = 0 stay geometric; default window/4, 0 for plain Kim–Latz halving (equations/coarsening-grid.md §2).", valueName: "K"))
    var pinnedPoints: Int?

    @Option(help: "Adaptive grid: order of the cell data of new rows, 2 (trapezoid) or 4 (cubic; unstable at late times, for studies).")
    var cellOrder: Int = 2

    @Option(help: "Adaptive grid: order of the backward-differentiation formula in t, 3 or 2.")
    var stepOrder: Int = 3

    @Flag(inversion: .prefixedNo, help: "Adaptive grid: add to every new row the coarse scheme's residual on the fine solution, measured per lag at each halving (equations/coarsening-grid.md §4). Exact for stationary dynamics (quench from equilibrium, T > T_d, a converged fixed point); it pins slow aging, so not for aging runs beyond t ~ 10⁴.")
    var lagDefect: Bool = false

    @Option(help: ArgumentHelp("Adaptive and geometric grids: waiting times t_w whose C(t,t_w) and χ(t,t_w) are followed to tmax and written to aging.csv (t_w,t,C,chi), at every step (adaptive) or row (geometric).", valueName: "t1,t2,..."))
    var waitingTimes: String?

    @Option(help: ArgumentHelp("Adaptive and geometric grids: write the integrator state to --out/checkpoint every so many wall seconds (resume with `dmft resume`; the final state is always written).", valueName: "SECONDS"))
    var checkpointEvery: Double?

    @Flag(inversion: .prefixedNo, help: "Adaptive grid: also run at window N/2 and write the difference to run.json as the error estimate (costs about 1/8 more).")
    var verify = true

    @Option(help: "BLAS threads for the memory sums. Default: 2 on the uniform grid and on an adaptive window ≥ 1024 (1.7–1.75× faster on two cores; rounding differs from one thread by ~1e-14), 1 on smaller adaptive windows (no gain there).")
    var threads: Int?

    @Option(help: "Output directory.")
    var out: String = "dmft-run"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Also draw the figures (as `dmft plot`).")
    var plot = false

    /// The grid this run uses: `--grid`, with `auto` resolved and the grid-specific flags checked
    /// against it (they would otherwise be ignored without a word).
    func resolvedGrid(tmax: Double) throws -> String {
        let longTimeOnly = waitingTimes != nil ? "waiting-times" : checkpointEvery != nil ? "checkpoint-every" : nil
        switch grid {
        case "uniform":
            if let longTimeOnly {
                throw DMFTError.invalidParameter(longTimeOnly, "is for the adaptive and geometric grids (--grid adaptive or geometric)")
            }
            return grid
        case "geometric":
            if errorEstimate {
                throw DMFTError.invalidParameter("error-estimate", "is for the uniform grid; the geometric grid's estimate is --verify (on by default)")
            }
            return grid
        case "adaptive":
            if errorEstimate {
                throw DMFTError.invalidParameter("error-estimate", "is for the uniform grid; the adaptive grid's estimate is --verify (on by default)")
            }
            return grid
        case "auto":
            // A bad --dt is reported as such by the uniform grid, not hidden by a switch.
            let uniform = UniformGridSolver(dt: dt)
            let dtIsValid = (try? uniform.validateStep(tmax: tmax)) != nil
            if errorEstimate || !dtIsValid { return "uniform" }
            if let longTimeOnly {
                if !quiet { Terminal.info("solve: --\(longTimeOnly) is for the adaptive and geometric grids: using the geometric grid (K = \(pointsPerEfold))") }
                return "geometric"
            }
            if uniform.fitsInMemory(tmax: tmax) {
                // Fits, but the work grows as n³ (4·10³ points: ~15 s on two cores of the project machine).
                let n = uniform.gridSize(tmax: tmax)
                if n > 10_000, !quiet {
                    let minutes = 15 * pow(Double(n) / 4000, 3) / 60
                    Terminal.info(String(format: "solve: note: %d uniform grid points, work ∝ n³ (roughly %.0f min on two cores); --grid adaptive reaches this horizon in seconds, with an energy error of a few 1e-4 (results/long-time-reference), --grid geometric in about 30 s to 10⁶, converged to 2e-5 (results/geometric-long-time)", n, minutes))
                }
                return "uniform"
            }
            if !quiet {
                // The geometric grid meets the long-time error targets (a few 1e-6 in e to 10⁶); the adaptive
                // grid is ten times faster at a few 1e-4 and stays one flag away.
                Terminal.info(String(format: "solve: a uniform grid at dt = %g to t = %g would need %.3g GB (more than 80 %% of this machine's memory): using the geometric grid (K = %d; --grid adaptive is faster and coarser); --grid uniform with a larger --dt to insist",
                                     dt, tmax, uniform.memoryBytes(tmax: tmax) / 1e9, pointsPerEfold))
            }
            return "geometric"
        default:
            throw DMFTError.invalidParameter("grid", "must be auto, uniform, adaptive or geometric, got '\(grid)'")
        }
    }

    /// ξ = q²/(2Δ2) alone below T_c = 1/√Δ2, with no signal or a matrix spike too weak for an outlier
    /// (1/Δ2′ ≤ 1/√Δ2): aging without a gap, where the adaptive grid's far field decays too slowly
    /// (equations/coarsening-grid.md §7).
    static func isGaplessTwoSpin(_ problem: DynamicsProblem) -> Bool {
        guard let delta2 = ExactP2Comparison.twoSpinDelta2(problem.model) else { return false }
        let s = 1 / delta2.squareRoot()
        // The late-time temperature decides whether the run ages (a schedule may start above T_c).
        guard problem.drive.temperature(at: problem.tmax, default: problem.temperature) < s else { return false }
        let spike = problem.model.signal.terms
        return problem.model.signal.isZero || problem.m0 == 0
            || (spike.count == 1 && spike[0].degree == 2 && 2 * spike[0].coefficient <= s)
    }

    func run() throws {
        let model = try modelOptions.makeModel()
        let drive = try ProtocolOptions.make(model: model, temperatureSchedule: temperatureSchedule,
                                             channelWeights: channelWeight, annealTensor: annealTensor,
                                             initialTemperature: initialTemperature)
        guard temperature.isFinite, temperature >= 0 else {
            throw DMFTError.invalidParameter("temperature", "must be ≥ 0, got \(temperature)")
        }
        let problem = try DynamicsProblem(model: model, temperature: temperature,
                                          m0: m0 ?? (drive.initialTemperature == nil ? modelOptions.defaultM0(for: model) : 0),
                                          tmax: tmax, drive: drive)
        if let tp = drive.initialTemperature, tp.isFinite,
           let td = Asymptotics.dynamicalTransition(model)?.temperature, tp < td, !quiet {
            Terminal.info(String(format: "solve: note: T' = %g is below T_d = %.6f. The equations treat the start as a quiet-planted equilibrium configuration (the replica-symmetric measure of the planted model); this is the Gibbs measure only above the Kauzmann temperature.", tp, td))
        }
        if let threads, threads < 1 { throw DMFTError.invalidParameter("threads", "must be ≥ 1, got \(threads)") }
        // Checked before any work: the exact solution exists only for the solvable p = 2 case.
        let exact = compareExact ? try ExactComparisonOutput.reference(for: problem) : nil
        let resolved = try resolvedGrid(tmax: problem.tmax)
        if resolved == "geometric" {
            var solver = GeometricGridSolver(pointsPerEfold: pointsPerEfold, h0: h0 ?? GeometricGridSolver().h0, earlyTime: earlyTime,
                                             stepTolerance: stepTolerance, threads: threads ?? 2)
            solver.waitingTimes = try AdaptiveRun.parseWaitingTimes(waitingTimes)
            try GeometricRun.run(problem: problem, solver: solver, from: nil, out: URL(fileURLWithPath: out),
                                 checkpointEvery: checkpointEvery, verify: verify, quiet: quiet, plot: plot, exact: exact)
            return
        }
        if resolved == "adaptive" {
            let solver = CoarseningGridSolver(window: window, h0: h0 ?? CoarseningGridSolver().h0, bandCells: bandCells, bandFromStep: bandFromStep, cellOrder: cellOrder, stepOrder: stepOrder,
                                              lagDefect: lagDefect, waitingTimes: try AdaptiveRun.parseWaitingTimes(waitingTimes),
                                              pinnedPoints: pinnedPoints,
                                              threads: threads ?? AdaptiveRun.defaultThreads(window: window))
            try solver.validate(for: problem)
            // Lag defects freeze the near-diagonal profile between halvings: harmless when it is
            // stationary, but a random start below T_d ages, and there they stop the drift
            // (equations/coarsening-grid.md §4). Say so before the run rather than after.
            if lagDefect, !quiet, drive.initialTemperature == nil, !model.hasSignal,
               let td = Asymptotics.dynamicalTransition(model)?.temperature, problem.temperature < td, tmax > 1e4 {
                Terminal.info(String(format: "solve: note: --lag-defect on an aging run (random start, T = %g < T_d = %.4f): the defects pin the slow drift after t ~ 10⁴–10⁵ (the energy stops moving; equations/coarsening-grid.md §4). Use it for stationary dynamics.", problem.temperature, td))
            }
            // Always said: a C off by 1e-1 far from the diagonal, or an m that decays too slowly, looks like any other run.
            if Self.isGaplessTwoSpin(problem), tmax > 2e3 {
                var note = "solve: note: for a pure p = 2 landscape below T_c without a BBP outlier (aging without a gap) the adaptive grid is accurate in e (1e-5 at t = 10⁶, window 512) but not reliable at long times far from the diagonal: C(t, t′) for t′ ≲ t/4, and m with a subcritical matrix spike, decay too slowly, by a relative error first order in 1/window that grows with t (m: +31 % at t = 10⁴ with window 1024; equations/coarsening-grid.md §7, results/p2-adaptive). --compare-exact with --waiting-times shows it."
                if solver.pinnedPointLimit == 0 {
                    note += " Without pinned points (--pinned-points 0) the run also goes unstable once the step reaches h ≈ 20 (T = 0) to 80 (T = 0.5)."
                }
                Terminal.info(note)
            }
            try AdaptiveRun.run(problem: problem, solver: solver, from: nil, out: URL(fileURLWithPath: out),
                                checkpointEvery: checkpointEvery, verify: verify, quiet: quiet, plot: plot, exact: exact,
                                extra: drive.isTrivial ? [:] : ["protocol": ProtocolOptions.json(drive)])
            return
        }
        var solver = UniformGridSolver(dt: dt, evaluationsPerStep: evaluations, order: order)
        if let threads { solver.threads = threads }
        try solver.validate(for: problem)
        let outURL = URL(fileURLWithPath: out)
        try OutputDirectory.checkWritable(outURL)

        Terminal.attach(&solver, quiet: quiet)
        if !quiet {
            Terminal.info("solve: \(model.summary), T = \(temperature), m0 = \(problem.m0), "
                          + "\(solver.gridSize(tmax: tmax)) grid points (dt = \(dt))")
        }
        var solution = try solver.solve(problem)
        var extra: [String: Any] = [:]
        if errorEstimate, solution.status.isComplete {
            var coarse = solver
            coarse.dt = 2 * dt
            coarse.progress = nil
            if !quiet { Terminal.info("solve: error estimate: second run at dt = \(2 * dt)") }
            let reference = try coarse.solve(problem)
            solution.errorEstimate = ErrorEstimation.richardson(fine: solution, coarse: reference, order: order)
            let x = Extrapolation.richardson(fine: solution.series, coarse: reference.series, order: order)
            if let k = x.t.indices.last {
                extra["extrapolated_final"] = ["t": x.t[k], "m": x.m[k], "energy": x.energy[k], "mu": x.mu[k]]
            }
        }

        let dir = try OutputDirectory(outURL)
        if !drive.isTrivial {
            extra["protocol"] = ProtocolOptions.json(drive)
        }
        if let crossings = try CrossingsCommand.runSummary(solution) { extra["crossings"] = crossings }
        if let exact {
            try ExactComparisonOutput.write(solution, exact: exact, into: dir, extra: &extra, quiet: quiet)
        }
        try RunDirectory.write(solution, to: dir, command: Terminal.commandLine, extra: extra,
                               extraColumns: ProtocolOptions.columns(drive, solution: solution))
        try dir.commit()
        if plot {
            try Plotting.plotRun(at: outURL)
        }
        try Summary.finish(solution, directory: out, divergedAdvice: "Lower --dt.")
    }
}

/// `--compare-exact`, for both grids: the reference is checked before the run, the comparison
/// written into the run directory after it.
enum ExactComparisonOutput {
    static func reference(for problem: DynamicsProblem) throws -> ExactP2 {
        guard let exact = ExactP2Comparison.reference(for: problem) else {
            throw DMFTError.invalidParameter("compare-exact", "needs ξ = q²/(2Δ2) alone, no signal force (V = 0 or m0 = 0), a constant temperature and no protocol")
        }
        guard problem.tmax <= exact.horizon else {
            throw DMFTError.invalidParameter("compare-exact", String(format: "above T_c = %g the exact Γ(t) overflows beyond t = %.4g (the run is in equilibrium long before): lower --tmax", exact.s, exact.horizon))
        }
        return exact
    }

    static func write(_ solution: Solution, exact: ExactP2, into dir: OutputDirectory, extra: inout [String: Any], quiet: Bool) throws {
        let cmp = ExactP2Comparison(solution: solution, exact: exact)
        var errors: [String: Any] = ["C": cmp.maxErrorC, "R": cmp.maxErrorR, "energy": cmp.maxErrorEnergy,
                                     "checkpoint_spacing": cmp.checkpointSpacing, "delta2": exact.delta2]
        if !cmp.aging.isEmpty { errors["aging_C"] = cmp.maxErrorAging }
        extra["exact_error"] = errors
        try dir.write(CSVTable(header: ["t", "energy", "energy_exact"],
                               rows: cmp.energy.map { [$0.t, $0.dmft, $0.exact] }), to: "exact-energy.csv")
        try dir.write(CSVTable(header: ["t", "t_prime", "C", "C_exact", "R", "R_exact"],
                               rows: cmp.twoTime.map { [$0.t, $0.tPrime, $0.C, $0.exactC, $0.R, $0.exactR] }),
                      to: "exact-two-time.csv")
        if !cmp.aging.isEmpty {
            try dir.write(CSVTable(header: ["t_w", "t", "C", "C_exact"], rows: cmp.aging.map { [$0.tw, $0.t, $0.C, $0.exactC] }),
                          to: "exact-aging.csv")
        }
        if !quiet {
            Terminal.info(String(format: "solve: against the exact p = 2 solution: max |ΔC| = %.2e, |ΔR| = %.2e, |Δe| = %.2e",
                                 cmp.maxErrorC, cmp.maxErrorR, cmp.maxErrorEnergy))
        }
    }
}

enum Summary {
    /// Prints the run's paragraph; an incomplete run ends the command with a one-line error and its exit
    /// code (3 diverged, 130 interrupted), the directory holding the solution up to there.
    static func finish(_ solution: Solution, directory out: String, divergedAdvice: String, interruptedAdvice: String = "") throws {
        print(paragraph(solution, directory: out))
        // At T = 0 the energy is a Lyapunov function of gradient flow: a rise is the discretisation's.
        if solution.temperature == 0, solution.problem.drive.isTrivial,
           let rise = solution.series.energyRise(), rise.height > 1e-9 {
            Terminal.info(String(format: "solve: note: at T = 0 the energy must decrease, but it rises up to %.1e above its running minimum, first after t = %.4g (a discretisation error; refine the grid: --points-per-efold, --window or --dt)", rise.height, rise.from))
        }
        switch solution.status {
        case .completed: break
        case .diverged(let t):
            Terminal.error("the solution became non-finite at t = \(t); \(out) holds the last finite state (up to t = \(solution.finalTime)). \(divergedAdvice)")
            throw ExitCode(3)
        case .interrupted(let t):
            Terminal.error("interrupted at t = \(t); \(out) holds the solution up to there, marked incomplete in run.json.\(interruptedAdvice)")
            throw ExitCode(130)
        }
    }

    static func paragraph(_ s: Solution, directory: String) -> String {
        let k = s.series.count - 1
        var text = String(format: "%@ at T = %g, m0 = %g: %@ to t = %g on %d grid points in %.2f s. ",
                          s.model.summary, s.temperature, s.problem.m0, s.status.label, s.finalTime,
                          s.grid.count, s.wallSeconds)
        text += String(format: "Final m = %.8f, e = %.8f, mu = %.8f", s.series.m[k], s.series.energy[k], s.series.mu[k])
        if let e = s.errorEstimate {
            text += String(format: " (estimated error: |dm| ≤ %.1e, |de| ≤ %.1e, |dC| ≤ %.1e; %@)", e.m, e.energy, e.C, e.method)
        }
        text += ". Written to \(directory)."
        return text
    }
}
