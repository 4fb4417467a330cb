import Foundation
import Testing
import DMFT

/// Every number of REFERENCE §4 that is a function of the model alone, to 1e-6.
@Suite struct AsymptoticsTests {
    let tolerance = 1e-6

    @Test func pureThreeSpinDynamicalTransition() throws {
        let model = try Model.pspin(p: 3)
        let td = try #require(Asymptotics.dynamicalTransition(model))
        #expect(abs(td.temperature - 0.612372) < tolerance)
        #expect(abs(td.plateau - 0.5) < tolerance)
        #expect(abs(td.exponentParameter - 0.5) < tolerance)
        #expect(!td.isContinuous)
    }

    @Test func dynamicalTransitionMatchesClosedFormForEveryPureP() throws {
        for p in 3...8 {
            let model = try Model.pspin(p: p)
            let td = try #require(Asymptotics.dynamicalTransition(model))
            let pd = Double(p)
            let exact = sqrt(pd * pow(pd - 2, pd - 2) / (2 * pow(pd - 1, pd - 1)))
            #expect(abs(td.temperature - exact) < 1e-10, "p = \(p)")
            #expect(abs(td.plateau - (pd - 2) / (pd - 1)) < 1e-7, "p = \(p)")
            #expect(abs(td.exponentParameter - 0.5) < 1e-7, "λ = 1/2 for every pure p (p = \(p))")
        }
    }

    @Test func sphericalTwoSpinTransitionIsContinuous() throws {
        // ξ = q²/2: T²(q) = (1−q) is largest at q → 0, so T_d = 1 with a plateau growing from 0.
        let td = try #require(Asymptotics.dynamicalTransition(try Model.pspin(p: 2)))
        #expect(td.isContinuous)
        #expect(abs(td.temperature - 1) < 1e-9)
    }

    @Test func thresholdEnergyOfPureThreeSpin() throws {
        #expect(abs(Asymptotics.thresholdEnergy(try Model.pspin(p: 3)) - (-1.154701)) < tolerance)
        for p in 3...6 {
            let e = Asymptotics.thresholdEnergy(try Model.pspin(p: p))
            #expect(abs(e + sqrt(2 * Double(p - 1) / Double(p))) < 1e-12, "p = \(p)")
        }
    }

    @Test func cugliandoloKurchanPredictionsForPureThreeSpin() throws {
        let model = try Model.pspin(p: 3)
        for (t, q, x, e) in [(0.5, 0.638824, 0.565376, -0.886693), (0.3, 0.807219, 0.238822, -0.999386)] {
            let ck = try #require(Asymptotics.cugliandoloKurchan(model, temperature: t))
            #expect(abs(ck.qEA - q) < tolerance, "q_EA at T = \(t)")
            #expect(abs(ck.X - x) < tolerance, "X at T = \(t)")
            #expect(abs(ck.energy - e) < tolerance, "E∞ at T = \(t)")
        }
    }

    @Test func cugliandoloKurchanEnergyTendsToThresholdAsTemperatureVanishes() throws {
        let model = try Model.mixed(noise: [(3, 0.5), (4, 0.5)])
        let small = try #require(Asymptotics.cugliandoloKurchan(model, temperature: 1e-4))
        #expect(abs(small.energy - Asymptotics.thresholdEnergy(model)) < 1e-3)
        #expect(Asymptotics.cugliandoloKurchan(try Model.pspin(p: 3), temperature: 0.7) == nil,
                "no aging above T_d")
    }

    @Test func spikedMatrixTensorGradientFlowThresholdFromBracketingMatchesClosedForm() throws {
        for (dp, expected) in [(1.0, 0.5), (2.0, 0.618034), (4.0, 0.732051)] {
            let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.3, deltap: dp)
            let found = try #require(Asymptotics.gradientFlowCriticalValues(model))
            #expect(found.parameter == "delta2")
            #expect(found.values.count == 1)
            #expect(abs(found.values[0] - expected) < tolerance, "Δp = \(dp)")
            #expect(abs(found.values[0] - Asymptotics.spikedMatrixTensorGradientFlowDelta2(p: 3, deltap: dp)) < 1e-10)
        }
        for p in [4, 5] {
            let model = try Model.spikedMatrixTensor(p: p, delta2: 0.3, deltap: 1.5)
            let found = try #require(Asymptotics.gradientFlowCriticalValues(model))
            #expect(abs(found.values[0] - Asymptotics.spikedMatrixTensorGradientFlowDelta2(p: p, deltap: 1.5)) < 1e-10)
        }
    }

    @Test func gradientFlowFixedPointSatisfiesAllFourEquations() throws {
        for (d2, dp) in [(0.4, 1.0), (0.2, 2.0), (0.6, 4.0)] {
            let model = try Model.spikedMatrixTensor(p: 3, delta2: d2, deltap: dp)
            let informative = Asymptotics.gradientFlowFixedPoints(model).filter { !$0.isThreshold }
            #expect(!informative.isEmpty)
            for fp in informative {
                #expect(fp.m > 0 && fp.m <= 1 && fp.chi > 0)
                for r in fp.residuals(model) { #expect(abs(r) < 1e-10) }
            }
        }
    }

    @Test func gradientFlowFixedPointOfSpikedMatrixIsBBP() throws {
        // REFERENCE §3: m(∞) = √(1−Δ2) for Δ2 < 1.
        let model = try Model.spikedMatrix(delta2: 0.36)
        let fp = try #require(Asymptotics.gradientFlowFixedPoints(model).first { !$0.isThreshold })
        #expect(abs(fp.m - 0.8) < 1e-12)
        #expect(fp.isOnResolventBranch)
        let critical = try #require(Asymptotics.gradientFlowCriticalValues(model))
        #expect(abs(critical.values[0] - 1) < 1e-10)
    }

    @Test func thresholdBranchHasMarginalMu() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 1, deltap: 1)
        let th = try #require(Asymptotics.gradientFlowFixedPoints(model).first { $0.isThreshold })
        #expect(abs(th.mu - 2 * sqrt(model.xi2(1))) < 1e-14)
        #expect(Asymptotics.gradientFlowRecoveryMargin(model) < 0, "Δ2 = 1 > Δ2^GF(Δp = 1) = 0.5")
    }

    @Test func ampStateEvolutionOverlapAtNishimoriTemperature() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.1, deltap: 0.2)
        let fp = try #require(Asymptotics.ampFixedPointReached(model))
        #expect(abs(fp.m - 0.931782) < tolerance)
        #expect(fp.isStable)
        #expect(abs(fp.normalisedOverlap - sqrt(fp.m)) < 1e-15)
        let trivial = try #require(Asymptotics.ampFixedPoints(model).first)
        #expect(trivial.m == 0 && !trivial.isStable, "V″(0) = 10 > 1")
        let amp = try #require(Asymptotics.ampCriticalValues(model))
        #expect(abs(amp.values[0] - 1) < 1e-10, "AMP threshold Δ2 = 1")
    }

    @Test func langevinHeuristicIsOnlyGivenInItsRange() {
        #expect(abs(Asymptotics.langevinHeuristicDelta2(p: 3, deltap: 1)! - sqrt(0.5)) < 1e-15)
        #expect(Asymptotics.langevinHeuristicDelta2(p: 3, deltap: 3) == nil)
        #expect(Asymptotics.langevinHeuristicDelta2(p: 4, deltap: 1) == nil)
    }
}
