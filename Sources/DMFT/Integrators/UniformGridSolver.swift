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
    /// Threads for the BLAS matrix–vector products.
    public var threads: Int
    /// Called about every `progressInterval` wall seconds.
    public var progress: (@Sendable (SolverProgress) -> Void)?
    public var progressInterval: Double
    /// Polled once per step; returning true stops the run cleanly (status `.interrupted`).
    public var shouldStop: (@Sendable () -> Bool)?

    public init(dt: Double, evaluationsPerStep: Int = 1, threads: Int = 2,
                progress: (@Sendable (SolverProgress) -> Void)? = nil, progressInterval: Double = 1,
                shouldStop: (@Sendable () -> Bool)? = nil) {
        self.dt = dt
        self.evaluationsPerStep = evaluationsPerStep
        self.threads = threads
        self.progress = progress
        self.progressInterval = progressInterval
        self.shouldStop = shouldStop
    }

    public var name: String { "uniform" }
    public var settings: [String: Double] {
        ["dt": dt, "evaluations_per_step": Double(evaluationsPerStep), "order": 2]
    }

    /// Number of grid points for a horizon, and the memory the two-time arrays need (bytes).
    public func gridSize(tmax: Double) -> Int { Int((tmax / dt).rounded(.up)) + 1 }
    public func memoryBytes(tmax: Double) -> Double {
        let n = Double(gridSize(tmax: tmax))
        return 8 * n * n * 2  // integrator storage plus the packed copies of the solution
    }

    /// Checks the knobs against a problem before any work is done.
    public func validate(for problem: DynamicsProblem) throws {
        guard dt.isFinite, dt > 0 else { throw DMFTError.invalidParameter("dt", "must be > 0, got \(dt)") }
        guard dt <= problem.tmax else {
            throw DMFTError.invalidParameter("dt", "must not exceed --tmax (\(problem.tmax)), got \(dt)")
        }
        guard evaluationsPerStep == 1 || evaluationsPerStep == 2 else {
            throw DMFTError.invalidParameter("evaluations", "must be 1 (PEC) or 2 (PECE), got \(evaluationsPerStep)")
        }
        let bytes = memoryBytes(tmax: problem.tmax)
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.8
        guard bytes < available else {
            throw DMFTError.invalidParameter(
                "dt", String(format: "a uniform grid of %d points needs %.1f GB, more than this machine's %.1f GB; raise --dt or lower --tmax",
                             gridSize(tmax: problem.tmax), bytes / 1e9, available / 1e9))
        }
    }

    public func solve(_ problem: DynamicsProblem) throws -> Solution {
        try validate(for: problem)
        let start = Date()
        let state = UniformGridState(problem: problem, dt: dt, count: gridSize(tmax: problem.tmax))
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
final class UniformGridState {
    let problem: DynamicsProblem
    let model: Model
    let h: Double
    let capacity: Int
    /// Column-major n×n: C(k,s) at k + s·n for k ≥ s, R(k,s) at s + k·n for k > s.
    let matrix: UnsafeMutablePointer<Double>
    private(set) var rows = 0

    private(set) var m: [Double] = []
    private(set) var mu: [Double] = []
    private(set) var energy: [Double] = []

    /// Right-hand sides ∂tC(t_i,t_j), ∂tR(t_i,t_j), ∂t m(t_i) on the last row i and the row before.
    private var fC: [Double] = [], fR: [Double] = [], fm = 0.0
    private var fCPrevious: [Double] = [], fRPrevious: [Double] = [], fmPrevious = 0.0

    // Scratch vectors of length capacity.
    private var sigma: [Double], vertex: [Double]
    private var dC: [Double], dR: [Double], work: [Double]
    private var newC: [Double], newR: [Double]

    init(problem: DynamicsProblem, dt: Double, count: Int) {
        self.problem = problem
        model = problem.model
        h = dt
        capacity = count
        matrix = .allocate(capacity: count * count)
        matrix.initialize(repeating: 0, count: count * count)
        sigma = .init(repeating: 0, count: count)
        vertex = sigma; dC = sigma; dR = sigma; work = sigma; newC = sigma; newR = sigma
        matrix[0] = 1  // C(0,0) = 1
        m = [problem.m0]
        rows = 1
        let local = observables(row: 0)
        mu = [local.mu]
        energy = [local.energy]
        rightHandSides(row: 0, mu: local.mu)
        fC = Array(dC[0...0]); fR = Array(dR[0...0]); fm = local.fm
    }

    deinit { matrix.deallocate() }

    func time(_ k: Int) -> Double { Double(k) * h }

    @inline(__always) func c(_ k: Int, _ s: Int) -> Double { matrix[k + s * capacity] }
    /// R(k,s) for s ≤ k; the diagonal value R(k⁺,k) = 1 is implicit in the storage.
    @inline(__always) func r(_ k: Int, _ s: Int) -> Double { s == k ? 1 : matrix[s + k * capacity] }

    /// Trapezoidal weight of node s on [0, t_i].
    @inline(__always) private func weight(_ s: Int, _ i: Int) -> Double {
        i == 0 ? 0 : (s == 0 || s == i ? 0.5 * h : h)
    }

    /// The O(i) part of an evaluation on row i: fills the kernels Σ(t_i,s) and D(t_i,s) and returns
    /// μ(t_i), e(t_i) and ∂t m(t_i).
    private func observables(row i: Int) -> (mu: Double, energy: Double, fm: Double) {
        var muIntegral = 0.0, energyIntegral = 0.0, mMemory = 0.0
        for s in 0...i {
            let cs = c(i, s), rs = r(i, s), w = weight(s, i)
            sigma[s] = DMFTEquations.sigma(model, C: cs, R: rs)
            vertex[s] = DMFTEquations.vertex(model, C: cs)
            muIntegral += w * DMFTEquations.multiplierIntegrand(model, C: cs, R: rs)
            energyIntegral += w * DMFTEquations.energyIntegrand(model, C: cs, R: rs)
            mMemory += w * sigma[s] * m[s]
        }
        let mi = m[i]
        let force = model.v1(mi)
        let mu = DMFTEquations.mu(temperature: problem.temperature, m: mi, signalForce: force,
                                  integral: muIntegral)
        return (mu, DMFTEquations.energy(model, m: mi, integral: energyIntegral),
                DMFTEquations.dm(mu: mu, m: mi, signalForce: force, memory: mMemory))
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
            // ∫₀^{t_i} Σ(t_i,s) C(s,t_j) ds for every j: one symmetric matrix–vector product.
            for s in 0...i { x[s] = weight(s, i) * sig[s] }
            cblas_dsymv(CblasColMajor, CblasLower, len, 1.0, matrix, lda, x.baseAddress, 1, 0.0,
                        memC.baseAddress, 1)
            // ∫₀^{t_j} D(t_i,s) R(t_j,s) ds: the trapezoid on [0,t_j] has weight h/2 at s = j, so use h
            // everywhere (h/2 at s = 0) and remove half of the s = j term, R(t_j⁺,t_j) = 1.
            for s in 0...i { x[s] = (s == 0 ? 0.5 * h : h) * ver[s] }
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasTrans, CblasUnit, len, matrix, lda, x.baseAddress, 1)
            for j in 0...i { memC[j] += x[j] - 0.5 * h * ver[j] }
            // ∫_{t_j}^{t_i} Σ(t_i,s) R(s,t_j) ds: weight h/2 at s = i always, remove half at s = j.
            for s in 0...i { memResp[s] = (s == i ? 0.5 * h : h) * sig[s] }
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasUnit, len, matrix, lda,
                        memResp.baseAddress, 1)
            for j in 0...i { memResp[j] -= 0.5 * h * sig[j] }
        }}}}}
        let force = model.v1(m[i])
        for j in 0...i {
            dC[j] = DMFTEquations.dC(mu: mu, C: c(i, j), signalForce: force, mEarlier: m[j],
                                     memoryC: dC[j], memoryR: 0)
            dR[j] = DMFTEquations.dR(mu: mu, R: r(i, j), memory: dR[j])
        }
    }

    /// Adds row `rows`. Returns false, leaving the state at the last finite row, if the new row is
    /// not finite.
    func advance(evaluations: Int) -> Bool {
        let i = rows - 1, k = i + 1
        let useAB2 = i >= 1
        // Predictor: AB2 where the row before has the element, Euler on the newest column and on the
        // first step.
        for j in 0...i {
            if useAB2 && j < i {
                newC[j] = c(i, j) + h * (1.5 * fC[j] - 0.5 * fCPrevious[j])
                newR[j] = r(i, j) + h * (1.5 * fR[j] - 0.5 * fRPrevious[j])
            } else {
                newC[j] = c(i, j) + h * fC[j]
                newR[j] = r(i, j) + h * fR[j]
            }
        }
        store(row: k, m: useAB2 ? m[i] + h * (1.5 * fm - 0.5 * fmPrevious) : m[i] + h * fm)
        rows = k + 1

        var local = observables(row: k)
        for pass in 0..<evaluations {
            rightHandSides(row: k, mu: local.mu)
            if pass > 0 { break }  // PECE: the second evaluation is on the corrected row
            // Corrector (trapezoid): y_k = y_i + h/2 (f_i + f_k).
            for j in 0...i {
                newC[j] = c(i, j) + 0.5 * h * (fC[j] + dC[j])
                newR[j] = r(i, j) + 0.5 * h * (fR[j] + dR[j])
            }
            store(row: k, m: m[i] + 0.5 * h * (fm + local.fm))
            local = observables(row: k)
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
        swap(&fC, &fCPrevious); swap(&fR, &fRPrevious)
        fmPrevious = fm
        fC = Array(dC[0...k]); fR = Array(dR[0...k]); fm = local.fm
        return true
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
