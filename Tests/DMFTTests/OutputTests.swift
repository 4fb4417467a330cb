import DMFT
import DMFTIO
import Foundation
import Testing

struct OutputTests {
    /// Two-time arrays are written row by row from their packed storage; the file must be the
    /// dense .npy that `Npy.encode` would write, mirror (C) and zero upper triangle (R) included.
    @Test func rowByRowNpyEqualsTheDenseEncoding() throws {
        let n = 7
        var f = TriangularArray(count: n)
        for i in 0..<n { for j in 0...i { f[i, j] = Double(100 * i + j) + 0.25 } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-npy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try OutputDirectory(dir)
        for symmetric in [true, false] {
            try out.writeNpy(rows: n, columns: n, to: "f\(symmetric).npy") { i, row in f.denseRow(i, symmetric: symmetric, into: &row) }
        }
        try out.commit()
        for symmetric in [true, false] {
            let written = try Data(contentsOf: dir.appendingPathComponent("f\(symmetric).npy"))
            #expect(written == Npy.encode(f.dense(symmetric: symmetric), shape: [n, n]))
            let back = try Npy.decode(written)
            #expect(back.shape == [n, n])
            #expect(back.values[2 * n + 5] == (symmetric ? 502.25 : 0) && back.values[5 * n + 2] == 502.25)
        }
    }

    /// Run directories are read back row by row into packed storage; that must be exactly the lower
    /// triangle of the dense decoding, and a damaged or non-square file must be refused, not misread.
    @Test func lowerTriangleReadEqualsTheDenseDecoding() throws {
        let n = 9
        let dense = (0..<(n * n)).map { k in sin(Double(k) * 0.7) + Double(k) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dmft-npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("f.npy")
        let bytes = Npy.encode(dense, shape: [n, n])
        try bytes.write(to: good)
        #expect(try Npy.readLowerTriangle(good) == TriangularArray(dense: dense, count: n))

        let truncated = dir.appendingPathComponent("truncated.npy")
        try bytes.dropLast(8).write(to: truncated)
        #expect(throws: NpyError.self) { try Npy.readLowerTriangle(truncated) }
        let oblong = dir.appendingPathComponent("oblong.npy")
        try Npy.encode(Array(dense.prefix(3 * n)), shape: [3, n]).write(to: oblong)
        #expect(throws: NpyError.self) { try Npy.readLowerTriangle(oblong) }
        let notNpy = dir.appendingPathComponent("text.npy")
        try Data("t,m\n".utf8).write(to: notNpy)
        #expect(throws: NpyError.self) { try Npy.readLowerTriangle(notNpy) }
    }
}
