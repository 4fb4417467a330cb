import Foundation

/// Aging analysis of a `Solution`: two-time curves at several waiting times, their scaling collapse,
/// the fluctuation–dissipation plot, the mean-square displacement and the energy relaxation.
/// Methods and definitions: equations/asymptotics.md §5–§8.
///
/// Everything reads the solution through `correlation`, `integratedResponse` and `series`, which
/// interpolate on any grid, so a non-uniform (coarsening) grid is analysed exactly like a uniform one.
public enum Aging {
    /// The knobs of the analysis, each with the default that suits a run of a few decades.
    public struct Settings: Sendable {
        /// Waiting times t_w; nil: 5 values tEnd/64, tEnd/32, …, tEnd/4 (log-spaced, each curve then
        /// covers at least τ = 3t_w, enough to see the aging decay at τ ~ t_w).
        public var waitingTimes: [Double]?
        /// Samples of τ per waiting time, log-spaced from `tauMin` to tEnd − t_w.
        public var samplesPerCurve = 120
        /// Smallest τ sampled: well inside the fast (FDT) regime, which starts at τ ~ 1/μ ~ 0.1.
        public var tauMin = 1e-2
        /// Below this C the curves have decayed and carry no information on the collapse.
        public var collapseFloor = 0.02
        /// The last `energyDecades` decades of the run are fitted by e∞ + A t^(−α).
        public var energyDecades = 1.5
        /// Verdict: the fitted collapse exponent μ of h(t) = exp(t^(1−μ)/(1−μ)) is compared with this
        /// midpoint between stationary dynamics (μ = 0) and simple aging (μ = 1) …
        public var agingExponentThreshold = 0.5
        /// … and |X − 1| (X at the latest waiting time) with this. Both must agree for a verdict.
        public var fdtTolerance = 0.1
        /// If the two latest curves coincide in τ to this RMS, the dynamics has stopped or is
        /// stationary (e.g. gradient flow converging to an isolated minimum): no aging, whatever μ.
        public var stationarityTolerance = 1e-3

        public init(waitingTimes: [Double]? = nil) { self.waitingTimes = waitingTimes }
    }

    // MARK: - Curves

    /// C(t_w + τ, t_w) and χ(t_w + τ, t_w) at one waiting time.
    public struct Curve: Sendable {
        public let tw: Double
        public let tau: [Double]
        public let C: [Double]
        public let chi: [Double]

        public init(tw: Double, tau: [Double], C: [Double], chi: [Double]) {
            self.tw = tw; self.tau = tau; self.C = C; self.chi = chi
        }
    }

    public static func defaultWaitingTimes(finalTime: Double) -> [Double] {
        [64.0, 32, 16, 8, 4].map { finalTime / $0 }
    }

    static func logSpaced(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        guard b > a, n > 1 else { return [b] }
        return (0..<n).map { exp(log(a) + (log(b) - log(a)) * Double($0) / Double(n - 1)) }
    }

    /// Checks waiting times against the run: each must leave room for τ up to 10·tauMin.
    public static func validatedWaitingTimes(_ solution: Solution, _ settings: Settings) throws -> [Double] {
        let tEnd = solution.finalTime
        // A run with followed columns (coarsening grid, --waiting-times) is analysed at their t_w.
        let followed = solution.waitingTimeColumns.map(\.tw).filter { $0 + 10 * settings.tauMin < tEnd }
        let tws = (settings.waitingTimes ?? (followed.isEmpty ? defaultWaitingTimes(finalTime: tEnd) : followed)).sorted()
        guard !tws.isEmpty else { throw DMFTError.invalidParameter("waiting-times", "needs at least one time") }
        for tw in tws where !(tw >= 0 && tw + 10 * settings.tauMin < tEnd) {
            throw DMFTError.invalidParameter("waiting-times",
                "t_w = \(tw) must be ≥ 0 and leave room before the end of the run (t = \(tEnd))")
        }
        guard settings.samplesPerCurve >= 10 else {
            throw DMFTError.invalidParameter("samples", "must be ≥ 10, got \(settings.samplesPerCurve)")
        }
        guard settings.tauMin > 0 else { throw DMFTError.invalidParameter("tau-min", "must be > 0") }
        return tws
    }

    /// The smallest lag sampled at t_w: `tauMin`, or a followed column's first step when that is
    /// longer (below it the column has only its end values, and interpolation would invent a decay).
    public static func smallestLag(_ solution: Solution, tw: Double, tauMin: Double) -> Double {
        max(tauMin, solution.waitingTimeColumn(tw)?.firstLag ?? 0)
    }

    public static func curves(_ solution: Solution, waitingTimes: [Double], settings: Settings = Settings()) -> [Curve] {
        waitingTimes.map { tw in
            let taus = logSpaced(smallestLag(solution, tw: tw, tauMin: settings.tauMin), solution.finalTime - tw,
                                 settings.samplesPerCurve)
            return Curve(tw: tw, tau: taus,
                         C: taus.map { solution.correlation(tw + $0, tw) },
                         chi: taus.map { solution.integratedResponse(tw + $0, tw) })
        }
    }

    // MARK: - Scaling collapse with h(t) = exp(t^(1−μ)/(1−μ))

    /// s = ln h(t_w+τ) − ln h(t_w) = [(t_w+τ)^(1−μ) − t_w^(1−μ)]/(1−μ). μ = 0: s = τ (stationary);
    /// μ = 1: s = ln(1 + τ/t_w) (simple aging); 0 < μ < 1 sub-aging; μ > 1 super-aging.
    public static func scalingVariable(tw: Double, tau: Double, mu: Double) -> Double {
        if abs(1 - mu) < 1e-9 { return log1p(tau / tw) }
        let e = 1 - mu
        return (pow(tw + tau, e) - pow(tw, e)) / e
    }

    /// The inverse of `scalingVariable` in τ (nil where s is out of the image, possible for μ > 1).
    public static func lag(tw: Double, scaling s: Double, mu: Double) -> Double? {
        if abs(1 - mu) < 1e-9 { return tw * expm1(s) }
        let e = 1 - mu
        let base = pow(tw, e) + e * s
        guard base > 0 else { return nil }
        return pow(base, 1 / e) - tw
    }

    /// RMS difference of C between consecutive waiting times at equal s, over their common s range
    /// (40 log-spaced s per pair, C evaluated on the solution, not resampled), keeping points where
    /// both C lie in [floor, ceiling]. Returns the RMS over all pairs and per pair.
    public static func collapseSpread(_ solution: Solution, waitingTimes tws: [Double], mu: Double,
                                      floor: Double, ceiling: Double, tauMin: Double)
        -> (total: Double, pairs: [Double]) {
        let tEnd = solution.finalTime
        var sum = 0.0, count = 0
        var pairs: [Double] = []
        for k in 0..<(tws.count - 1) {
            let (a, b) = (tws[k], tws[k + 1])
            guard a > 0 else { pairs.append(.nan); continue }  // t_w = 0 has no aging variable
            let lo = max(scalingVariable(tw: a, tau: smallestLag(solution, tw: a, tauMin: tauMin), mu: mu),
                         scalingVariable(tw: b, tau: smallestLag(solution, tw: b, tauMin: tauMin), mu: mu))
            let hi = min(scalingVariable(tw: a, tau: tEnd - a, mu: mu), scalingVariable(tw: b, tau: tEnd - b, mu: mu))
            var ps = 0.0, pc = 0
            if hi > lo, lo > 0 {
                for s in logSpaced(lo, hi, 40) {
                    guard let ta = lag(tw: a, scaling: s, mu: mu), let tb = lag(tw: b, scaling: s, mu: mu),
                          a + ta <= tEnd, b + tb <= tEnd else { continue }
                    let ca = solution.correlation(a + ta, a), cb = solution.correlation(b + tb, b)
                    guard min(ca, cb) >= floor, max(ca, cb) <= ceiling else { continue }
                    ps += (ca - cb) * (ca - cb); pc += 1
                }
            }
            sum += ps; count += pc
            pairs.append(pc > 0 ? sqrt(ps / Double(pc)) : .nan)
        }
        return (count > 0 ? sqrt(sum / Double(count)) : .nan, pairs)
    }

    public struct CollapseFit: Sendable {
        /// The μ of h(t) = exp(t^(1−μ)/(1−μ)) minimising the spread, searched in [0, 1.5].
        public let mu: Double
        public let spread: Double
        /// Spread with μ = 0 (collapse in τ, stationary dynamics), per consecutive pair and in total.
        public let stationarySpread: Double
        public let stationaryPairs: [Double]
        /// Spread with μ = 1 (collapse in τ/t_w, simple aging).
        public let simpleAgingSpread: Double
        /// The C window used (aging regime: below the plateau when one was found).
        public let window: ClosedRange<Double>
    }

    public static func fitCollapse(_ solution: Solution, waitingTimes tws: [Double], floor: Double,
                                   ceiling: Double, tauMin: Double) -> CollapseFit {
        let positive = tws.filter { $0 > 0 }
        func spread(_ mu: Double) -> Double {
            let s = collapseSpread(solution, waitingTimes: positive, mu: mu, floor: floor, ceiling: ceiling,
                                   tauMin: tauMin).total
            return s.isFinite ? s : .infinity
        }
        // Coarse scan first: the spread need not be unimodal far from its minimum.
        let scan = (0...30).map { 1.5 * Double($0) / 30 }
        let best = scan.min { spread($0) < spread($1) } ?? 1
        let mu = AsymptoticsRoots.goldenMinimum(max(0, best - 0.05), min(1.5, best + 0.05), iterations: 40, spread)
        let stationary = collapseSpread(solution, waitingTimes: positive, mu: 0, floor: floor, ceiling: ceiling,
                                        tauMin: tauMin)
        return CollapseFit(mu: mu, spread: spread(mu), stationarySpread: stationary.total,
                           stationaryPairs: stationary.pairs, simpleAgingSpread: spread(1),
                           window: floor...ceiling)
    }

    // MARK: - Fluctuation–dissipation plot

    /// Two straight segments fitted to Tχ against C: slope −1 (FDT) for C ≥ q, slope −X below.
    public struct FDTFit: Sendable {
        public let tw: Double
        /// Breakpoint: the estimate of q_EA at this t_w.
        public let q: Double
        public let X: Double
        /// Least-squares standard error of X (residual variance times (ΣΔC²)⁻¹).
        public let sigmaX: Double
        /// RMS residual of the two-segment fit.
        public let rms: Double
        /// Points below the breakpoint that determined X.
        public let agingPoints: Int
        /// q_EA read where the curve leaves the FDT line (equations/asymptotics.md §6): the C at which
        /// D = Tχ − (1 − C) first falls below −δ, plus δ/(1 − X). Nil when the curve never leaves the
        /// FDT line by δ, or already starts below it.
        public let qDeparture: Double?
        /// δ: twice the largest |D| among the points above the breakpoint (the FDT line's own error),
        /// at least `minimumDepartureLevel`.
        public let departureLevel: Double
        /// |q(δ) − q(2δ)|: how much the departure estimate moves with its level, the rounding of the break.
        public let departureSpread: Double?
    }

    /// The smallest δ of the departure estimator: below it the FD curve of a converged long-time run
    /// still carries the discretisation error of the near-diagonal band (about 5·10⁻⁴ at window 1024).
    public static let minimumDepartureLevel = 1e-3

    /// Fits the two-segment FDT form to one curve. The breakpoint is scanned over the sampled C
    /// values (and refined between neighbours); X is the exact least-squares slope through the
    /// breakpoint (q, 1−q) given q. Nil at T = 0 (Tχ ≡ 0) or with fewer than 4 points below any q.
    public static func fitFDT(_ curve: Curve, temperature: Double, floor: Double) -> FDTFit? {
        guard temperature > 0 else { return nil }
        let pts = zip(curve.C, curve.chi).map { (c: $0, y: temperature * $1) }.filter { $0.c >= floor }
        guard pts.count >= 6 else { return nil }
        func fit(_ q: Double) -> (rss: Double, X: Double, sxx: Double, n: Int) {
            var sxy = 0.0, sxx = 0.0, n = 0
            for p in pts where p.c < q {
                sxy += (p.y - 1 + q) * (q - p.c); sxx += (q - p.c) * (q - p.c); n += 1
            }
            let X = sxx > 0 ? sxy / sxx : 1
            var rss = 0.0
            for p in pts {
                let model = p.c >= q ? 1 - p.c : 1 - q + X * (q - p.c)
                rss += (p.y - model) * (p.y - model)
            }
            return (rss, X, sxx, n)
        }
        let cs = Array(Set(pts.map(\.c))).sorted()
        var bestQ = cs.last!, bestRSS = Double.infinity
        for (k, q) in cs.enumerated() where k >= 4 {
            let r = fit(q)
            if r.rss < bestRSS { bestRSS = r.rss; bestQ = q }
        }
        guard bestRSS.isFinite else { return nil }
        let k = cs.firstIndex(of: bestQ)!
        let q = AsymptoticsRoots.goldenMinimum(cs[max(0, k - 1)], cs[min(cs.count - 1, k + 1)], iterations: 60) { fit($0).rss }
        let r = fit(q)
        let dof = max(1, pts.count - 2)
        // The breakpoint is where two straight lines cross, and the aging part of a finite-t_w curve is
        // not straight yet, which biases it; the departure reads the plateau where FDT stops holding.
        let d = pts.map { $0.y - (1 - $0.c) }
        let noise = pts.indices.filter { pts[$0].c >= q + 0.02 }.map { abs(d[$0]) }.max() ?? 0
        let level = max(minimumDepartureLevel, 2 * noise)
        func departure(_ delta: Double) -> Double? {
            guard r.X < 1, let k = d.firstIndex(where: { $0 < -delta }), k > 0 else { return nil }
            let c = pts[k - 1].c + (pts[k].c - pts[k - 1].c) * (-delta - d[k - 1]) / (d[k] - d[k - 1])
            return c + delta / (1 - r.X)
        }
        let q1 = departure(level), q2 = departure(2 * level)
        return FDTFit(tw: curve.tw, q: q, X: r.X, sigmaX: sqrt(r.rss / Double(dof) / r.sxx),
                      rms: sqrt(r.rss / Double(pts.count)), agingPoints: r.n,
                      qDeparture: q1, departureLevel: level,
                      departureSpread: q1.flatMap { a in q2.map { abs(a - $0) } })
    }

    // MARK: - Mean-square displacement

    /// D(t_w) = Δ(t_w, 2t_w) / (2t_w): the mean-square displacement Δ = 2(1−C) accumulated over a
    /// lag equal to the age, per unit time. The "diffusion constant" of an aging system decreases
    /// with age (Baity-Jesi et al. 2018); Δ/D(t_w) makes curves at different ages comparable.
    /// Nil when 2t_w is beyond the run or t_w = 0.
    public static func diffusionConstant(_ solution: Solution, tw: Double) -> Double? {
        guard tw > 0, 2 * tw <= solution.finalTime else { return nil }
        return 2 * (1 - solution.correlation(2 * tw, tw)) / (2 * tw)
    }

    // MARK: - Energy relaxation

    /// e(t) = e∞ + A t^(−α) with standard errors from the least-squares covariance.
    public struct PowerLawFit: Sendable, Equatable {
        public let eInfinity: Double, amplitude: Double, exponent: Double
        public let sigmaEInfinity: Double, sigmaAmplitude: Double, sigmaExponent: Double
        /// RMS residual of the fit, and the fitted window.
        public let rms: Double
        public let tRange: ClosedRange<Double>
        public let points: Int

        public func value(_ t: Double) -> Double { eInfinity + amplitude * pow(t, -exponent) }
    }

    /// Nonlinear least squares by variable projection: for fixed α the model is linear in (e∞, A),
    /// which are solved exactly; α minimises the remaining residual (scan of 400 values in
    /// [0.005, 5], then golden section). σ = √(s² diag (JᵀJ)⁻¹), s² = RSS/(n−3), J the Jacobian in
    /// (e∞, A, α). The residuals of a deterministic solution are not noise, so σ measures how well
    /// the form fits over the window rather than a statistical error; it grows when it fits badly.
    public static func fitPowerLaw(t: [Double], e: [Double]) throws -> PowerLawFit {
        guard t.count == e.count, t.count >= 5 else {
            throw DMFTError.invalidParameter("energy-fit", "needs at least 5 points, got \(t.count)")
        }
        guard t.allSatisfy({ $0 > 0 && $0.isFinite }), e.allSatisfy(\.isFinite) else {
            throw DMFTError.invalidParameter("energy-fit", "times must be > 0 and energies finite")
        }
        let n = Double(t.count)
        func linear(_ alpha: Double) -> (e0: Double, a: Double, rss: Double) {
            var sx = 0.0, sxx = 0.0, sy = 0.0, sxy = 0.0
            for (ti, ei) in zip(t, e) {
                let x = pow(ti, -alpha)
                sx += x; sxx += x * x; sy += ei; sxy += x * ei
            }
            let det = n * sxx - sx * sx
            guard det > 0 else { return (.nan, .nan, .infinity) }
            let a = (n * sxy - sx * sy) / det
            let e0 = (sy - a * sx) / n
            var rss = 0.0
            for (ti, ei) in zip(t, e) { let r = ei - e0 - a * pow(ti, -alpha); rss += r * r }
            return (e0, a, rss)
        }
        let alphas = logSpaced(0.005, 5, 400)
        let rss = alphas.map { linear($0).rss }
        let k = rss.indices.min { rss[$0] < rss[$1] }!
        let alpha = AsymptoticsRoots.goldenMinimum(alphas[max(0, k - 1)], alphas[min(alphas.count - 1, k + 1)],
                                                   iterations: 100) { linear($0).rss }
        let best = linear(alpha)
        // Covariance from JᵀJ (3×3), inverted by cofactors.
        var m = [[Double]](repeating: [0, 0, 0], count: 3)
        for ti in t {
            let x = pow(ti, -alpha)
            let j = [1, x, -best.a * x * log(ti)]
            for r in 0..<3 { for c in 0..<3 { m[r][c] += j[r] * j[c] } }
        }
        let inv = invert3(m)
        let s2 = best.rss / max(1, n - 3)
        func sigma(_ i: Int) -> Double { inv.map { sqrt(max(0, s2 * $0[i][i])) } ?? .infinity }
        return PowerLawFit(eInfinity: best.e0, amplitude: best.a, exponent: alpha,
                           sigmaEInfinity: sigma(0), sigmaAmplitude: sigma(1), sigmaExponent: sigma(2),
                           rms: sqrt(best.rss / n), tRange: t.min()!...t.max()!, points: t.count)
    }

    static func invert3(_ a: [[Double]]) -> [[Double]]? {
        let c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1]
        let c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2]
        let c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0]
        let det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02
        guard det != 0, det.isFinite else { return nil }
        let inv: [[Double]] = [
            [c00, a[0][2] * a[2][1] - a[0][1] * a[2][2], a[0][1] * a[1][2] - a[0][2] * a[1][1]],
            [c01, a[0][0] * a[2][2] - a[0][2] * a[2][0], a[0][2] * a[1][0] - a[0][0] * a[1][2]],
            [c02, a[0][1] * a[2][0] - a[0][0] * a[2][1], a[0][0] * a[1][1] - a[0][1] * a[1][0]],
        ]
        return inv.map { $0.map { $0 / det } }
    }

    /// Fits the energy over the last `decades` of the run, sampled at 200 log-spaced times so that
    /// every decade weighs the same whatever the grid.
    public static func fitEnergyRelaxation(_ solution: Solution, decades: Double) throws -> PowerLawFit {
        guard decades > 0, decades.isFinite else {
            throw DMFTError.invalidParameter("energy-decades", "must be > 0, got \(decades)")
        }
        let tEnd = solution.series.t.last ?? 0
        let tStart = tEnd / pow(10, decades)
        guard tEnd > 0, tStart > 0 else { throw DMFTError.invalidParameter("energy-decades", "the run is empty") }
        let ts = logSpaced(tStart, tEnd, 200)
        return try fitPowerLaw(t: ts, e: ts.map { solution.series.interpolate(\.energy, at: $0) })
    }

    // MARK: - Everything together

    public enum Verdict: String, Sendable {
        case aging = "aging"
        case noAging = "no aging"
        case inconclusive = "inconclusive"
    }

    public struct Report: Sendable {
        public let waitingTimes: [Double]
        public let curves: [Curve]
        public let fdt: [FDTFit]
        /// The FDT fit at the largest t_w, the most aged curve; nil when it could not be fitted.
        public var latestFDT: FDTFit? { fdt.last }
        public let collapse: CollapseFit
        public let diffusion: [Double?]
        public let energy: PowerLawFit?
        public let verdict: Verdict
    }

    public static func analyse(_ solution: Solution, settings: Settings = Settings()) throws -> Report {
        let tws = try validatedWaitingTimes(solution, settings)
        let cs = curves(solution, waitingTimes: tws, settings: settings)
        let fdt = cs.compactMap { fitFDT($0, temperature: solution.temperature, floor: settings.collapseFloor) }
        // Aging collapse is tested below the plateau when FDT is violated; above it the dynamics is
        // stationary (τ ≪ t_w) and would spoil any collapse in τ/t_w.
        let violated = fdt.last.map { abs($0.X - 1) > settings.fdtTolerance } ?? false
        let ceiling = violated ? fdt.last!.q : 1
        let collapse = fitCollapse(solution, waitingTimes: tws, floor: settings.collapseFloor, ceiling: ceiling,
                                   tauMin: settings.tauMin)
        // A run that is still equilibrating (t_w < τ_α) is not stationary yet, so "collapse in τ
        // within a tolerance" would call it aging; which h(t) collapses best is the robust question.
        let agingCollapse = collapse.mu > settings.agingExponentThreshold
        let latestPair = collapse.stationaryPairs.last ?? .nan
        let verdict: Verdict
        if latestPair.isFinite && latestPair <= settings.stationarityTolerance {
            verdict = .noAging
        } else if solution.temperature == 0 {
            verdict = agingCollapse ? .aging : .inconclusive
        } else if let last = fdt.last {
            if !agingCollapse && abs(last.X - 1) <= settings.fdtTolerance { verdict = .noAging }
            else if agingCollapse && violated { verdict = .aging }
            else { verdict = .inconclusive }
        } else {
            verdict = .inconclusive
        }
        let energy = try? fitEnergyRelaxation(solution, decades: settings.energyDecades)
        return Report(waitingTimes: tws, curves: cs, fdt: fdt, collapse: collapse,
                      diffusion: tws.map { diffusionConstant(solution, tw: $0) }, energy: energy, verdict: verdict)
    }
}
