import Foundation
import Glibc

/// The hall's notice line and quiet mode, durable across restarts: the settings in `hall.json`
/// (written whole, synced, renamed into place) and every change in `hall-audit.jsonl` (who, in
/// which role, why, when), both beside the journal. A change is acknowledged only once both are
/// on disk (Decision 0072).
actor HallBoard {
    /// Why a change could not be made durable, or the stored settings could not be read.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        let description: String
    }

    /// The current settings.
    private(set) var settings: HallSettings
    private let statePath: String
    private let auditPath: String
    private var subscribers: [UUID: AsyncStream<HallSettings>.Continuation] = [:]

    /// Reads the stored settings in `directory` (none stored: no notice, `quiet` as configured).
    init(directory: String, quiet: Bool) throws(Failure) {
        statePath = directory + "/hall.json"
        auditPath = directory + "/hall-audit.jsonl"
        if let data = FileManager.default.contents(atPath: statePath) {
            do {
                settings = try JSONDecoder().decode(HallSettings.self, from: data)
            } catch {
                throw Failure(description: "\(statePath) is not readable hall settings (\(error)); move it away to start without a notice")
            }
        } else {
            settings = HallSettings(notice: nil, quiet: quiet)
        }
    }

    /// Sets or clears the notice; returns the new settings once durable.
    func setNotice(_ notice: HallNotice?, by: String, role: String, reason: String, at: Int64) throws(Failure) -> HallSettings {
        var next = settings
        next.notice = notice
        try commit(next, HallAuditEntry(action: notice == nil ? "notice-cleared" : "notice-set", by: by, role: role, reason: reason,
                                        text: notice?.text ?? settings.notice?.text, at: at))
        return next
    }

    /// Turns quiet mode on or off; returns the new settings once durable.
    func setQuiet(_ on: Bool, by: String, role: String, reason: String, at: Int64) throws(Failure) -> HallSettings {
        var next = settings
        next.quiet = on
        try commit(next, HallAuditEntry(action: on ? "quiet-on" : "quiet-off", by: by, role: role, reason: reason, text: nil, at: at))
        return next
    }

    /// Records a free text that was spoken (nothing else changes).
    func recordSpoken(_ text: String, by: String, role: String, reason: String, at: Int64) throws(Failure) {
        try append(HallAuditEntry(action: "spoken", by: by, role: role, reason: reason, text: text, at: at))
    }

    /// Every recorded change, oldest first (for audit views).
    func audit() throws(Failure) -> [HallAuditEntry] {
        guard let data = FileManager.default.contents(atPath: auditPath) else { return [] }
        var entries: [HallAuditEntry] = []
        for (i, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                entries.append(try JSONDecoder().decode(HallAuditEntry.self, from: Data(line)))
            } catch {
                throw Failure(description: "\(auditPath) line \(i + 1) is not an audit entry (\(error))")
            }
        }
        return entries
    }

    /// The settings now and every later change; ends when the subscriber goes.
    func subscribe() -> AsyncStream<HallSettings> {
        let (stream, continuation) = AsyncStream<HallSettings>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        continuation.yield(settings)
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func commit(_ next: HallSettings, _ entry: HallAuditEntry) throws(Failure) {
        try append(entry)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(next) } catch { throw Failure(description: "cannot encode the hall settings: \(error)") }
        try Self.writeDurably(data, to: statePath)
        settings = next
        for c in subscribers.values { c.yield(next) }
    }

    private func append(_ entry: HallAuditEntry) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var line = try? encoder.encode(entry) else { throw Failure(description: "cannot encode an audit entry") }
        line.append(UInt8(ascii: "\n"))
        let fd = open(auditPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(description: "cannot open \(auditPath): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try Self.writeAll(fd, line, path: auditPath)
        guard fsync(fd) == 0 else { throw Failure(description: "cannot sync \(auditPath): \(String(cString: strerror(errno)))") }
    }

    /// Writes `data` to a temporary file, syncs it, renames it over `path` and syncs the directory.
    private static func writeDurably(_ data: Data, to path: String) throws(Failure) {
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        do throws(Failure) {
            try writeAll(fd, data, path: temporary)
            guard fsync(fd) == 0 else { throw Failure(description: "cannot sync \(temporary): \(String(cString: strerror(errno)))") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw Failure(description: "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))") }
        let dir = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    private static func writeAll(_ fd: Int32, _ data: Data, path: String) throws(Failure) {
        let failed: String? = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        if let failed { throw Failure(description: "cannot write \(path): \(failed)") }
    }
}
