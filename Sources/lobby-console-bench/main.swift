import Foundation
import LobbyBusSimulator
import LobbyClient
import LobbyWire
import Synchronization

// Measures the operator consoles against a real lobbyd (Docs/Performance.md, "Operator consoles"):
// N consoles open (each a signed-in operator at its own window, following /api/v1/events with its
// session cookie and reading its window's view after every queue event, as the page does); an
// operator's call-next → the window board on a simulated serial bus shows the number and every
// console has read a view that includes the call. First with no console open (the peer), then
// with N. Also the page weight of /login and /console.
// Usage: lobby-console-bench LOBBYD [CONSOLES=60] [CALLS=100] [BAUD=19200]

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    print("usage: lobby-console-bench LOBBYD [CONSOLES=60] [CALLS=100] [BAUD=19200]")
    exit(2)
}
let lobbyd = arguments[1]
let consoleCount = arguments.count > 2 ? Int(arguments[2]) ?? 60 : 60
let callCount = arguments.count > 3 ? Int(arguments[3]) ?? 100 : 100
let baud = arguments.count > 4 ? Int(arguments[4]) ?? 19200 : 19200
let boardWindows = 4  // the windows whose operators act, each with its window board on the bus

/// Microseconds of a monotonic clock.
@Sendable func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000 + UInt64(t.tv_nsec) / 1000
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func fail(_ message: String) -> Never {
    print("lobby-console-bench: \(message)")
    exit(1)
}

// 1. A simulated bus with a board at each acting window; lobbyd on a fresh journal.
let simulator: BusSimulator
do { simulator = try BusSimulator() } catch { fail("cannot open a pseudo-terminal: \(error)") }
let boards = (1...boardWindows).map { simulator.addBoard(address: DeviceAddress(UInt8(0x10 + $0)), serial: UInt64(0xB0A2_0010 + $0)) }
simulator.start()
let dir = NSTemporaryDirectory() + "lobby-console-bench-\(getpid())"
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let windowCount = max(consoleCount, boardWindows)
var config = """
centre:
  name: {az: "Sınaq", ru: "Тест", en: "Bench"}
  timeZone: Etc/UTC
  hours: {monday: "00:00-24:00", tuesday: "00:00-24:00", wednesday: "00:00-24:00", thursday: "00:00-24:00", friday: "00:00-24:00", saturday: "00:00-24:00", sunday: "00:00-24:00"}
agencies:
  - id: ag
    name: {en: "Agency"}
services:
  - id: s
    agency: ag
    name: {az: "Xidmət", ru: "Услуга", en: "Service"}
    prefix: S
windows:

"""
for w in 1...windowCount { config += "  - {number: \(w), agency: ag, services: {s: 1}}\n" }
config += """
api:
  listen: 127.0.0.1:0
  socket: \(dir)/lobbyd.sock
  tokens:
    - {role: technician, token: bench-technician-token}
journal: \(dir)/journal.db
devices:
  buses:
    - name: hall
      port: \(simulator.portPath)
      baud: \(baud)
      rs485: false
      devices:

"""
for w in 1...boardWindows { config += "        - {address: 0x\(String(0x10 + w, radix: 16)), role: window-board, window: \(w)}\n" }
try? config.write(toFile: dir + "/lobby.yaml", atomically: true, encoding: .utf8)

let daemon = Process()
daemon.executableURL = URL(fileURLWithPath: lobbyd)
daemon.arguments = ["--config", dir + "/lobby.yaml"]
let logPipe = Pipe()
daemon.standardOutput = logPipe
daemon.standardError = logPipe
/// Text collected from another thread.
final class TextBox: Sendable {
    let text = Mutex("")
    func append(_ s: String) { text.withLock { $0 += s } }
    var value: String { text.withLock { $0 } }
}
let log = TextBox()
logPipe.fileHandleForReading.readabilityHandler = { [log] h in
    let d = h.availableData
    if !d.isEmpty { log.append(String(decoding: d, as: UTF8.self)) }
}
do { try daemon.run() } catch { fail("cannot start \(lobbyd): \(error)") }
defer { daemon.terminate() }
var port = 0
for _ in 0..<1500 where port == 0 {
    let text = log.value
    if let r = text.range(of: "listening on http://127.0.0.1:"), let p = Int(text[r.upperBound...].prefix { $0.isNumber }) { port = p }
    if !daemon.isRunning { fail("lobbyd stopped: \(text)") }
    usleep(20_000)
}
guard port > 0 else { fail("lobbyd did not start: \(log.value)") }
let endpoint = DaemonEndpoint(url: "http://127.0.0.1:\(port)")!
let tech = HTTPClient(endpoint: endpoint, token: "bench-technician-token")
let admin = HTTPClient(endpoint: .socket(dir + "/lobbyd.sock"), token: nil)

// 2. Page weight.
for page in ["/login", "/console"] {
    let reply = try tech.send("GET", page)
    let text = String(decoding: reply.body, as: UTF8.self)
    let external = text.contains("http://") || text.contains("https://") || text.contains("src=") || text.contains("<link")
    print("page \(page): \(reply.body.count) bytes (\(String(format: "%.1f", Double(reply.body.count) / 1024)) KiB), external references: \(external ? "yes" : "none")")
}

// 3. Operators: an account and a session each, signed in at their windows.
/// An operator's session at its window.
struct Session: Sendable { let cookie: String; let csrf: String; let window: Int }
var sessions: [Session] = []
let started = now()
for w in 1...consoleCount {
    let name = "op\(w)", password = "bench-pin-\(100_000 + w)"
    let added = try admin.send("POST", "/api/v1/accounts", json: ["name": name, "role": "operator", "password": password])
    guard added.status == 201 else { fail("cannot add \(name): \(added.status)") }
    let login = try HTTPClient(endpoint: endpoint, token: nil).send("POST", "/api/v1/session/login", json: ["name": name, "password": password])
    guard login.status == 200, let cookie = login.headers["set-cookie"]?.split(separator: ";").first, let csrf = login.json?["csrfToken"] as? String else {
        fail("cannot sign \(name) in: \(login.status)")
    }
    sessions.append(Session(cookie: String(cookie), csrf: csrf, window: w))
}
print("accounts and sign-ins: \(consoleCount) in \(String(format: "%.1f", Double(now() - started) / 1e6)) s (Argon2id)")
let browser = HTTPClient(endpoint: endpoint, token: nil)
@MainActor func post(_ s: Session, _ path: String) throws -> HTTPClient.Reply {
    try browser.send("POST", path, json: [:], headers: ["Cookie": s.cookie, "X-CSRF-Token": s.csrf])
}
for s in sessions {
    guard try tech.send("POST", "/api/v1/windows/\(s.window)/open", json: [:]).status == 200,
          try post(s, "/api/v1/windows/\(s.window)/sign-in").status == 200 else { fail("window \(s.window) cannot open") }
}
for i in 0..<(2 * callCount + 10) {
    guard try tech.send("POST", "/api/v1/tickets", json: ["service": "s", "print": false, "requestId": "bench-\(i)"]).status == 201 else {
        fail("cannot issue a ticket")
    }
}

// 4. The consoles: each follows the event stream and reads its view after every queue event
// (one read at a time; events during a read cause one more), recording each view's sequence.
final class Console: Sendable {
    let session: Session
    let seen = Mutex<[(sequence: Int, at: UInt64)]>([])
    let dirty = Mutex(false)
    let wake = DispatchSemaphore(value: 0)
    var hasSeen: Bool { seen.withLock { !$0.isEmpty } }
    init(_ s: Session) { session = s }

    func run(_ endpoint: DaemonEndpoint) {
        let client = HTTPClient(endpoint: endpoint, token: nil)
        let headers = ["Cookie": session.cookie]
        Thread.detachNewThread { [self] in
            while true {
                wake.wait()
                dirty.withLock { $0 = false }
                guard let view = try? client.send("GET", "/api/v1/windows/\(session.window)/console", headers: headers),
                      let sequence = view.json?["journalSequence"] as? Int else { continue }
                let at = now()
                seen.withLock { $0.append((sequence, at)) }
            }
        }
        Thread.detachNewThread { [self] in
            try? client.stream("/api/v1/events", headers: headers) { line in
                if line.hasPrefix("event: queue") || line.hasPrefix("event: devices") {
                    let wasDirty = dirty.withLock { d -> Bool in let w = d; d = true; return w }
                    if !wasDirty { wake.signal() }
                }
                return true
            }
        }
    }

    /// When this console first showed a view at or past `sequence`, after `since`.
    func shown(_ sequence: Int, since: UInt64) -> UInt64? {
        seen.withLock { list in list.first { $0.sequence >= sequence && $0.at >= since }?.at }
    }
}

/// When each board's text changed, and to what (polled every 0.2 ms).
final class BoardLog: Sendable {
    let changes = Mutex<[(board: Int, text: String, at: UInt64)]>([])
    func first(board: Int, since: UInt64, containing number: String) -> UInt64? {
        changes.withLock { log in log.first { $0.board == board && $0.at >= since && $0.text.contains(number) }?.at }
    }
    func watch(_ simulator: BusSimulator, _ boards: [Int]) {
        Thread.detachNewThread { [self] in
            var last = boards.map { _ in "" }
            while true {
                for (i, b) in boards.enumerated() {
                    let text = simulator.boardText(b)
                    if text != last[i] {
                        last[i] = text
                        let at = now()
                        changes.withLock { $0.append((i, text, at)) }
                    }
                }
                usleep(200)
            }
        }
    }
}
let boardLog = BoardLog()
boardLog.watch(simulator, boards)

func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = now() + UInt64(seconds * 1e6)
    while now() < deadline {
        if condition() { return true }
        usleep(200)
    }
    return false
}

/// Calls at the acting windows in turn; for each call: the reply, the board, every console.
@MainActor func measure(_ consoles: [Console], calls: Int) throws -> (reply: [Double], board: [Double], consoles: [Double], all: [Double]) {
    var reply: [Double] = [], board: [Double] = [], slowest: [Double] = [], all: [Double] = []
    for i in 0..<calls {
        let s = sessions[i % boardWindows]
        let boardIndex = i % boardWindows
        // Untimed: the window's previous citizen is finished and every console has caught up.
        _ = try post(s, "/api/v1/windows/\(s.window)/finish")
        let settled = (try tech.send("GET", "/healthz").json?["journalSequence"] as? Int) ?? 0
        _ = waitUntil(10) { consoles.allSatisfy { $0.shown(settled, since: 0) != nil } }
        _ = waitUntil(10) { simulator.boardText(boards[boardIndex]).trimmingCharacters(in: .whitespaces).isEmpty }
        usleep(20_000)
        let t0 = now()
        let answer = try post(s, "/api/v1/windows/\(s.window)/call-next")
        let t1 = now()
        guard answer.status == 200, let number = (answer.json?["ticket"] as? [String: Any])?["number"] as? String else {
            fail("call-next at window \(s.window) answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
        let sequence = (try tech.send("GET", "/healthz").json?["journalSequence"] as? Int) ?? 0
        var tb: UInt64 = 0
        guard waitUntil(10, {
            tb = boardLog.first(board: boardIndex, since: t0, containing: number) ?? 0
            return tb > 0
        }) else { fail("the board of window \(s.window) never showed \(number)") }
        var times: [UInt64] = []
        guard waitUntil(10, {
            times = consoles.compactMap { $0.shown(sequence, since: t0) }
            return times.count == consoles.count
        }) else { fail("\(consoles.count - times.count) consoles never showed the call \(number)") }
        reply.append(Double(t1 - t0) / 1000)
        board.append(Double(tb - t0) / 1000)
        let consoleTimes = times.map { Double($0 - t0) / 1000 }
        slowest.append(consoleTimes.max() ?? 0)
        all.append(max(Double(tb - t0) / 1000, consoleTimes.max() ?? 0))
    }
    return (reply, board, slowest, all)
}

func report(_ label: String, _ r: (reply: [Double], board: [Double], consoles: [Double], all: [Double])) {
    func line(_ name: String, _ v: [Double]) -> String {
        String(format: "  %@ p50 %.1f ms, p99 %.1f ms, max %.1f ms", name, percentile(v, 0.5), percentile(v, 0.99), v.max() ?? .nan)
    }
    print("\(label) (\(r.reply.count) calls):")
    print(line("reply to the operator:           ", r.reply))
    print(line("board shows the number:          ", r.board))
    if r.consoles.contains(where: { $0 > 0 }) { print(line("slowest console updated:         ", r.consoles)) }
    print(line("board and every console:         ", r.all))
}

_ = waitUntil(10) { (try? tech.send("GET", "/healthz").json?["status"] as? String) == "ok" }
report("no console open (peer)", try measure([], calls: callCount))
let consoles = sessions.map(Console.init)
for c in consoles { c.run(endpoint) }
_ = waitUntil(20) { consoles.allSatisfy(\.hasSeen) }
report("\(consoleCount) consoles open, each reading its view after every event", try measure(consoles, calls: callCount))
let rss = (try? String(contentsOfFile: "/proc/\(daemon.processIdentifier)/status", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("VmRSS") } ?? "VmRSS: ?"
print("lobbyd after the run: \(rss.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))")
daemon.terminate()
daemon.waitUntilExit()
simulator.stop()
try? FileManager.default.removeItem(atPath: dir)
