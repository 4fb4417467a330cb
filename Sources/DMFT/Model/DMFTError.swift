/// Every failure the library reports to a user. Descriptions are one line and name the parameter.
public enum DMFTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its domain: (parameter name, what is wrong).
    case invalidParameter(String, String)
    /// A file that cannot be read or does not have the expected content.
    case unreadable(path: String, reason: String)
    /// A file or directory that cannot be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let why): "invalid --\(name): \(why)"
        case .unreadable(let path, let why): "cannot read \(path): \(why)"
        case .unwritable(let path, let why): "cannot write \(path): \(why)"
        }
    }
}
