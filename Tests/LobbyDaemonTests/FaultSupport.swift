import Foundation
import LobbyClient
import Testing
import LobbyTestSupport

/// The fault tier's tools: the LD_PRELOAD shim that slows and fails a process's storage calls,
/// small tmpfs file systems the tests fill and remove, and a lobbyd started with both.
enum FaultShim {
    /// The shim library, compiled once per test run from `Tests/LobbyFaultTests/Shim`.
    static let library: Result<String, TestFailure> = {
        let source = Built.repository.appendingPathComponent("Tests/LobbyFaultTests/Shim/lobby-fault-shim.c").path
        let out = NSTemporaryDirectory() + "lobby-fault-shim-\(getpid()).so"
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-shared", "-fPIC", "-O2", "-o", out, source, "-ldl"]
        do {
            try cc.run()
            cc.waitUntilExit()
        } catch {
            return .failure(TestFailure("cannot run cc for the fault shim: \(error)"))
        }
        guard cc.terminationStatus == 0 else { return .failure(TestFailure("the fault shim did not compile (cc exit \(cc.terminationStatus))")) }
        return .success(out)
    }()

    /// The environment that loads the shim with `control` as its control file.
    static func environment(control: FaultControl) throws -> [String: String] {
        ["LD_PRELOAD": try library.get(), "LOBBY_FAULTS": control.path]
    }
}

/// The shim's control file: the faults in force now.
struct FaultControl {
    let path: String
    let prefix: String

    /// Faults for files under `prefix`, none yet.
    init(path: String, prefix: String) throws {
        self.path = path
        self.prefix = prefix
        try set()
    }

    /// Replaces the faults in force (`fsync-delay-ms 2000`, `write-error ENOSPC`, …).
    func set(_ lines: String...) throws {
        // Written to a new file and renamed, so the shim never reads half a file.
        let text = (["prefix \(prefix)"] + lines).joined(separator: "\n") + "\n"
        try text.write(toFile: path + ".new", atomically: false, encoding: .utf8)
        _ = rename(path + ".new", path)
    }

    /// How many faults of a kind the shim injected so far.
    func count(_ kind: String) -> Int {
        ((try? String(contentsOfFile: path + ".log", encoding: .utf8)) ?? "").split(separator: "\n").filter { $0 == kind }.count
    }
}

/// A small tmpfs mounted for one test, unmounted (lazily) at the end.
final class SmallDisk {
    let path: String
    private var mounted = false

    /// Mounts a tmpfs of `kilobytes` at `path` (root only).
    init(path: String, kilobytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run("/bin/mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path)
        mounted = true
    }

    /// Fills the disk with a file until only about `leaving` bytes are free.
    func fill(leaving: Int) throws {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { throw TestFailure("statvfs \(path) failed") }
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        let size = max(0, free - leaving)
        let fd = open(path + "/filler", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0xAB, count: 4096)
        var written = 0
        while written < size {
            let n = write(fd, chunk, min(chunk.count, size - written))
            if n <= 0 { break }
            written += n
        }
    }

    /// Removes the filler file.
    func free() { try? FileManager.default.removeItem(atPath: path + "/filler") }

    /// Detaches the file system now (open files keep it alive until closed).
    func vanish() throws {
        try Self.run("/bin/umount", "-l", path)
        mounted = false
    }

    deinit { if mounted { try? Self.run("/bin/umount", "-l", path) } }

    static func run(_ tool: String, _ arguments: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestFailure("\(tool) \(arguments.joined(separator: " ")) failed") }
    }
}

/// Whether the tests run as root (tmpfs mounts need it; CI does).
let runsAsRoot = getuid() == 0

/// A request sent on a thread of its own, answered later.
final class PendingReply: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private(set) var reply: HTTPClient.Reply?
    private(set) var finishedAt: Date?

    /// Sends at once on a new thread.
    init(port: Int, method: String, path: String, body: String = "{}", token: String?, key: String? = nil) {
        Thread.detachNewThread { [self] in
            reply = try? rawRequest(port: port, method: method, path: path, body: body, token: token, idempotencyKey: key)
            finishedAt = Date()
            done.signal()
        }
    }

    /// Waits for the answer (nil: none within `seconds`, or the connection failed).
    @discardableResult
    func wait(seconds: Double = 30) -> HTTPClient.Reply? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        return reply
    }
}

/// Polls `condition` until it holds (every 50 ms, at most `seconds`).
func eventually(_ what: String, seconds: Double = 20, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        usleep(50_000)
    }
    throw TestFailure("timed out waiting until \(what)")
}

/// What concurrent clients were answered, collected under a lock.
final class AnswerTally: @unchecked Sendable {
    private let lock = NSLock()
    private var acknowledgedByKey: [String: (id: Int, number: String)] = [:]
    private var numbersByKey: [String: Set<String>] = [:]
    private var unavailableCount = 0
    private var unexpected: [String] = []

    /// Records one answer to a ticket request sent with `key`.
    func record(_ reply: HTTPClient.Reply?, key: String) {
        guard let reply else { return }
        lock.lock()
        defer { lock.unlock() }
        if reply.status == 200 || reply.status == 201, let t = reply.json?["ticket"] as? [String: Any], let id = t["id"] as? Int,
           let number = t["number"] as? String {
            acknowledgedByKey[key] = (id, number)
            numbersByKey[key, default: []].insert(number)
        } else if reply.status == 503, reply.json?["error"] as? String == "journal-unavailable" {
            unavailableCount += 1
        } else {
            unexpected.append("\(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
    }

    /// Tickets acknowledged, by request key.
    var acknowledged: [String: (id: Int, number: String)] { lock.lock(); defer { lock.unlock() }; return acknowledgedByKey }
    /// Keys answered with more than one ticket number.
    var keysWithTwoTickets: [String: Set<String>] { lock.lock(); defer { lock.unlock() }; return numbersByKey.filter { $0.value.count > 1 } }
    /// 503 journal-unavailable answers.
    var unavailable: Int { lock.lock(); defer { lock.unlock() }; return unavailableCount }
    /// Answers that were neither a ticket nor 503 journal-unavailable.
    var unexpectedAnswers: [String] { lock.lock(); defer { lock.unlock() }; return unexpected }
}
