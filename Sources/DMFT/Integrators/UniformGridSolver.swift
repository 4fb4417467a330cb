import COpenBLAS
import Foundation

/// Second-order integrator on a uniform grid t_k = k·dt (equations/uniform-grid.md).
///
/// Scheme: memory integrals by the trapezoidal rule; time stepping by an Adams–Bashforth-2
/// predictor and a trapezoidal (Adams–Moulton-2) corrector, with one or two evaluations of the
/// memory integrals per step (PEC or PECE). Both are second order in dt; PECE has a smaller error
/// constant at twice the cost of the O(n²) matrix–vector products that dominate.
///
/// Storage: C (lower triangle with diagonal) and R (strict lower triangle, transposed into the upper
/// triangle) share one n×n column-major array, so memory is n² doubles for both; R(t⁺,t) = 1 is the
/// implicit unit diagonal that BLAS `trmv` assumes.
public struct UniformGridSolver: DynamicsSolver {
    /// Time step. The error of C, R, m, e is O(dt²).
    public var dt: Double
    /// Memory-integral evaluations per step: 1 (PEC, the default: half the cost) or 2 (PECE).
    public var evaluationsPerStep: Int
    /// Order of the Adams corrector and of the scheme: 3 (AM3 with an AB2 predictor, the default) or
    /// 2 (trapezoid with an Euler predictor), see equations/uniform-grid.md.
    public var order: Int
    /// Threads for the BLAS matrix–vector products.
    public var threads: Int
    /// Called about every `progressInterval` wall seconds.
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var progressInterval: Double
    /// Polled once per step; returning true stops the run cleanly (status `.interrupted`).
    public var shouldStop: (@Sendable () -> Bool)?

    public init(dt: Double, evaluationsPerStep: Int = 1, order: Int = 3, threads: Int = 2,
                progress: (@Sendable (SolverProgress) -> Void)? = nil, progressInterval: Double = 1,
                shouldStop: (@Sendable () -> Bool)? = nil) {
        self.dt = dt
        self.evaluationsPerStep = evaluationsPerStep
        self.order = order
        self.threads = threads
        self.progress = progress
        self.progressInterval = progressInterval
        self.shouldStop = shouldStop
    }

    public var name: String { "uniform" }
    public var settings: [String: Double] {
        ["dt": dt, "evaluations_per_step": Double(evaluationsPerStep), "adams_order": Double(order),
         "global_order": Double(order)]
    }

    /// Number of grid points for a horizon, and the memory the two-time arrays need (bytes).
    public func gridSize(tmax: Double) -> Int { Int(points(tmax: tmax)) }
    public func memoryBytes(tmax: Double) -> Double {
        let n = points(tmax: tmax)
        return 8 * n * n * 2  // integrator storage plus the packed copies of the solution
    }
    /// The grid size in Double: an absurd tmax/dt must fail validation, not trap in Int().
    private func points(tmax: Double) -> Double { (tmax / dt).rounded(.up) + 1 }

    /// The step on its own: finite, positive, within the horizon (the rest of `validate` needs a problem).
    public func validateStep(tmax: Double) throws {
        guard dt.isFinite, dt > 0 else { throw DMFTError.invalidParameter("dt", "must be > 0, got \(dt)") }
        guard dt <= tmax else {
            throw DMFTError.invalidParameter("dt", "must not exceed --tmax (\(tmax)), got \(dt)")
        }
    }

    /// What the grid's arrays may take: 80 % of physical memory, the rest for the OS and the output.
    public static var memoryBudget: Double { Double(ProcessInfo.processInfo.physicalMemory) * 0.8 }

    public func fitsInMemory(tmax: Double) -> Bool { memoryBytes(tmax: tmax) < Self.memoryBudget }

    /// Checks the knobs against a problem before any work is done.
    public func validate(for problem: DynamicsProblem) throws {
        try validateStep(tmax: problem.tmax)
        guard evaluationsPerStep == 1 || evaluationsPerStep == 2 else {
            throw DMFTError.invalidParameter("evaluations", "must be 1 (PEC) or 2 (PECE), got \(evaluationsPerStep)")
        }
        guard (2...3).contains(order) else {
            throw DMFTError.invalidParameter("order", "must be 2 or 3, got \(order)")
        }
        let bytes = memoryBytes(tmax: problem.tmax)
        let available = Self.memoryBudget
        guard bytes < available else {
            throw DMFTError.invalidParameter(
                "dt", String(format: "a uniform grid of %.3g points needs %.3g GB, more than this machine's %.1f GB; raise --dt or lower --tmax",
                             points(tmax: problem.tmax), bytes / 1e9, available / 1e9))
        }
    }

    public func solve(_ problem: DynamicsProblem) throws -> Solution {
        try validate(for: problem)
        let start = Date()
        let state = UniformGridState(problem: problem, dt: dt, count: gridSize(tmax: problem.tmax), order: order)
        openblas_set_num_threads(Int32(max(1, threads)))
        var lastReport = start
        var status = RunStatus.completed
        while state.rows < state.capacity {
            if let shouldStop, shouldStop() {
                status = .interrupted(atTime: state.time(state.rows - 1))
                break
            }
            if !state.advance(evaluations: evaluationsPerStep) {
                status = .diverged(atTime: state.time(state.rows))
                break
            }
            if let progress, Date().timeIntervalSince(lastReport) >= progressInterval {
                lastReport = Date()
                progress(SolverProgress(time: state.time(state.rows - 1), tmax: problem.tmax,
                                  step: state.rows - 1, wallSeconds: lastReport.timeIntervalSince(start)))
            }
        }
        var solution = state.solution(status: status, solverName: name, settings: settings)
        solution.wallSeconds = Date().timeIntervalSince(start)
        return solution
    }
}

/// The working state of the uniform-grid integrator: rows 0..<rows of C and R are final.
/// Its arrays are read and written element by element in the hot loops by one thread at a time, so the
/// runtime exclusivity checks on the class's stored properties (a tenth of a run's time) are switched off.
final class UniformGridState {
    let problem: DynamicsProblem
    let model: Model
    let h: Double
    let capacity: Int
    /// Column-major n×n: C(k,s) at k + s·n for k ≥ s, R(k,s) at s + k·n for k > s.
    let matrix: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private(set) var rows = 0

    @exclusivity(unchecked) private(set) var m: [Double] = []
    @exclusivity(unchecked) private(set) var mu: [Double] = []
    @exclusivity(unchecked) private(set) var energy: [Double] = []

    /// Right-hand sides ∂tC(t_l,t_j), ∂tR(t_l,t_j), ∂t m(t_l) on the last rows l = i, i−1, …, newest
    /// first, as many as the Adams formulas of the chosen order use.
    @exclusivity(unchecked) private var historyC: [[Double]] = [], historyR: [[Double]] = [], historyM: [Double] = []
    private let maxHistory: Int

    /// T(t_k) on the grid, and the weighted kernels when the protocol has channel weights.
    private let temperatures: [Double]
    private let weighted: WeightedKernels?
    /// 1/T′ for a start from equilibrium at T′ (0 for the random start, T′ = ∞).
    private let inverseInitialTemperature: Double
    /// ξ′_{t_i,0}(C(t_i,0)) of the last `observables` call: the quench terms need it.
    @exclusivity(unchecked) private var quenchVertex = 0.0

    // Scratch vectors of length capacity.
    @exclusivity(unchecked) private var sigma: [Double], vertex: [Double]
    @exclusivity(unchecked) private var dC: [Double], dR: [Double], work: [Double]
    @exclusivity(unchecked) private var newC: [Double], newR: [Double], predictedC: [Double], predictedR: [Double]

    init(problem: DynamicsProblem, dt: Double, count: Int, order: Int) {
        self.problem = problem
        maxHistory = order - 1
        model = problem.model
        h = dt
        capacity = count
        let times = Grid.uniform(dt: dt, count: count)
        temperatures = times.map { problem.drive.temperature(at: $0, default: problem.temperature) }
        weighted = problem.drive.hasWeights
            ? WeightedKernels(model: problem.model, drive: problem.drive, times: times) : nil
        inverseInitialTemperature = problem.drive.inverseInitialTemperature
        matrix = .allocate(capacity: count * count)
        matrix.initialize(repeating: 0, count: count * count)
        sigma = .init(repeating: 0, count: count)
        vertex = sigma; dC = sigma; dR = sigma; work = sigma; newC = sigma; newR = sigma
        predictedC = sigma; predictedR = sigma
        matrix[0] = 1  // C(0,0) = 1
        m = [problem.m0]
        rows = 1
        let local = observables(row: 0)
        mu = [local.mu]
        energy = [local.energy]
        rightHandSides(row: 0, mu: local.mu)
        pushHistory(c: Array(dC[0...0]), r: Array(dR[0...0]), m: local.fm)
    }

    deinit { matrix.deallocate() }

    func time(_ k: Int) -> Double { Double(k) * h }

    @inline(__always) func c(_ k: Int, _ s: Int) -> Double { matrix[k + s * capacity] }
    /// R(k,s) for s ≤ k; the diagonal value R(k⁺,k) = 1 is implicit in the storage.
    @inline(__always) func r(_ k: Int, _ s: Int) -> Double { s == k ? 1 : matrix[s + k * capacity] }

    /// Gregory weights of ∫₀^{t_i}, recomputed when the row changes.
    private var fullWeights: [Double] = [0]
    private var fullWeightsRow = 0
    @inline(__always) private func weight(_ s: Int, _ i: Int) -> Double {
        if fullWeightsRow != i {
            fullWeights = GregoryQuadrature.weights(intervals: i, h: h)
            fullWeightsRow = i
        }
        return fullWeights[s]
    }

    /// The O(i) part of an evaluation on row i: fills the kernels Σ(t_i,s) and D(t_i,s) and returns
    /// μ(t_i), e(t_i) and ∂t m(t_i).
    private func observables(row i: Int) -> (mu: Double, energy: Double, fm: Double) {
        var muIntegral = 0.0, energyIntegral = 0.0, mMemory = 0.0
        var xiAtStart = 0.0
        if let weighted {
            for s in 0...i {
                let cs = c(i, s), rs = r(i, s), w = weight(s, i)
                let k = weighted.noise(cs, row: i, node: s)
                sigma[s] = k.xi2 * rs
                vertex[s] = k.xi1
                muIntegral += w * rs * (k.xi1 + k.xi2 * cs)
                energyIntegral += w * k.xi1 * rs
                mMemory += w * sigma[s] * m[s]
                if s == 0 { xiAtStart = k.xi }
            }
        } else {
            for s in 0...i {
                let cs = c(i, s), rs = r(i, s), w = weight(s, i)
                sigma[s] = DMFTEquations.sigma(model, C: cs, R: rs)
                vertex[s] = DMFTEquations.vertex(model, C: cs)
                muIntegral += w * DMFTEquations.multiplierIntegrand(model, C: cs, R: rs)
                energyIntegral += w * DMFTEquations.energyIntegrand(model, C: cs, R: rs)
                mMemory += w * sigma[s] * m[s]
            }
            if inverseInitialTemperature != 0 { xiAtStart = model.noise(c(i, 0)) }
        }
        let mi = m[i]
        let (potential, force) = signal(m: mi, row: i)
        quenchVertex = vertex[0]
        // Start from equilibrium at T′ (REFERENCE §2): + ξ′(C(t,0))C(t,0)/T′ in μ, − ξ(C(t,0))/T′ in e.
        muIntegral += inverseInitialTemperature * quenchVertex * c(i, 0)
        energyIntegral += inverseInitialTemperature * xiAtStart
        let mu = DMFTEquations.mu(temperature: temperatures[i], m: mi, signalForce: force,
                                  integral: muIntegral)
        return (mu, -potential - energyIntegral,
                DMFTEquations.dm(mu: mu, m: mi, signalForce: force, memory: mMemory))
    }

    /// (V_t(m), V′_t(m)) on row i: the model's V, or its weighted form under a protocol.
    @inline(__always)
    private func signal(m value: Double, row i: Int) -> (Double, Double) {
        if let weighted { let v = weighted.signal(value, row: i); return (v.v, v.v1) }
        return (model.signal(value), model.v1(value))
    }

    /// The O(i²) part: the memory integrals on row i by BLAS, assembled into dC[0...i] = ∂tC(t_i,t_j)
    /// and dR[0...i] = ∂tR(t_i,t_j). Needs `observables(row: i)` first (it fills Σ and D).
    private func rightHandSides(row i: Int, mu: Double) {
        let len = Int32(i + 1), lda = Int32(capacity)
        let h = self.h
        sigma.withUnsafeBufferPointer { sig in
        vertex.withUnsafeBufferPointer { ver in
        work.withUnsafeMutableBufferPointer { x in
        dC.withUnsafeMutableBufferPointer { memC in
        dR.withUnsafeMutableBufferPointer { memResp in
            // ∫₀^{t_i} Σ(t_i,s) C(s,t_j) ds for every j: one symmetric matrix–vector product with
            // weight h, then for each j the corrections of the two pieces [0,t_j] and [t_j,t_i]. C(s,t_j)
            // has a cusp at s = t_j, so one Gregory rule over [0,t_i] would be only O(h²) there.
            for s in 0...i { x[s] = h * sig[s] }
            cblas_dsymv(CblasColMajor, CblasLower, len, 1.0, matrix, lda, x.baseAddress, 1, 0.0,
                        memC.baseAddress, 1)
            for j in 0...i {
                memC[j] += splitCorrection(row: i, column: j, sigma: sig)
            }
            // ∫₀^{t_j} D(t_i,s) R(t_j,s) ds for every j ≤ i: one triangular product with the weights
            // of an integral that starts at 0 (start corrections in place, h elsewhere), then the end
            // corrections at s = j, j−1, j−2, which need only R(t_j, ·) near the diagonal.
            for s in 0...i { x[s] = h * ver[s] }
            for k in 0..<min(3, i + 1) { x[k] += h * GregoryQuadrature.endCorrections[k] * ver[k] }
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasTrans, CblasUnit, len, matrix, lda, x.baseAddress, 1)
            for j in 0...i {
                if j >= 2 {
                    var corr = 0.0
                    for k in 0..<3 { corr += GregoryQuadrature.endCorrections[k] * ver[j - k] * r(j, j - k) }
                    memC[j] += x[j] + h * corr
                } else if j == 1 {
                    memC[j] += firstCellIntegral(row: i, vertex: ver)
                }
            }
            // ∫_{t_j}^{t_i} Σ(t_i,s) R(s,t_j) ds: the end at s = i is the same for every j, so its
            // corrections go into the vector; the start corrections at s = j, j+1, j+2 follow.
            for s in 0...i { memResp[s] = h * sig[s] }
            if i >= 2 { for k in 0..<3 { memResp[i - k] += h * GregoryQuadrature.endCorrections[k] * sig[i - k] } }
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasUnit, len, matrix, lda,
                        memResp.baseAddress, 1)
            for j in 0...i {
                if j <= i - 2 {
                    var corr = 0.0
                    for k in 0..<3 { corr += GregoryQuadrature.endCorrections[k] * sig[j + k] * r(j + k, j) }
                    memResp[j] += h * corr
                } else if j == i - 1 {
                    memResp[j] = 0.5 * h * (sig[j] + sig[i] * r(i, j))
                } else {
                    memResp[j] = 0
                }
            }
        }}}}}
        let force = signal(m: m[i], row: i).1
        let quench = inverseInitialTemperature * quenchVertex
        for j in 0...i {
            // The start from equilibrium adds ξ′(C(t,0)) C(t′,0)/T′ (REFERENCE §2).
            dC[j] = DMFTEquations.dC(mu: mu, C: c(i, j), signalForce: force, mEarlier: m[j],
                                     memoryC: dC[j], memoryR: quench * c(j, 0))
            dR[j] = DMFTEquations.dR(mu: mu, R: r(i, j), memory: dR[j])
        }
    }

    /// What the pieces [0,t_j] and [t_j,t_i] add to h·Σ_s Σ(t_i,s) C(s,t_j): their end corrections,
    /// the node t_j counted twice, and Simpson's rule with an interpolated midpoint on [0,t₁].
    private func splitCorrection(row i: Int, column j: Int, sigma: UnsafeBufferPointer<Double>) -> Double {
        @inline(__always) func g(_ s: Int) -> Double { sigma[s] * (s >= j ? c(s, j) : c(j, s)) }
        var total = h * g(j)
        // Left piece [0, j].
        switch j {
        case 0: total -= h * g(0)
        case 1:
            if i >= 2 {
                // Σ(t_i, h/2) by interpolation along row i, C(h, h/2) from the first rows' quadratic.
                let cRow = interpolateRowAtHalf(i) { self.c(i, $0) }
                let rRow = interpolateRowAtHalf(i) { self.r(i, $0) }
                let cCorner = 0.5 * c(1, 0) + 0.5 * c(1, 1) - 0.125 * c(2, 0) + 0.25 * c(2, 1) - 0.125 * c(2, 2)
                let gHalf = kernelsAtHalfStep(row: i, C: cRow).xi2 * rRow * cCorner
                total += h * (1.0 / 6 - 1) * (g(0) + g(1)) + 4 * h / 6 * gHalf
            } else {
                total -= 0.5 * h * (g(0) + g(1))
            }
        default:
            for k in 0..<3 { total += h * GregoryQuadrature.endCorrections[k] * (g(k) + g(j - k)) }
        }
        // Right piece [j, i].
        switch i - j {
        case 0: total -= h * g(j)
        case 1: total -= 0.5 * h * (g(j) + g(i))
        default:
            for k in 0..<3 { total += h * GregoryQuadrature.endCorrections[k] * (g(j + k) + g(i - k)) }
        }
        return total
    }

    /// (ξ′, ξ″) of the kernel between t_i and s = h/2.
    @inline(__always)
    private func kernelsAtHalfStep(row i: Int, C q: Double) -> (xi1: Double, xi2: Double) {
        if let weighted { let k = weighted.noise(q, row: i, node: -1); return (k.xi1, k.xi2) }
        return (model.xi1(q), model.xi2(q))
    }

    /// f(t_i, h/2) from f(t_i, 0…3) on row i (cubic; quadratic when i = 2).
    @inline(__always)
    private func interpolateRowAtHalf(_ i: Int, _ f: (Int) -> Double) -> Double {
        i >= 3 ? 0.3125 * f(0) + 0.9375 * f(1) - 0.3125 * f(2) + 0.0625 * f(3)
               : 0.375 * f(0) + 0.75 * f(1) - 0.125 * f(2)
    }

    /// ∫₀^{t₁} D(t_i,s) R(t₁,s) ds. This one-interval integral appears in every row, so a trapezoid
    /// here would put an O(h³) error into ∂tC(t,t₁) at every step. Simpson's rule needs the midpoint
    /// s = h/2: C(t_i, h/2) by polynomial interpolation along row i, and R(h, h/2) by the quadratic
    /// through the six nodes of the first two rows of the triangle (equations/uniform-grid.md).
    private func firstCellIntegral(row i: Int, vertex: UnsafeBufferPointer<Double>) -> Double {
        guard i >= 2 else { return 0.5 * h * (vertex[0] * r(1, 0) + vertex[1]) }
        let cHalf = i >= 3
            ? 0.3125 * c(i, 0) + 0.9375 * c(i, 1) - 0.3125 * c(i, 2) + 0.0625 * c(i, 3)
            : 0.375 * c(i, 0) + 0.75 * c(i, 1) - 0.125 * c(i, 2)
        let rHalf = 0.5 * r(1, 0) + 0.5 * r(1, 1) - 0.125 * r(2, 0) + 0.25 * r(2, 1) - 0.125 * r(2, 2)
        let gHalf = kernelsAtHalfStep(row: i, C: cHalf).xi1 * rHalf
        return h / 6 * (vertex[0] * r(1, 0) + 4 * gHalf + vertex[1] * r(1, 1))
    }

    /// Adds row `rows`. Returns false, leaving the state at the last finite row, if the new row is
    /// not finite.
    func advance(evaluations: Int) -> Bool {
        let i = rows - 1, k = i + 1
        // Column j has F(t_l, t_j) for l = j … i: its Adams formulas use q = min(i − j + 1, qMax)
        // past values (AB_q predictor, AM_{q+1} corrector), so the newest column starts with the
        // trapezoid and older columns reach the full order.
        for j in 0...i {
            let q = min(i - j + 1, historyC.count)
            let ab = Adams.bashforth[q - 1]
            var sc = 0.0, sr = 0.0
            for l in 0..<q { sc += ab[l] * historyC[l][j]; sr += ab[l] * historyR[l][j] }
            newC[j] = c(i, j) + h * sc
            newR[j] = r(i, j) + h * sr
        }
        let qm = min(i + 1, historyM.count)
        var sm = 0.0
        for l in 0..<qm { sm += Adams.bashforth[qm - 1][l] * historyM[l] }
        store(row: k, m: m[i] + h * sm)
        rows = k + 1

        var local = observables(row: k)
        for pass in 0..<evaluations {
            rightHandSides(row: k, mu: local.mu)
            if pass > 0 { break }  // PECE: the second evaluation is on the corrected row
            let predicted = (mu: local.mu, m: m[k], force: signal(m: m[k], row: k).1,
                             quench: inverseInitialTemperature * quenchVertex)
            for j in 0...i { predictedC[j] = newC[j]; predictedR[j] = newR[j] }
            // The corrector treats the local term −μ y of the new row implicitly (with the predicted
            // μ): the predicted right-hand side then enters only through terms that depend on the new
            // element with weight O(h), so the newest column's O(h²) Euler predictor does not leak
            // into the result, and the step is A-stable in the −μ direction.
            for j in 0...i {
                let q = min(i - j + 1, historyC.count)
                let am = Adams.moulton[q - 1]
                var sc = am[0] * (dC[j] + predicted.mu * newC[j]), sr = am[0] * (dR[j] + predicted.mu * newR[j])
                for l in 0..<q { sc += am[l + 1] * historyC[l][j]; sr += am[l + 1] * historyR[l][j] }
                let implicitFactor = 1 / (1 + h * am[0] * predicted.mu)
                newC[j] = (c(i, j) + h * sc) * implicitFactor
                newR[j] = (r(i, j) + h * sr) * implicitFactor
            }
            let am = Adams.moulton[qm - 1]
            var smc = am[0] * local.fm
            for l in 0..<qm { smc += am[l + 1] * historyM[l] }
            store(row: k, m: m[i] + h * smc)
            local = observables(row: k)
            if evaluations == 1 {
                // PEC keeps the right-hand side of the predicted row. Its memory integrals depend on
                // any one element only with weight O(h), but the local terms −μC, −μR, V′(m)m′ depend
                // on it with weight 1, and the newest columns' predictors are only O(h²)–O(h³)
                // accurate: refresh those terms with the corrected values so that no low-order
                // predictor error enters the next steps.
                let force = signal(m: m[k], row: k).1
                let quench = inverseInitialTemperature * quenchVertex
                for j in 0...i {
                    dC[j] += -local.mu * c(k, j) + predicted.mu * predictedC[j]
                        + (force - predicted.force) * m[j] + (quench - predicted.quench) * c(j, 0)
                    dR[j] += -local.mu * r(k, j) + predicted.mu * predictedR[j]
                }
            }
        }

        var finite = local.mu.isFinite && local.energy.isFinite && local.fm.isFinite
        if finite {
            for j in 0...k where !(c(k, j).isFinite && r(k, j).isFinite && dC[j].isFinite && dR[j].isFinite) {
                finite = false
                break
            }
        }
        guard finite else {
            rows = k
            m.removeLast()
            return false
        }
        assert(c(k, k) == 1, "spherical constraint C(t,t) = 1 violated")
        mu.append(local.mu)
        energy.append(local.energy)
        pushHistory(c: Array(dC[0...k]), r: Array(dR[0...k]), m: local.fm)
        return true
    }

    private func pushHistory(c: [Double], r: [Double], m: Double) {
        historyC.insert(c, at: 0); historyR.insert(r, at: 0); historyM.insert(m, at: 0)
        if historyC.count > maxHistory {
            historyC.removeLast(); historyR.removeLast(); historyM.removeLast()
        }
    }

    /// Writes newC/newR into row k (with C(k,k) = 1) and sets m(t_k).
    private func store(row k: Int, m value: Double) {
        let n = capacity
        for j in 0..<k {
            matrix[k + j * n] = newC[j]
            matrix[j + k * n] = newR[j]
        }
        matrix[k + k * n] = 1
        if m.count > k { m[k] = value } else { m.append(value) }
    }

    /// The finished rows as a `Solution`.
    func solution(status: RunStatus, solverName: String, settings: [String: Double]) -> Solution {
        let n = rows
        var C = TriangularArray(count: n)
        var R = TriangularArray(count: n)
        for i in 0..<n {
            for j in 0...i {
                C[i, j] = c(i, j)
                R[i, j] = r(i, j)
            }
        }
        let grid = Grid.uniform(dt: h, count: n)
        let series = TimeSeries(t: grid, m: Array(m.prefix(n)), energy: Array(energy.prefix(n)),
                                mu: Array(mu.prefix(n)))
        return Solution(problem: problem, grid: grid, C: C, R: R, series: series, status: status,
                        solverName: solverName, solverSettings: settings)
    }
}

/// Adams–Bashforth (explicit) and Adams–Moulton (implicit) coefficients on a uniform step.
/// `bashforth[q−1]` uses q past right-hand sides f_i, f_{i−1}, … (order q);
/// `moulton[q−1]` uses the new f_{i+1} first, then q past ones (order q + 1).
enum Adams {
    static let bashforth: [[Double]] = [
        [1],
        [3.0 / 2, -1.0 / 2],
    ]
    static let moulton: [[Double]] = [
        [1.0 / 2, 1.0 / 2],
        [5.0 / 12, 8.0 / 12, -1.0 / 12],
    ]
}
