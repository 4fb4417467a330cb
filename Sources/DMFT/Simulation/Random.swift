import Foundation

/// A small deterministic random source for the finite-N simulations.
///
/// Each sample owns one generator seeded from (seed, sample index), so a run is reproducible from
/// `--seed` alone and does not depend on how samples are spread over threads. The system generator
/// would give neither guarantee.
public struct SampleRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// Box–Muller yields normals in pairs; the second one waits here.
    private var spare: Double?

    /// SplitMix64, the seeding recommended for xoshiro: it spreads nearby integer seeds over the
    /// whole state space, so streams (seed, 0), (seed, 1), … are unrelated.
    @inline(__always)
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The stream of sample `stream` of a run with seed `seed`.
    public init(seed: UInt64, stream: UInt64) {
        var state = seed
        let mixed = SampleRandom.splitMix(&state) ^ (stream &* 0xD1B5_4A32_D192_ED03)
        var s = mixed
        s0 = SampleRandom.splitMix(&s)
        s1 = SampleRandom.splitMix(&s)
        s2 = SampleRandom.splitMix(&s)
        s3 = SampleRandom.splitMix(&s)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // xoshiro's only forbidden state
    }

    /// xoshiro256** (Blackman & Vigna 2018).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in the open interval (0, 1): 53 random bits, never 0, so log() below is finite.
    @inline(__always)
    public mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal by Box–Muller.
    @inline(__always)
    public mutating func normal() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        let r = (-2 * log(uniform())).squareRoot()
        let phi = 2 * Double.pi * uniform()
        spare = r * sin(phi)
        return r * cos(phi)
    }

    public mutating func fillNormal(_ v: inout [Double]) {
        for i in v.indices { v[i] = normal() }
    }
}

