/// Why a kiosk screen could not be rendered or saved.
public enum KioskRenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The requested canvas size is not usable.
    case badSize(width: Int, height: Int)
    /// cairo failed with this status text.
    case cairoFailure(String)
    /// A file could not be read or written.
    case file(path: String, errno: Int32)
    /// The translation files are invalid.
    case strings(String)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case let .badSize(w, h): "canvas \(w)x\(h) is not between 1x1 and 8192x8192"
        case let .cairoFailure(status): "cairo: \(status)"
        case let .file(path, code): "\(path): errno \(code)"
        case let .strings(message): "translations: \(message)"
        }
    }
}
