import CFFTW
import Foundation

/// FFTW's planner keeps global state: creating or destroying a plan from two threads at once is
/// undefined behaviour (FFTW manual §5.1). Executing an existing plan on new arrays is safe, so
/// this one lock is the only synchronisation the FFT code needs.
private let fftwPlannerLock = NSLock()

/// A real-to-complex / complex-to-real plan pair of one size with its own aligned work arrays.
///
/// Plans use `FFTW_ESTIMATE`: planning is instantaneous and the arrays are not overwritten while
/// planning; `FFTW_MEASURE` would gain little at the sizes the solvers use (≤ 2¹⁶).
final class RealFFTPlan {
    let size: Int
    let real: UnsafeMutablePointer<Double>
    let spectrum: UnsafeMutablePointer<fftw_complex>
    private let forward: fftw_plan
    private let backward: fftw_plan

    var spectrumCount: Int { size / 2 + 1 }

    init(size: Int) {
        self.size = size
        real = fftw_alloc_real(size)!
        spectrum = fftw_alloc_complex(size / 2 + 1)!
        let n = Int32(size)
        let r = real, s = spectrum
        (forward, backward) = fftwPlannerLock.withLock {
            (fftw_plan_dft_r2c_1d(n, r, s, UInt32(FFTW_ESTIMATE))!,
             fftw_plan_dft_c2r_1d(n, s, r, UInt32(FFTW_ESTIMATE))!)
        }
    }

    deinit {
        let f = forward, b = backward
        fftwPlannerLock.withLock {
            fftw_destroy_plan(f)
            fftw_destroy_plan(b)
        }
        fftw_free(real)
        fftw_free(spectrum)
    }

    /// `real` → `spectrum`.
    func executeForward() { fftw_execute(forward) }
    /// `spectrum` → `real`, unnormalised (multiplies by `size`); destroys `spectrum`.
    func executeBackward() { fftw_execute(backward) }
}

/// Fast linear (acyclic) convolution of real sequences with FFTW.
///
/// One instance caches one plan per transform size, so the repeated convolutions of a solver never
/// re-plan. An instance is not thread-safe (it owns its work arrays); give each thread its own,
/// which costs nothing since planning with `FFTW_ESTIMATE` is cheap and serialised globally.
public final class FFTConvolution {
    private var plans: [Int: RealFFTPlan] = [:]

    public init() {}

    /// Number of distinct plan sizes created so far (plans are reused, never re-created).
    public var planCount: Int { plans.count }

    func plan(size: Int) -> RealFFTPlan {
        if let p = plans[size] { return p }
        let p = RealFFTPlan(size: size)
        plans[size] = p
        return p
    }

    /// The smallest 2^a 3^b 5^c 7^d ≥ n: sizes FFTW transforms fastest, at most ~10% above n.
    public static func goodSize(atLeast n: Int) -> Int {
        var best = Int.max
        var p7 = 1
        while p7 < 2 * n {
            var p5 = p7
            while p5 < 2 * n {
                var p3 = p5
                while p3 < 2 * n {
                    var p2 = p3
                    while p2 < n { p2 *= 2 }
                    best = min(best, p2)
                    p3 *= 3
                }
                p5 *= 5
            }
            p7 *= 7
        }
        return max(best, 1)
    }

    /// (a ∗ b)[k] = Σⱼ a[j] b[k−j] for k = 0 ..< a.count + b.count − 1.
    public func linear(_ a: [Double], _ b: [Double]) -> [Double] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        let count = a.count + b.count - 1
        let n = FFTConvolution.goodSize(atLeast: count)
        let sb = spectrum(of: b, size: n)
        var out = [Double](repeating: 0, count: count)
        a.withUnsafeBufferPointer { pa in
            out.withUnsafeMutableBufferPointer { po in
                convolve(pa, spectrum: sb, size: n, outputOffset: 0, into: po)
            }
        }
        return out
    }

    /// The zero-padded transform of `x` at `size`, as interleaved (re, im) pairs. Lets a caller
    /// transform a fixed kernel once and convolve many data blocks against it.
    func spectrum(of x: [Double], size: Int) -> [Double] {
        x.withUnsafeBufferPointer { spectrum(of: $0, size: size) }
    }

    func spectrum(of x: UnsafeBufferPointer<Double>, size: Int) -> [Double] {
        precondition(x.count <= size)
        let p = plan(size: size)
        for k in 0..<x.count { p.real[k] = x[k] }
        for k in x.count..<size { p.real[k] = 0 }
        p.executeForward()
        var s = [Double](repeating: 0, count: 2 * p.spectrumCount)
        for k in 0..<p.spectrumCount {
            s[2 * k] = p.spectrum[k].0
            s[2 * k + 1] = p.spectrum[k].1
        }
        return s
    }

    /// Circular convolution of zero-padded `x` with the transformed kernel `kernel` at `size`;
    /// writes entries `outputOffset ..< outputOffset + out.count` of the result into `out`.
    /// Acyclic whenever x.count + kernel length − 1 ≤ size.
    func convolve(_ x: UnsafeBufferPointer<Double>, spectrum kernel: [Double], size: Int,
                  outputOffset: Int, into out: UnsafeMutableBufferPointer<Double>, accumulate: Bool = false) {
        precondition(x.count <= size && outputOffset + out.count <= size)
        let p = plan(size: size)
        for k in 0..<x.count { p.real[k] = x[k] }
        for k in x.count..<size { p.real[k] = 0 }
        p.executeForward()
        kernel.withUnsafeBufferPointer { s in
            for k in 0..<p.spectrumCount {
                let xr = p.spectrum[k].0, xi = p.spectrum[k].1
                let kr = s[2 * k], ki = s[2 * k + 1]
                p.spectrum[k] = (xr * kr - xi * ki, xr * ki + xi * kr)
            }
        }
        p.executeBackward()
        let scale = 1 / Double(size)
        if accumulate {
            for k in 0..<out.count { out[k] += scale * p.real[outputOffset + k] }
        } else {
            for k in 0..<out.count { out[k] = scale * p.real[outputOffset + k] }
        }
    }
}
