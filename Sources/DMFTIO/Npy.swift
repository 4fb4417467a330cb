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
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, String(bytes: bytes[1...5], encoding: .ascii) == "NUMPY" else {
            throw NpyError.malformed(path, "not an .npy file")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            guard bytes.count >= 12 else { throw NpyError.malformed(path, "truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        guard bytes.count >= headerStart + headerLength,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .ascii) else {
            throw NpyError.malformed(path, "truncated header")
        }
        guard header.contains("'<f8'") else { throw NpyError.malformed(path, "dtype is not float64 little-endian") }
        guard header.contains("'fortran_order': False") else { throw NpyError.malformed(path, "not C order") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw NpyError.malformed(path, "no shape")
        }
        let shape = header[open.upperBound..<close].split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let start = headerStart + headerLength
        guard bytes.count - start == count * 8 else { throw NpyError.malformed(path, "data length does not match shape") }
        var values = [Double](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for k in 0..<count {
                values[k] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * k, as: UInt64.self)))
            }
        }
        return (values, shape)
    }

    public static func read(_ url: URL) throws -> (values: [Double], shape: [Int]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NpyError.malformed(url.path, "cannot open the file")
        }
        return try decode(data, path: url.path)
    }
}

public enum NpyError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case .malformed(let path, let why): "cannot read \(path): \(why)" }
    }
}
