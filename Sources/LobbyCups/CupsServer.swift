/// The CUPS server a port talks to: `HOST:PORT` over TCP, or an absolute path of cupsd's Unix
/// domain socket.
public struct CupsServer: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Host name, IP address, or socket path (starting with `/`).
    public let host: String
    /// TCP port (ignored for a socket path).
    public let port: Int32

    /// A TCP server.
    public init(host: String, port: Int32 = 631) {
        self.host = host
        self.port = port
    }

    /// A Unix domain socket, e.g. `/run/cups/cups.sock`.
    public init(socketPath: String) {
        self.host = socketPath
        self.port = 0
    }

    /// Parses `HOST`, `HOST:PORT`, `[IPv6]:PORT` or `/path/to/socket` (the `CUPS_SERVER` syntax).
    public init?(parsing text: String) {
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("/") {
            self.init(socketPath: text)
        } else if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { self.init(host: host) } else {
                guard rest.hasPrefix(":"), let port = Int32(rest.dropFirst()) else { return nil }
                self.init(host: host, port: port)
            }
        } else if let colon = text.lastIndex(of: ":") {
            guard let port = Int32(text[text.index(after: colon)...]) else { return nil }
            self.init(host: String(text[..<colon]), port: port)
        } else {
            self.init(host: text)
        }
    }

    /// True for a domain socket.
    public var isSocket: Bool { host.hasPrefix("/") }

    /// The `CUPS_SERVER` spelling: `127.0.0.1:631` or `/run/cups/cups.sock`.
    public var description: String {
        if isSocket { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
