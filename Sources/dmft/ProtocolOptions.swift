import DMFT
import DMFTIO
import Foundation

/// Turns the protocol flags of `dmft solve` into a `DrivingProtocol` (REFERENCE §2, "Protocols").
enum ProtocolOptions {
    static func make(model: Model, temperatureSchedule: String?, channelWeights: [String],
                     annealTensor: String?, initialTemperature: String) throws -> DrivingProtocol {
        var drive = DrivingProtocol()
        if let spec = temperatureSchedule {
            drive.temperature = try schedule(spec, flag: "temperature-schedule")
        }
        for item in channelWeights {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let k = Int(parts[0]) else {
                throw DMFTError.invalidParameter("channel-weight", "malformed '\(item)'; expected k=SPEC such as 3=exp:from=0.5,to=1,tau=20")
            }
            guard drive.weights[k] == nil else {
                throw DMFTError.invalidParameter("channel-weight", "degree \(k) is given twice")
            }
            drive.weights[k] = try schedule(parts[1], flag: "channel-weight")
        }
        if let text = annealTensor {
            guard case .spikedMatrixTensor(let p, _, let deltap) = model.preset else {
                throw DMFTError.invalidParameter("anneal-tensor", "is a shortcut for --model spiked-matrix-tensor")
            }
            let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let c = parts[0], let tau = parts[1], c >= 0, tau > 0 else {
                throw DMFTError.invalidParameter("anneal-tensor", "expected C,tau with C ≥ 0 and tau > 0, got '\(text)'")
            }
            guard drive.weights[p] == nil else {
                throw DMFTError.invalidParameter("anneal-tensor", "conflicts with --channel-weight \(p)=…")
            }
            drive.weights[p] = .annealTensor(c: c, tau: tau, deltap: deltap)
        }
        let tp = initialTemperature.lowercased()
        if tp != "inf" && tp != "infinity" {
            guard let v = Double(tp) else {
                throw DMFTError.invalidParameter("initial-temperature", "'\(initialTemperature)' is not a number or inf")
            }
            drive.initialTemperature = v
        }
        return drive
    }

    /// A number or exp:/linear: form, or a CSV file of (t, value) rows.
    static func schedule(_ spec: String, flag: String) throws -> Schedule {
        if spec.hasSuffix(".csv") || FileManager.default.fileExists(atPath: spec) {
            let table: CSVTable
            do { table = try CSVTable.read(URL(fileURLWithPath: spec)) } catch {
                throw DMFTError.invalidParameter(flag, "\(error)")
            }
            guard table.header.count == 2, table.rows.count >= 2 else {
                throw DMFTError.invalidParameter(flag, "\(spec) must have two columns (t, value) and at least two rows")
            }
            let ts = table.rows.map { $0[0] }, vs = table.rows.map { $0[1] }
            guard zip(ts, ts.dropFirst()).allSatisfy({ $0 < $1 }), (ts + vs).allSatisfy(\.isFinite) else {
                throw DMFTError.invalidParameter(flag, "\(spec): times must increase and values be finite")
            }
            return .table(t: ts, values: vs)
        }
        return try Schedule.parse(spec, name: flag)
    }

    static func json(_ drive: DrivingProtocol) -> [String: Any] {
        var out: [String: Any] = [:]
        if let t = drive.temperature { out["temperature_schedule"] = t.summary }
        if !drive.weights.isEmpty {
            out["channel_weights"] = Dictionary(uniqueKeysWithValues: drive.weights.map { (String($0.key), $0.value.summary) })
        }
        out["initial_temperature"] = drive.initialTemperature.map { $0 as Any } ?? "inf"
        return out
    }

    /// T(t) and w_k(t) beside the observables, when they vary.
    static func columns(_ drive: DrivingProtocol, solution: Solution) -> [(String, [Double])] {
        var cols: [(String, [Double])] = []
        let ts = solution.series.t
        if drive.temperature != nil {
            cols.append(("temperature", ts.map { drive.temperature(at: $0, default: solution.temperature) }))
        }
        for k in drive.weights.keys.sorted() {
            cols.append(("w_\(k)", ts.map { drive.weight(k, at: $0) }))
        }
        return cols
    }
}
