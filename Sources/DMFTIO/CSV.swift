import Foundation

/// Comma-separated tables with one header line; numbers in full double precision.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[Double]]

    public init(header: [String], rows: [[Double]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Builds a table from named columns of equal length.
    public init(columns: [(String, [Double])]) {
        header = columns.map(\.0)
        let n = columns.first?.1.count ?? 0
        rows = (0..<n).map { k in columns.map { $0.1[k] } }
    }

    public func column(_ name: String) -> [Double]? {
        guard let k = header.firstIndex(of: name) else { return nil }
        return rows.map { $0[k] }
    }

    public var text: String {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(rows.count * header.count * 24)
        for row in rows {
            out += row.map(CSVTable.format).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// Shortest text that reads back to the same double ("%.17g" would also do, but is longer).
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }

    public static func parse(_ text: String, path: String = "csv") throws -> CSVTable {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        lines.removeAll { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.hasPrefix("#") }
        guard let first = lines.first else { throw CSVError.malformed(path, "empty file") }
        let header = first.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[Double]] = []
        for (k, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw CSVError.malformed(path, "line \(k + 2) has \(fields.count) fields, expected \(header.count)")
            }
            var row: [Double] = []
            for f in fields {
                let s = f.trimmingCharacters(in: .whitespaces)
                guard let v = Double(s) else { throw CSVError.malformed(path, "line \(k + 2): '\(s)' is not a number") }
                row.append(v)
            }
            rows.append(row)
        }
        return CSVTable(header: header, rows: rows)
    }

    public static func read(_ url: URL) throws -> CSVTable {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CSVError.malformed(url.path, "cannot open the file")
        }
        return try parse(text, path: url.path)
    }
}

public enum CSVError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case .malformed(let path, let why): "cannot read \(path): \(why)" }
    }
}
