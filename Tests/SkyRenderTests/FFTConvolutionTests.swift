import XCTest
@testable import SkyRender

final class FFTConvolutionTests: XCTestCase {
    /// Circular convolution through FFTW's r2c/c2r pair equals the direct sum on a small case.
    func testFFTConvolutionEqualsDirectConvolution() {
        let n = 16
        var a = [Float](repeating: 0, count: n * n), k = [Float](repeating: 0, count: n * n)
        for i in 0..<(n * n) {
            a[i] = Float((i * 37 + 11) % 23) / 23
            k[i] = Float((i * 53 + 5) % 19) / 19
        }
        let direct = (0..<(n * n)).map { out -> Double in
            let oy = out / n, ox = out % n
            var s = 0.0
            for y in 0..<n {
                for x in 0..<n {
                    s += Double(a[y * n + x]) * Double(k[((oy - y + n) % n) * n + (ox - x + n) % n])
                }
            }
            return s
        }
        let forward = ForwardRealFFT.plan(size: n), inverse = InverseRealFFT.plan(size: n)
        let realA = FFTWBuffer(bytes: n * n * 4), realK = FFTWBuffer(bytes: n * n * 4)
        let specA = FFTWBuffer(bytes: n * (n / 2 + 1) * 8), specK = FFTWBuffer(bytes: n * (n / 2 + 1) * 8)
        for i in 0..<(n * n) {
            realA.floats[i] = a[i]
            realK.floats[i] = k[i]
        }
        forward.execute(input: realA, output: specA)
        forward.execute(input: realK, output: specK)
        for c in 0..<(n * (n / 2 + 1)) {
            let (ar, ai) = (specA.floats[2 * c], specA.floats[2 * c + 1])
            let (kr, ki) = (specK.floats[2 * c], specK.floats[2 * c + 1])
            specA.floats[2 * c] = (ar * kr - ai * ki) / Float(n * n)
            specA.floats[2 * c + 1] = (ar * ki + ai * kr) / Float(n * n)
        }
        let out = FFTWBuffer(bytes: n * n * 4)
        inverse.execute(input: specA, output: out)
        for i in 0..<(n * n) {
            XCTAssertEqual(Double(out.floats[i]), direct[i], accuracy: 1e-4 * max(1, abs(direct[i])))
        }
    }
}
