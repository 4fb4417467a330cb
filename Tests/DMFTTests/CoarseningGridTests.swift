import Foundation
import Testing
import DMFT

@Suite struct CoarseningGridTests {
    static func maxDifference(_ a: Solution, _ b: Solution, upTo tmax: Double) -> (e: Double, m: Double, C: Double) {
        var de = 0.0, dm = 0.0, dc = 0.0
        for (k, t) in a.series.t.enumerated() where t <= tmax {
            de = max(de, abs(a.series.energy[k] - b.series.interpolate(\.energy, at: t)))
            dm = max(dm, abs(a.series.m[k] - b.series.interpolate(\.m, at: t)))
        }
        for i in a.grid.indices where a.grid[i] <= tmax {
            for j in 0...i {
                dc = max(dc, abs(a.C[i, j] - b.correlation(a.grid[i], a.grid[j])))
            }
        }
        return (de, dm, dc)
    }

    @Test func exploreLong() throws {
        for T in [0.0, 0.5] {
            let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: T, tmax: 1e5)
            for n in [256, 512] {
                let start = Date()
                let sol = try CoarseningGridSolver(window: n, h0: 0.01).solve(problem)
                let s = sol.series
                var line = "T=\(T) N=\(n) \(Date().timeIntervalSince(start))s status=\(sol.status.label): "
                for t in [1.0, 10, 100, 1000, 1e4, 1e5] { line += String(format: " e(%g)=%.7f", t, s.interpolate(\.energy, at: t)) }
                print(line)
            }
        }
    }

    @Test func explore() throws {
        let problem = try DynamicsProblem(model: try Model.pspin(p: 3), temperature: 0.5, tmax: 20)
        let ref = try UniformGridSolver(dt: 0.01).solve(problem)
        for (n, h0) in [(256, 0.01), (512, 0.01), (512, 0.005)] {
            let start = Date()
            let sol = try CoarseningGridSolver(window: n, h0: h0).solve(problem)
            let d = Self.maxDifference(sol, ref, upTo: 20)
            print("N=\(n) h0=\(h0): de=\(d.e) dC=\(d.C) final e=\(sol.series.energy.last!) ref=\(ref.series.energy.last!) h=\(sol.solverSettings["final_h"]!) \(Date().timeIntervalSince(start))s")
        }
    }
}
