import Foundation
import LobbyJournal
import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

/// A fresh directory under the system temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "lobby-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a random stream against an engine and returns the records it produced.
func records(count: Int, seed: UInt64 = 11) -> (CentreConfiguration, [JournalRecord], QueueState) {
    let config = ScenarioCentre.make()
    let stream = RandomCommandStream(configuration: config, seed: seed, start: Instant(seconds: 1_794_816_000))
    var engine = try! QueueEngine(configuration: config)
    var out: [JournalRecord] = []
    for r in stream.openingRequests() { out.append(try! engine.execute(r, now: stream.time(of: 0)).record!) }
    var i = 0
    while out.count < count {
        if let rec = (try? engine.execute(stream.request(i), now: stream.time(of: i)))?.record { out.append(rec) }
        i += 1
    }
    return (config, out, engine.state)
}

@Suite("Journal on SQLite", .tags(.host))
struct JournalTests {
    @Test("records appended are replayed in order into the same state")
    func appendAndReopen() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (config, recs, state) = records(count: 500)
        do {
            let opening = try Journal.open(path: path) { _ in Issue.record("a new journal has no records") }
            #expect(opening.recordCount == 0)
            try opening.journal.append(Array(recs.prefix(100)))
            for r in recs.dropFirst(100) { try opening.journal.append([r]) }
            #expect(opening.journal.lastSequence == 500)
        }
        var engine = try QueueEngine(configuration: config)
        let reopened = try Journal.open(path: path) { try engine.replay($0) }
        #expect(reopened.recordCount == 500)
        #expect(reopened.damage == nil)
        #expect(engine.state == state)
        #expect(reopened.journal.lastSequence == 500)
    }

    @Test("CRC-32 check value")
    func crcCheck() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("a corrupted record is refused with its position; nothing is changed")
    func corruptRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (_, recs, _) = records(count: 60)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "UPDATE journal SET body = X'0102030405' WHERE seq = 41")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let damage = try refusal(path)
        #expect(damage.sequence == 41)
        #expect(damage.intactRecords == 40)
        #expect(damage.reason.contains("checksum mismatch"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("damaged") }.isEmpty)
    }

    @Test("kept on purpose: the intact prefix continues, a copy is kept, and what was seen after the damage is salvaged")
    func corruptKept() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (config, recs, _) = records(count: 60)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "UPDATE journal SET body = X'0102030405' WHERE seq = 41")

        var engine = try QueueEngine(configuration: config)
        let opening = try Journal.open(path: path, policy: .keepIntactPrefix) { try engine.replay($0) }
        let damage = try #require(opening.damage)
        #expect(damage.sequence == 41)
        #expect(opening.recordCount == 40)
        #expect(engine.state.lastSequence == 40)
        #expect(FileManager.default.fileExists(atPath: try #require(damage.preservedAt)))
        let loss = try #require(opening.loss)
        #expect(loss.lostFrom == 41)
        #expect(loss.lastSeen == 60)
        let issuedAfter = recs.dropFirst(41).flatMap(\.events).compactMap { e -> IssuedTicket? in
            if case .ticketIssued(let i) = e { return i } else { return nil }
        }
        #expect(loss.highestTicketID == issuedAfter.map(\.id.rawValue).max() ?? 0)
        // The journal continues after the intact prefix.
        try opening.journal.append([JournalRecord(sequence: 41, requestID: "after", command: .signOut(window: 1), at: recs[39].at,
                                                  outcome: .window(1), events: [])])
        let again = try Journal.open(path: path) { _ in }
        #expect(again.recordCount == 41)
        #expect(again.damage == nil)
    }

    @Test("a missing record (gap) is refused as such")
    func gap() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (_, recs, _) = records(count: 30)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "DELETE FROM journal WHERE seq = 17")
        let damage = try refusal(path)
        #expect(damage.sequence == 17)
        #expect(damage.reason == "record 17 is missing (next on disk is 18)")
        #expect(damage.intactRecords == 16)
    }

    @Test("a checksum-valid but undecodable body is refused with the byte offset")
    func undecodable() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (_, recs, _) = records(count: 10)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        let body: [UInt8] = [1, 5, 0]
        let crc = CRC32.checksum(body)
        try sqlite(path, "UPDATE journal SET body = X'010500', crc = \(crc) WHERE seq = 5")
        let damage = try refusal(path)
        #expect(damage.sequence == 5)
        #expect(damage.reason.contains("at byte"))
    }

    @Test("a write-ahead log cut mid-frame is reported with its byte position; earlier commits are kept")
    func tornWAL() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let copy = dir.path + "/copy.db"
        // 250 transactions of three pages stay below SQLite's automatic checkpoint (1,000 frames).
        let (config, recs, _) = records(count: 250)
        let opening = try Journal.open(path: path) { _ in }
        for r in recs { try opening.journal.append([r]) }
        // Copy the files while the journal is open (as after a crash: the log is not checkpointed).
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        let walSize = try FileManager.default.attributesOfItem(atPath: copy + "-wal")[.size] as! Int
        let cut = walSize - 1000
        let handle = try #require(FileHandle(forWritingAtPath: copy + "-wal"))
        try handle.truncate(atOffset: UInt64(cut))
        try handle.close()
        var engine = try QueueEngine(configuration: config)
        let reopened = try Journal.open(path: copy) { try engine.replay($0) }
        #expect(reopened.damage == nil, "a write cut short lost nothing acknowledged")
        #expect(reopened.notes.contains { $0.contains("partial frame at byte") }, "the torn tail must be reported")
        #expect(reopened.recordCount < 250 && reopened.recordCount > 150, "kept \(reopened.recordCount)")
        // What was kept is exactly a prefix of what was written.
        var prefix = try QueueEngine(configuration: config)
        for r in recs.prefix(reopened.recordCount) { try prefix.replay(r) }
        #expect(engine.state == prefix.state)
    }

    @Test("a main file damaged from the start is refused, never replaced by an empty journal")
    func unreadableFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (_, recs, _) = records(count: 3_000)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE)")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size * 2 / 3))
        try handle.close()
        do {
            _ = try Journal.open(path: path) { _ in }
            Issue.record("a malformed journal must not open")
        } catch {
            #expect("\(error)".contains("cannot be read"))
            #expect("\(error)".contains(path))
        }
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a journal of a newer schema is refused with a clear error")
    func newerSchema() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        _ = try Journal.open(path: path) { _ in }
        try sqlite(path, "UPDATE meta SET value = 99 WHERE key = 'schema'")
        #expect(throws: JournalError.unknownSchema(path: path, version: 99)) { try Journal.open(path: path) { _ in } }
    }

    @Test("an unopenable path names the file")
    func badPath() {
        do {
            _ = try Journal.open(path: "/nonexistent-dir/x/journal.db") { _ in }
            Issue.record("opening must fail")
        } catch {
            #expect("\(error)".contains("/nonexistent-dir/x/journal.db"))
        }
    }
}

/// Opens the journal at `path` expecting a refusal for damage; returns the damage.
func refusal(_ path: String) throws -> JournalDamage {
    do {
        _ = try Journal.open(path: path) { _ in }
    } catch {
        guard case .damaged(let p, let damage) = error else { throw error }
        #expect(p == path)
        #expect(error.description.contains("lobbyctl journal recover"))
        return damage
    }
    throw JournalTestFailure("the damaged journal at \(path) was opened")
}

/// A failure of a journal test's own expectations.
struct JournalTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Runs SQL on a database file with a separate connection.
func sqlite(_ path: String, _ sql: String) throws {
    let db = try SQLiteDatabase(path: path)
    try db.execute(sql)
}

@Suite("Replay horizon", .tags(.host))
struct ReplayHorizonTests {
    @Test("skipping request ids older than the horizon gives exactly the same state")
    func sameState() throws {
        let config = ScenarioCentre.make()
        let stream = RandomCommandStream(configuration: config, seed: 31, start: Instant(seconds: 1_794_816_000), stepMilliseconds: 20_000)
        var live = try QueueEngine(configuration: config)
        var records: [JournalRecord] = []
        for r in stream.openingRequests() { records.append(try live.execute(r, now: stream.time(of: 0)).record!) }
        for i in 0..<30_000 {  // about a week of traffic
            if let rec = (try? live.execute(stream.request(i), now: stream.time(of: i)))?.record { records.append(rec) }
        }
        let horizon = records.last!.at.adding(seconds: -QueueEngine.requestMemorySpanSeconds)
        var fast = try QueueEngine(configuration: config)
        var full = try QueueEngine(configuration: config)
        for r in records {
            try fast.replay(r, requestHorizon: horizon)
            try full.replay(r)
        }
        #expect(fast.state == full.state)
        #expect(fast.state == live.state)
        #expect(fast.state.history.count > 1_000, "the stream must span several days")
    }
}
