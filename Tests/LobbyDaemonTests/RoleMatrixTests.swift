import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// Every route × every role, against the Roles column of Docs/API.md: exactly the listed roles
/// get past authorisation (the others get 401 or 403 `forbidden`), and the finer rules (an
/// operator's own window and tickets; votes only from kiosks) hold.
@Suite("Routes × roles", .tags(.host), .serialized)
struct RoleMatrixTests {
    struct Route: CustomStringConvertible {
        let method: String
        let path: String
        let roles: Set<String>
        var description: String { "\(method) \(path)" }
    }

    /// The Endpoints table of Docs/API.md.
    static func documentedRoutes() throws -> [Route] {
        let text = try String(contentsOf: Built.repository.appendingPathComponent("Docs/API.md"), encoding: .utf8)
        guard let start = text.range(of: "## Endpoints") else { throw TestFailure("Docs/API.md has no Endpoints section") }
        var routes: [Route] = []
        for line in text[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { continue }
            let route = cells[1].dropFirst().dropLast().split(separator: " ")
            guard route.count == 2 else { throw TestFailure("cannot read the route '\(cells[1])'") }
            let roles = Set(cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            routes.append(Route(method: String(route[0]), path: String(route[1]), roles: roles))
        }
        return routes
    }

    enum Caller: String, CaseIterable {
        case nobody, kiosk, `operator`, supervisor, manager, technician, admin

        var token: String? {
            switch self {
            case .nobody, .admin, .supervisor, .manager: nil
            case .kiosk: "kiosk-token-123456"
            case .operator: "alice-token-123456"
            case .technician: "tech-token-1234567"
            }
        }

        /// Supervisors and managers are people: they come with a session (cookie and CSRF token).
        var account: (name: String, password: String)? {
            switch self {
            case .supervisor: ("nigar", "floor-keeper-7")
            case .manager: ("farid", "centre-manager-1")
            default: nil
            }
        }
    }

    /// Signs the people among the callers in.
    static func sessions(_ d: DaemonProcess) throws -> [Caller: StaffLogin] {
        var out: [Caller: StaffLogin] = [:]
        for caller in Caller.allCases {
            if let (name, password) = caller.account { out[caller] = try StaffLogin.login(d.client(), name, password) }
        }
        return out
    }

    /// Sends a request and reads only its status line and, for errors, the error code (event
    /// streams never end, so their bodies are not read).
    static func probe(_ d: DaemonProcess, _ caller: Caller, _ method: String, _ path: String, session: StaffLogin? = nil) throws -> (Int, String?) {
        let fd: Int32
        if caller == .admin {
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in
                for (i, b) in d.socket.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
            }
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
            guard rc == 0 else { throw TestFailure("cannot connect to \(d.socket)") }
        } else {
            fd = ConnectionFaultTests.connection(d.port)
            guard fd >= 0 else { throw TestFailure("cannot connect") }
        }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let body = method == "GET" || method == "DELETE" ? "" : "{}"
        var request = "\(method) \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        if let token = caller.token { request += "Authorization: Bearer \(token)\r\n" }
        if let session { request += "Cookie: \(session.cookie)\r\nX-CSRF-Token: \(session.csrf)\r\n" }
        request += "\r\n" + body
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var head: String?
        var needed = 0
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if head == nil, let end = data.indices.dropLast(3).first(where: { data[$0] == 13 && data[$0 + 1] == 10 && data[$0 + 2] == 13 && data[$0 + 3] == 10 }) {
                head = String(decoding: data[..<end], as: UTF8.self)
                let length = head!.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
                guard let length else { break }  // a stream: the head is enough
                needed = end + 4 + length
            }
            if head != nil, data.count >= needed { break }
        }
        guard let head, let status = Int(head.split(separator: " ").dropFirst().first ?? "") else {
            throw TestFailure("no answer to \(method) \(path) as \(caller)")
        }
        let bodyStart = data.count >= needed && needed > 0 ? data.index(data.startIndex, offsetBy: head.utf8.count + 4) : data.endIndex
        let json = (try? JSONSerialization.jsonObject(with: Data(data[bodyStart...]))) as? [String: Any]
        return (status, json?["error"] as? String)
    }

    @Test("every documented route lets exactly its documented roles through")
    func matrix() throws {
        let routes = try Self.documentedRoutes()
        #expect(routes.count >= 51, "the Endpoints table lost rows: \(routes.count)")
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        for caller in Caller.allCases {
            if let (name, password) = caller.account { try addAccount(d, name, role: caller.rawValue, password: password) }
        }
        try addAccount(d, "target", role: "operator", password: "573920")
        var sessions = try Self.sessions(d)
        let tech = d.client(token: Caller.technician.token)
        _ = try tech.send("POST", "/api/v1/windows/1/open", json: [:])
        _ = try d.client(token: Caller.operator.token).send("POST", "/api/v1/windows/1/sign-in", json: [:])
        _ = try d.client(token: Caller.kiosk.token).send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false])
        var checked = 0
        for route in routes {
            let path = route.path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{n}", with: "1")
                .replacingOccurrences(of: "{code}", with: "AB2C3D4E").replacingOccurrences(of: "{number}", with: "P001")
                .replacingOccurrences(of: "{name}", with: "target")
            for caller in Caller.allCases {
                let (status, code) = try Self.probe(d, caller, route.method, path, session: sessions[caller])
                if path == "/api/v1/session/logout" { sessions = try Self.sessions(d) }  // signed out: sign in again
                let refused = status == 401 || (status == 403 && code == "forbidden")
                let allowed = route.roles.contains("public") || (route.roles.contains("any") && caller != .nobody)
                    || route.roles.contains(caller.rawValue)
                #expect(refused != allowed, "\(route) as \(caller): \(status) \(code ?? "") — documented roles \(route.roles.sorted())")
                checked += 1
            }
        }
        #expect(checked == routes.count * Caller.allCases.count)
        #expect(d.process.isRunning)
    }

    @Test("an operator cancels and unparks only its own window's tickets, and no staff credential votes")
    func ownWindowAndVotes() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let tech = d.client(token: Caller.technician.token)
        let kiosk = d.client(token: Caller.kiosk.token)
        let alice = d.client(token: Caller.operator.token)
        let bob = d.client(token: "bob-token-12345678")
        for w in [1, 2] { _ = try tech.send("POST", "/api/v1/windows/\(w)/open", json: [:]) }
        // Window 2 serves passports only; window 1 serves passports and birth certificates.
        #expect(try alice.send("POST", "/api/v1/windows/2/sign-in", json: [:]).status == 200)
        #expect(try bob.send("POST", "/api/v1/windows/1/sign-in", json: [:]).status == 200)
        let birth = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "birth", "print": false]).json?["ticket"] as? [String: Any]
        let passport = try kiosk.send("POST", "/api/v1/tickets", json: ["service": "passport", "print": false]).json?["ticket"] as? [String: Any]
        let birthID = try #require(birth?["id"] as? Int)
        let passportID = try #require(passport?["id"] as? Int)
        let refused = try alice.send("POST", "/api/v1/tickets/\(birthID)/cancel", json: [:])
        #expect(refused.status == 403)
        #expect(refused.json?["error"] as? String == "not-your-ticket")
        #expect(try bob.send("POST", "/api/v1/tickets/\(birthID)/cancel", json: [:]).status == 200, "window 1 serves birth certificates")
        // Alice calls the passport, parks it; Bob (window 1) may not unpark it, Alice may.
        #expect(try alice.send("POST", "/api/v1/windows/2/call-next", json: [:]).json?["ticket"].flatMap { ($0 as? [String: Any])?["id"] as? Int } == passportID)
        #expect(try alice.send("POST", "/api/v1/windows/2/park", json: [:]).status == 200)
        #expect(try bob.send("POST", "/api/v1/tickets/\(passportID)/unpark", json: [:]).json?["error"] as? String == "not-your-ticket")
        #expect(try alice.send("POST", "/api/v1/tickets/\(passportID)/unpark", json: [:]).status == 200)
        // Serve it and try to vote with every staff credential: only the kiosk's vote counts.
        _ = try alice.send("POST", "/api/v1/windows/2/call-next", json: [:])
        #expect(try alice.send("POST", "/api/v1/windows/2/finish", json: [:]).status == 200)
        for staff in [alice, tech, d.socketClient()] {
            let vote = try staff.send("POST", "/api/v1/tickets/\(passportID)/vote", json: ["score": 5])
            #expect(vote.status == 403 && vote.json?["error"] as? String == "forbidden")
        }
        #expect(try kiosk.send("POST", "/api/v1/tickets/\(passportID)/vote", json: ["score": 4, "window": 2]).status == 200)
        let stats = try tech.send("GET", "/api/v1/statistics").json
        #expect(((stats?["overall"] as? [String: Any])?["votes"] as? [Int]) == [0, 0, 0, 1, 0])
    }
}
