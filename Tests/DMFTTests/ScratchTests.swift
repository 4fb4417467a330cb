import Foundation
import Testing
import DMFT

@Suite struct ScratchTests {
    @Test func scratch() throws {
        let ex = ExactP2(delta2: 1, temperature: 0)
        func exChi(_ t: Double, _ tp: Double) -> Double {
            let m = 4000
            var acc = 0.0
            for q in 0...m {
                let s = tp + (t - tp) * Double(q) / Double(m)
                let w: Double = (q == 0 || q == m) ? 1 : (q % 2 == 1 ? 4 : 2)
                acc += w * ex.response(t, s)
            }
            return acc * (t - tp) / Double(m) / 3
        }
        let env = ProcessInfo.processInfo.environment
        let tmaxes = (env["TMAX"] ?? "20,50,100,300").split(separator: ",").map { Double($0)! }
        let band = Int(env["BAND"] ?? "3")!
        let hb = Double(env["HB"] ?? "0.05")!
        for tmax in tmaxes {
            let problem = try DynamicsProblem(model: try Model.pspin(p: 2), temperature: 0, tmax: tmax)
            let sol = try CoarseningGridSolver(window: Int(env["W"] ?? "512")!, bandCells: band, bandFromStep: hb, lagDefect: env["LD"] != nil).solve(problem)
            let n = sol.grid.count, i = n - 1
            let t = sol.grid[i], h = sol.grid[1] - sol.grid[0]
            var line = String(format: "t=%.1f h=%.3f dmu=%+.2e | dchi lags:", t, h, sol.series.mu.last! - ex.mu(t))
            for d in [1, 2, 3, 4, 5, 6, 8, 12, 20, 40, 100] where d < i {
                line += String(format: " %d:%+.1e", d, sol.chi![i, i - d] - exChi(t, sol.grid[i - d]))
            }
            line += String(format: " | dC(t,t/2) %+.1e (t,t/8) %+.1e (t,0) %+.1e", sol.C[i, i / 2] - ex.correlation(t, sol.grid[i / 2]), sol.C[i, i / 8] - ex.correlation(t, sol.grid[i / 8]), sol.C[i, 0] - ex.correlation(t, 0))
            print(line)
        }
    }
}
