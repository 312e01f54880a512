import Foundation
import LobbySystem

/// A small blocking HTTP/1.1 client over a Unix socket or TCP, for lobbyctl (one request per connection).
public struct HTTPClient: Sendable {
    /// Why a request failed before an HTTP answer came.
    public struct ConnectionError: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public let description: String
    }

    /// A streamed request lobbyd answered with a status other than 200: its whole answer.
    public struct StreamRefused: Error, Sendable {
        /// The answer (status and the JSON error object).
        public let reply: Reply
    }

    /// An HTTP answer.
    public struct Reply: Sendable {
        /// The status code.
        public let status: Int
        /// Header fields, names in lowercase.
        public let headers: [String: String]
        /// The body.
        public let body: Data
        /// The body parsed as a JSON object, if it is one.
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    /// The daemon.
    public let endpoint: DaemonEndpoint
    /// A bearer token, if any.
    public let token: String?
    /// Seconds to wait for a connection and an answer.
    public let timeout: Int

    /// Creates a client.
    public init(endpoint: DaemonEndpoint, token: String?, timeout: Int = 10) {
        self.endpoint = endpoint
        self.token = token
        self.timeout = timeout
    }

    /// Sends a request and reads the whole answer.
    public func send(_ method: String, _ path: String, json: [String: Any]? = nil, headers extra: [String: String] = [:]) throws -> Reply {
        let fd = try connect()
        defer { close(fd) }
        try write(fd, request(method, path, json: json, extra: extra))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = Interrupted.retry { read(fd, &buffer, buffer.count) }
            if n < 0 {
                throw ConnectionError(description: "reading from \(endpoint) failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return try Self.parse(data, from: endpoint)
    }

    /// Sends a request and hands each line of a streamed (Server-Sent Events) body to `line` until it returns false.
    public func stream(_ path: String, headers extra: [String: String] = [:], line: (String) -> Bool) throws {
        let fd = try connect(readTimeout: false)
        defer { close(fd) }
        try write(fd, request("GET", path, json: nil, extra: extra.merging(["Accept": "text/event-stream"]) { a, _ in a }))
        var pending = Data()
        var headerDone = false
        var chunked = false
        var chunkBuffer = Data()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = Interrupted.retry { read(fd, &buffer, buffer.count) }
            if n <= 0 { return }
            pending.append(contentsOf: buffer[0..<n])
            if !headerDone {
                guard let end = pending.range(of: Data("\r\n\r\n".utf8)) else { continue }
                let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                guard let statusLine = head.split(separator: "\r\n").first, statusLine.split(separator: " ").count >= 2 else {
                    throw ConnectionError(description: "malformed answer from \(endpoint)")
                }
                let status = Int(statusLine.split(separator: " ")[1]) ?? 0
                if status != 200 {
                    // The request said `Connection: close`: the answer ends where the connection does.
                    while true {
                        let n = read(fd, &buffer, buffer.count)
                        if n < 0 && errno == EINTR { continue }
                        if n <= 0 { break }
                        pending.append(contentsOf: buffer[0..<n])
                    }
                    guard let reply = try? Self.parse(pending, from: endpoint) else {
                        throw ConnectionError(description: "the daemon answered \(status) to \(path)")
                    }
                    throw StreamRefused(reply: reply)
                }
                chunked = head.lowercased().contains("transfer-encoding: chunked")
                pending = Data(pending[end.upperBound...])
                headerDone = true
            }
            if chunked {
                chunkBuffer.append(pending)
                pending = Data()
                while let lineEnd = chunkBuffer.range(of: Data("\r\n".utf8)),
                      let size = Int(String(decoding: chunkBuffer[..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
                      chunkBuffer.count >= lineEnd.upperBound - chunkBuffer.startIndex + size + 2 {
                    let start = lineEnd.upperBound
                    let chunk = chunkBuffer[start..<(start + size)]
                    pending.append(chunk)
                    chunkBuffer = Data(chunkBuffer[(start + size + 2)...])
                    if size == 0 { return }
                }
            }
            while let nl = pending.firstIndex(of: 0x0A) {
                let text = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                pending = Data(pending[(nl + 1)...])
                if !line(text) { return }
            }
        }
    }

    private func request(_ method: String, _ path: String, json: [String: Any]?, extra: [String: String]) -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: lobbyd\r\nConnection: close\r\nUser-Agent: lobbyctl\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (k, v) in extra { head += "\(k): \(v)\r\n" }
        var body = Data()
        if let json {
            body = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
            head += "Content-Type: application/json\r\n"
        }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Data(head.utf8) + body
    }

    private func connect(readTimeout: Bool = true) throws -> Int32 {
        let fd: Int32
        switch endpoint {
        case .socket(let path):
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            setTimeouts(fd, read: readTimeout)
            do {
                try UnixSocket.connect(fd, to: path)
            } catch {
                close(fd)
                switch error {
                case .pathTooLong: throw ConnectionError(description: "socket path too long: \(path)")
                case .system(let e): throw ConnectionError(description: "cannot reach lobbyd at \(path): \(String(cString: strerror(e)))")
                }
            }
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
                throw ConnectionError(description: "cannot resolve \(host)")
            }
            defer { freeaddrinfo(result) }
            fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            setTimeouts(fd, read: readTimeout)
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw ConnectionError(description: "cannot reach lobbyd at http://\(host):\(port): \(reason)")
            }
        }
        return fd
    }

    private func setTimeouts(_ fd: Int32, read: Bool) {
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        if read { setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size)) }
    }

    private func write(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Interrupted.retry { Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                if n < 0 {
                    throw ConnectionError(description: "sending to \(endpoint) failed: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }

    /// Parses a complete HTTP/1.1 answer (status line, headers, body with or without chunking).
    public static func parse(_ data: Data, from endpoint: DaemonEndpoint) throws -> Reply {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw ConnectionError(description: "incomplete answer from \(endpoint) (\(data.count) bytes)")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw ConnectionError(description: "malformed status line from \(endpoint)")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var out = Data()
            var rest = body
            while let lineEnd = rest.range(of: Data("\r\n".utf8)),
                  let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0 {
                let start = lineEnd.upperBound
                guard rest.endIndex >= start + size else { break }
                out.append(rest[start..<(start + size)])
                rest = Data(rest[min(rest.endIndex, start + size + 2)...])
            }
            body = out
        }
        return Reply(status: status, headers: headers, body: body)
    }
}
