import Foundation

/// Where lobbyd is reached: a Unix socket path or a TCP host and port.
public enum DaemonEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A Unix domain socket.
    case socket(String)
    /// TCP.
    case tcp(host: String, port: Int)

    /// Parses `http://host:port[/]` (http only).
    public init?(url: String) {
        guard url.hasPrefix("http://") else { return nil }
        var rest = url.dropFirst(7)
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
            self = .tcp(host: String(rest), port: 80)
            return
        }
        self = .tcp(host: String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
    }

    /// The endpoint as people write it.
    public var description: String {
        switch self {
        case .socket(let p): "unix:\(p)"
        case .tcp(let h, let p): "http://\(h):\(p)"
        }
    }
}
