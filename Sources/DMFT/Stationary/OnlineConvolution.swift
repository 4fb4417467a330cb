/// Causal convolution y[m] = Σ_{k<m} u[k] w[m−k] of a kernel w, known in advance, with a sequence u
/// whose entries arrive one at a time (the "semi-relaxed" product of Hairer–Lubich–Schlichte and
/// van der Hoeven).
///
/// An implicit integrator needs y[m] before u[m] exists; the lag-0 term u[m] w[0] is left to the
/// caller, who treats it implicitly. Lags below `directLags` are summed directly. Lags in [L, 2L),
/// L = directLags·2^ℓ, are added by one FFT convolution per output block of length L, done when m
/// reaches a multiple of L: the block needs u[m−2L ..< m], all of which is then known. Each level
/// costs O(M log L) for M outputs, so the whole product is O(M log² M) instead of O(M²).
///
/// The kernel's FFT at level L is taken when that level is first used (m = L), so entries
/// w[L ..< 2L] may still be filled in by the caller up to that moment.
struct OnlineConvolution {
    /// w[lag]; entries beyond the array are zero.
    var kernel: [Double]
    private(set) var u: [Double] = []
    private var accumulated: [Double]
    private var kernelSpectra: [Int: [Double]] = [:]
    let length: Int
    let directLags: Int
    let useFFT: Bool

    /// `length`: number of outputs; `directLags`: a power of two; `useFFT == false` sums every lag
    /// directly (the O(M²) reference of the same arithmetic).
    init(kernel: [Double], length: Int, directLags: Int, useFFT: Bool) {
        precondition(directLags > 0 && directLags & (directLags - 1) == 0)
        self.kernel = kernel
        self.length = length
        self.directLags = directLags
        self.useFFT = useFFT
        accumulated = [Double](repeating: 0, count: useFFT ? length : 0)
        u.reserveCapacity(length)
    }

    @inline(__always) private func w(_ lag: Int) -> Double { lag < kernel.count ? kernel[lag] : 0 }

    /// Σ_{k<m} u[k] w[m−k] for m = u.count (the next output).
    mutating func pastSum(fft: FFTConvolution) -> Double {
        let m = u.count
        let maxDirect = useFFT ? min(m, directLags - 1) : m
        var s = 0.0
        kernel.withUnsafeBufferPointer { kb in
            u.withUnsafeBufferPointer { ub in
                let top = min(maxDirect, kb.count - 1)
                if top >= 1 {
                    for lag in 1...top { s += kb[lag] * ub[m - lag] }
                }
            }
        }
        guard useFFT else { return s }
        var L = directLags
        while L <= m && L < kernel.count {
            if m % L == 0 { addBlock(start: m, level: L, fft: fft) }
            L *= 2
        }
        return s + accumulated[m]
    }

    /// Adds Σ_{lag ∈ [L, 2L)} w[lag] u[m′−lag] to the outputs m′ ∈ [m, m+L).
    private mutating func addBlock(start m: Int, level L: Int, fft: FFTConvolution) {
        let n = 4 * L
        if kernelSpectra[L] == nil {
            let slice = (L..<(2 * L)).map { w($0) }
            kernelSpectra[L] = fft.spectrum(of: slice, size: n)
        }
        let spectrum = kernelSpectra[L]!
        let lo = m - 2 * L
        let count = min(L, length - m)
        guard count > 0 else { return }
        // Data a[j] = u[m−2L+j], j ∈ [0, 2L); output m+r is (a ∗ w[L...])[L + r].
        var a = [Double](repeating: 0, count: 2 * L)
        for j in max(0, -lo)..<(2 * L) { a[j] = u[lo + j] }
        a.withUnsafeBufferPointer { pa in
            accumulated.withUnsafeMutableBufferPointer { acc in
                let target = UnsafeMutableBufferPointer(rebasing: acc[m..<(m + count)])
                fft.convolve(pa, spectrum: spectrum, size: n, outputOffset: L, into: target, accumulate: true)
            }
        }
    }

    mutating func append(_ value: Double) { u.append(value) }
}
