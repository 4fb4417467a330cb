import Testing
import DMFT

@Suite struct PolynomialTests {
    @Test func derivativesOfMixedNoiseAreExact() throws {
        let xi = Polynomial(terms: [(3, 0.5), (4, 0.5)])
        // ξ′(q) = 1.5 q² + 2 q³, ξ″(q) = 3 q + 6 q², ξ‴(q) = 3 + 12 q.
        #expect(abs(xi.derivative(0.7) - (1.5 * 0.49 + 2 * 0.343)) < 1e-15)
        #expect(abs(xi.derivative(2)(0.7) - (3 * 0.7 + 6 * 0.49)) < 1e-15)
        #expect(abs(xi.derivative(3)(0.7) - (3 + 12 * 0.7)) < 1e-14)
    }

    @Test func spikedMatrixTensorPresetMatchesReference() throws {
        let model = try Model.spikedMatrixTensor(p: 3, delta2: 0.4, deltap: 1)
        // ξ = V = q²/(2Δ2) + q^p/(pΔp).
        #expect(abs(model.noise(1) - (1 / 0.8 + 1.0 / 3)) < 1e-15)
        #expect(model.noise == model.signal)
        #expect(abs(model.xi2(1) - (1 / 0.4 + 2)) < 1e-14)
    }

    @Test func invalidModelParametersAreRejected() {
        #expect(throws: DMFTError.self) { try Model.pspin(p: 1) }
        #expect(throws: DMFTError.self) { try Model.spikedMatrix(delta2: 0) }
        #expect(throws: DMFTError.self) { try Model.spikedTensor(p: 3, deltap: -1) }
        #expect(throws: DMFTError.self) { try Model.mixed(noise: [(3, -0.5)]) }
    }
}
