// Load benchmark of lobbyd's HTTP API over loopback (not a test). See Docs/Performance.md.
//
//   lobby-api-bench HOST PORT TOKEN [CLIENTS] [REQUESTS_PER_CLIENT]
//
// Opens CLIENTS keep-alive connections (one thread each). Phase 1: every client issues
// REQUESTS_PER_CLIENT tickets. Phase 2: every client calls the next citizen at one window and
// finishes the service, again and again, over the configured windows. Prints p50/p99/max
// latency and throughput per phase. Every reply is checked (status 2xx or, for call-next on an
// empty line, 409).
import Foundation

struct Connection {
    let fd: Int32
    var buffer: [UInt8] = []

    init(host: String, port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr(host)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        precondition(rc == 0, "cannot connect to \(host):\(port)")
    }

    /// Sends one request and reads one response; returns the status.
    mutating func request(_ method: String, _ path: String, body: String, token: String) -> Int {
        let text = "\(method) \(path) HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                let status = Int(head.split(separator: " ")[1]) ?? 0
                let length = head.lowercased().split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                while buffer.count < end + 4 + length { readMore(&chunk) }
                buffer.removeFirst(end + 4 + length)
                return status
            }
            readMore(&chunk)
        }
    }

    private mutating func readMore(_ chunk: inout [UInt8]) {
        let n = recv(fd, &chunk, chunk.count, 0)
        precondition(n > 0, "connection closed")
        buffer.append(contentsOf: chunk[0..<n])
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] && Array(buffer[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

final class Results: @unchecked Sendable {
    let lock = NSLock()
    var latencies: [Double] = []
    var failures = 0
    func add(_ l: [Double], failures f: Int) { lock.lock(); latencies += l; failures += f; lock.unlock() }
}

func phase(_ name: String, clients: Int, body: @escaping @Sendable (Int, inout Connection, inout [Double]) -> Int) -> Void {
    let results = Results()
    let group = DispatchGroup()
    let start = now()
    for c in 0..<clients {
        group.enter()
        let t = Thread {
            var conn = Connection(host: host, port: port)
            var l: [Double] = []
            let f = body(c, &conn, &l)
            close(conn.fd)
            results.add(l, failures: f)
            group.leave()
        }
        t.stackSize = 1 << 20
        t.start()
    }
    group.wait()
    let elapsed = now() - start
    let sorted = results.latencies.sorted()
    func p(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] * 1000 }
    print(String(format: "%@: %d requests from %d clients in %.2f s (%.0f/s); latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; failures %d",
                 name, sorted.count, clients, elapsed, Double(sorted.count) / elapsed, p(0.5), p(0.99), p(1.0), results.failures))
}

let args = CommandLine.arguments
guard args.count >= 4, let p = UInt16(args[2]) else {
    print("usage: lobby-api-bench HOST PORT TOKEN [CLIENTS] [REQUESTS_PER_CLIENT] [WINDOWS] [RATE_PER_CLIENT]")
    exit(2)
}
let host = args[1]
let port = p
let token = args[3]
let clients = args.count > 4 ? Int(args[4]) ?? 200 : 200
let perClient = args.count > 5 ? Int(args[5]) ?? 25 : 25
let windows = args.count > 6 ? Int(args[6]) ?? 12 : 12
/// Requests per second per client (open loop); 0: as fast as possible (closed loop, saturation).
let ratePerClient = args.count > 7 ? Double(args[7]) ?? 0 : 0

/// Waits out the rest of one request slot in open-loop mode (with a random start offset per client).
@Sendable func pace(_ started: Double) {
    guard ratePerClient > 0 else { return }
    let slot = 1 / ratePerClient
    let rest = slot - (now() - started)
    if rest > 0 { usleep(useconds_t(rest * 1e6)) }
}
let services = ["id-card", "passport", "registration", "birth", "marriage", "pension", "property-extract", "work-permit"]

var setup = Connection(host: host, port: port)
for w in 1...windows {
    _ = setup.request("POST", "/api/v1/windows/\(w)/open", body: "{}", token: token)
    _ = setup.request("POST", "/api/v1/windows/\(w)/sign-in", body: "{\"operator\":\"bench\(w)\"}", token: token)
}

phase("issue-ticket", clients: clients) { c, conn, l in
    var failures = 0
    if ratePerClient > 0 { usleep(useconds_t(Double.random(in: 0..<(1 / ratePerClient)) * 1e6)) }
    for i in 0..<perClient {
        let body = "{\"service\":\"\(services[(c + i) % services.count])\",\"requestId\":\"b-\(c)-\(i)-\(getpid())\"}"
        let t0 = now()
        let s = conn.request("POST", "/api/v1/tickets", body: body, token: token)
        l.append(now() - t0)
        if s != 201 { failures += 1 }
        pace(t0)
    }
    return failures
}

phase("call-next + finish", clients: clients) { c, conn, l in
    var failures = 0
    let w = c % windows + 1
    if ratePerClient > 0 { usleep(useconds_t(Double.random(in: 0..<(1 / ratePerClient)) * 1e6)) }
    for _ in 0..<perClient {
        let t0 = now()
        let s = conn.request("POST", "/api/v1/windows/\(w)/call-next", body: "{}", token: token)
        l.append(now() - t0)
        if s == 200 {
            _ = conn.request("POST", "/api/v1/windows/\(w)/finish", body: "{}", token: token)
        } else if s != 409 {
            failures += 1
        }
        pace(t0)
    }
    return failures
}
