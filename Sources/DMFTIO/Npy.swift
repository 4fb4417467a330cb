import DMFT
import Foundation

/// NumPy `.npy` files (format 1.0), float64 little-endian, C order.
public enum Npy {
    /// Encodes `values` with the given shape (row-major).
    public static func encode(_ values: [Double], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "shape does not match the number of values")
        var data = header(shape: shape)
        data.append(littleEndian(values))
        return data
    }

    /// Magic (6) + version (2) + header length (2) + the header dictionary, padded with spaces to a
    /// multiple of 64 and ending in a newline: what precedes the data of a float64 C-order array.
    public static func header(shape: [Int]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        return data
    }

    /// The values as little-endian float64 bytes.
    public static func littleEndian(_ values: [Double]) -> Data {
        var bits = values.map { $0.bitPattern.littleEndian }
        return Data(bytes: &bits, count: bits.count * 8)
    }

    /// Decodes a float64 C-order `.npy` file written by `encode` or by NumPy.
    public static func decode(_ data: Data, path: String = "npy") throws -> (values: [Double], shape: [Int]) {
        try data.withUnsafeBytes { raw in
            let (shape, start) = try parseHeader(raw, path: path)
            let count = shape.reduce(1, *)
            guard raw.count - start == count * 8 else { throw NpyError.malformed(path, "data length does not match shape") }
            let values = (0..<count).map { k in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * k, as: UInt64.self)))
            }
            return (values, shape)
        }
    }

    /// Where the header dictionary starts and how long it is, from the first 12 bytes (magic, version,
    /// length: 2 bytes in format 1, 4 in formats 2 and 3).
    static func headerExtent(_ prefix: UnsafeRawBufferPointer, path: String) throws -> (start: Int, length: Int) {
        guard prefix.count >= 10, prefix[0] == 0x93, String(bytes: prefix[1...5], encoding: .ascii) == "NUMPY" else {
            throw NpyError.malformed(path, "not an .npy file")
        }
        if prefix[6] == 1 { return (10, Int(prefix[8]) | Int(prefix[9]) << 8) }
        guard prefix.count >= 12 else { throw NpyError.malformed(path, "truncated header") }
        return (12, Int(prefix[8]) | Int(prefix[9]) << 8 | Int(prefix[10]) << 16 | Int(prefix[11]) << 24)
    }

    /// The shape and the offset of the data, from the first bytes of a file (`prefix` may hold more).
    static func parseHeader(_ prefix: UnsafeRawBufferPointer, path: String) throws -> (shape: [Int], dataStart: Int) {
        let (headerStart, headerLength) = try headerExtent(prefix, path: path)
        guard prefix.count >= headerStart + headerLength,
              let header = String(bytes: prefix[headerStart..<(headerStart + headerLength)], encoding: .ascii) else {
            throw NpyError.malformed(path, "truncated header")
        }
        guard header.contains("'<f8'") else { throw NpyError.malformed(path, "dtype is not float64 little-endian") }
        guard header.contains("'fortran_order': False") else { throw NpyError.malformed(path, "not C order") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw NpyError.malformed(path, "no shape")
        }
        let shape = header[open.upperBound..<close].split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (shape, headerStart + headerLength)
    }

    public static func read(_ url: URL) throws -> (values: [Double], shape: [Int]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NpyError.malformed(url.path, "cannot open the file")
        }
        return try decode(data, path: url.path)
    }

    /// The lower triangle (diagonal included) of a square two-time array, read row by row into packed
    /// storage. A solution holds its two-time functions packed, so this needs 4 n² bytes where reading
    /// the dense array and then packing it needed 20 n² (the file's bytes, the dense values, the packed copy).
    public static func readLowerTriangle(_ url: URL) throws -> TriangularArray {
        let path = url.path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw NpyError.malformed(path, "cannot open the file") }
        defer { try? handle.close() }
        do {
            // The magic, the version and the header length come first; then the rest of the header.
            var prefix = try handle.read(upToCount: 12) ?? Data()
            let header = try prefix.withUnsafeBytes { try headerExtent($0, path: path) }
            if header.start + header.length > prefix.count,
               let rest = try handle.read(upToCount: header.start + header.length - prefix.count) {
                prefix.append(rest)
            }
            let (shape, start) = try prefix.withUnsafeBytes { try parseHeader($0, path: path) }
            guard shape.count == 2, shape[0] == shape[1] else {
                throw NpyError.malformed(path, "shape \(shape) is not a square two-time array")
            }
            let n = shape[0]
            let size = try handle.seekToEnd()
            guard size == UInt64(start + 8 * n * n) else { throw NpyError.malformed(path, "data length does not match shape") }
            var f = TriangularArray(count: n)
            for i in 0..<n {
                // Only the first i+1 entries of row i are kept; the rest of the row is skipped, not read.
                try handle.seek(toOffset: UInt64(start + 8 * n * i))
                guard let row = try handle.read(upToCount: 8 * (i + 1)), row.count == 8 * (i + 1) else {
                    throw NpyError.malformed(path, "truncated data")
                }
                row.withUnsafeBytes { raw in
                    for j in 0...i {
                        f[i, j] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * j, as: UInt64.self)))
                    }
                }
            }
            return f
        } catch let e as NpyError {
            throw e
        } catch {
            throw NpyError.malformed(path, "cannot read the file (\(error.localizedDescription))")
        }
    }
}

public enum NpyError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case .malformed(let path, let why): "cannot read \(path): \(why)" }
    }
}
