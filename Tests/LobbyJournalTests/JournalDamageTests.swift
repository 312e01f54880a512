import Foundation
import LobbyJournal
import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

/// Damage of every kind, at many places: the journal either opens with every acknowledged record
/// or refuses with the position and cause. It never opens with fewer records and no error.
@Suite("Journal damage", .tags(.host))
struct JournalDamageTests {
    /// Writes `count` records, one transaction each, and copies the journal's files while it is
    /// still open (as a crash leaves them: the write-ahead log not checkpointed). Returns the copy.
    static func crashedJournal(in dir: TemporaryDirectory, count: Int) throws -> (path: String, config: CentreConfiguration, records: [JournalRecord], state: QueueState) {
        let live = dir.path + "/live.db"
        let (config, recs, state) = records(count: count)
        let opening = try Journal.open(path: live) { _ in }
        for r in recs { try opening.journal.append([r]) }
        let copy = dir.path + "/crashed.db"
        try FileManager.default.copyItem(atPath: live, toPath: copy)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: copy + "-wal")
        return (copy, config, recs, state)
    }

    /// Opens `path`: the number of records replayed and the state, or the damage refused.
    static func outcome(_ path: String, _ config: CentreConfiguration) throws -> (Int, QueueState, [String])? {
        var engine = try QueueEngine(configuration: config)
        do {
            let opening = try Journal.open(path: path) { try engine.replay($0) }
            return (opening.recordCount, engine.state, opening.notes)
        } catch {
            switch error {
            case .damaged, .unreadable: return nil
            default: throw error
            }
        }
    }

    static func flip(_ path: String, at offset: Int) throws {
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? h.close() }
        try h.seek(toOffset: UInt64(offset))
        let byte = try #require(try h.read(upToCount: 1)).first!
        try h.seek(toOffset: UInt64(offset))
        try h.write(contentsOf: [byte ^ 0x5A])
    }

    @Test("a flipped byte anywhere in the write-ahead log: every record comes back, or the journal is refused")
    func walFlips() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let crashed = try Self.crashedJournal(in: dir, count: 60)
        let walSize = try FileManager.default.attributesOfItem(atPath: crashed.path + "-wal")[.size] as! Int
        var generator = SplitMix64(seed: 7)
        var offsets = [0, 8, 16, 24, 31, 32, 40, 56, 4_000, walSize / 2, walSize - 10]
        for _ in 0..<40 { offsets.append(Int.random(in: 0..<walSize, using: &generator)) }
        var refused = 0
        var repaired = 0
        for (i, offset) in offsets.enumerated() {
            let path = dir.path + "/flip-\(i).db"
            try FileManager.default.copyItem(atPath: crashed.path, toPath: path)
            try FileManager.default.copyItem(atPath: crashed.path + "-wal", toPath: path + "-wal")
            try Self.flip(path + "-wal", at: offset)
            guard let (count, state, notes) = try Self.outcome(path, crashed.config) else {
                refused += 1
                continue
            }
            #expect(count == 60, "a flip at WAL byte \(offset) lost records silently (\(count) of 60)")
            let same = state == crashed.state
            #expect(same, "a flip at WAL byte \(offset) changed the state")
            if notes.contains(where: { $0.contains("write-ahead log was damaged") }) { repaired += 1 }
            // Once opened, the journal opens again without notes and with the same records.
            #expect(try Self.outcome(path, crashed.config)?.0 == 60)
        }
        #expect(refused + repaired > offsets.count / 2, "most flips land in checksummed frames and must be noticed")
    }

    @Test("a flipped byte anywhere in the main file: every record comes back, or the journal is refused")
    func mainFileFlips() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path0 = dir.path + "/journal.db"
        let (config, recs, state) = records(count: 120)
        try Journal.open(path: path0) { _ in }.journal.append(recs)
        try sqlite(path0, "PRAGMA wal_checkpoint(TRUNCATE)")
        let size = try FileManager.default.attributesOfItem(atPath: path0)[.size] as! Int
        var generator = SplitMix64(seed: 11)
        var offsets = [0, 20, 40, 100, 4_096, 4_100, 8_192 + 8, size - 1]
        for _ in 0..<60 { offsets.append(Int.random(in: 0..<size, using: &generator)) }
        for (i, offset) in offsets.enumerated() {
            let path = dir.path + "/flip-\(i).db"
            try FileManager.default.copyItem(atPath: path0, toPath: path)
            try Self.flip(path, at: offset)
            guard let (count, replayed, _) = try Self.outcome(path, config) else { continue }
            #expect(count == 120, "a flip at byte \(offset) lost records silently (\(count) of 120)")
            let same = replayed == state
            #expect(same, "a flip at byte \(offset) changed the state")
        }
    }

    @Test("an empty file is refused, never taken for a new journal")
    func emptyFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: JournalError.emptyFile(path: path)) { try Journal.open(path: path) { _ in } }
        #expect(JournalError.emptyFile(path: path).description.contains("0 bytes"))
    }

    @Test("a new journal appears whole: a crash while it is made leaves no journal or an empty valid one, never 0 bytes")
    func newJournalIsAtomic() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        // What a crash during the first start leaves: the half-made file under its temporary name.
        FileManager.default.createFile(atPath: path + ".creating", contents: Data())
        #expect(!FileManager.default.fileExists(atPath: path))
        let first = try Journal.open(path: path) { _ in }
        #expect(first.recordCount == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 0)
        #expect(!FileManager.default.fileExists(atPath: path + ".creating"))
        let (config, recs, _) = records(count: 3)
        for r in recs { try first.journal.append([r]) }
        var engine = try QueueEngine(configuration: config)
        #expect(try Journal.open(path: path) { try engine.replay($0) }.recordCount == recs.count)
    }

    @Test("a write-ahead log without its journal file is refused, never applied to a new journal")
    func orphanWriteAheadLog() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let crashed = try Self.crashedJournal(in: dir, count: 5)
        try FileManager.default.removeItem(atPath: crashed.path)
        do {
            _ = try Journal.open(path: crashed.path) { _ in }
            Issue.record("a journal opened from an orphan write-ahead log")
        } catch {
            guard case .unreadable(_, let reason) = error else { Issue.record("unexpected \(error)"); return }
            #expect(reason.contains("write-ahead log"))
        }
        #expect(!FileManager.default.fileExists(atPath: crashed.path))
    }

    @Test("record 1 damaged or deleted: a journal that held records and yields none is refused")
    func firstRecord() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let (_, recs, _) = records(count: 20)
        for (name, sql) in [("damaged", "UPDATE journal SET body = X'00' WHERE seq = 1"), ("deleted", "DELETE FROM journal WHERE seq = 1"),
                            ("all deleted", "DELETE FROM journal")] {
            let path = dir.path + "/\(name.replacingOccurrences(of: " ", with: "-")).db"
            try Journal.open(path: path) { _ in }.journal.append(recs)
            try sqlite(path, sql)
            let damage = try refusal(path)
            #expect(damage.intactRecords == 0, "\(name)")
            #expect(damage.sequence == 1, "\(name)")
        }
    }

    @Test("records missing at the end are noticed by the high-water mark")
    func missingTail() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (_, recs, _) = records(count: 20)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "DELETE FROM journal WHERE seq >= 18")
        let damage = try refusal(path)
        #expect(damage.sequence == 18)
        #expect(damage.reason.contains("missing at the end"))
    }

    @Test("an impossible value (ticket id 2^64−1) is damage, not a crash")
    func impossibleTicketID() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (config, recs, _) = records(count: 10)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        let at = recs.last!.at
        let n = recs.count + 1
        let hostile = JournalRecord(
            sequence: UInt64(n), requestID: "hostile", command: .issueTicket(TicketRequest(service: config.services[0].id)), at: at,
            outcome: .ticket(TicketID(UInt64.max)),
            events: [.ticketIssued(IssuedTicket(id: TicketID(UInt64.max), number: TicketNumber(prefix: "A", value: 1), day: LocalDate(year: 2026, month: 11, day: 16),
                                                request: TicketRequest(service: config.services[0].id)))])
        let body = RecordCodec.encode(hostile)
        let hex = body.map { String(format: "%02X", $0) }.joined()
        try sqlite(path, "INSERT INTO journal(seq, at, crc, body) VALUES (\(n), \(at.milliseconds), \(CRC32.checksum(body)), X'\(hex)'); UPDATE meta SET value = \(n) WHERE key = 'last'")
        var engine = try QueueEngine(configuration: config)
        do {
            _ = try Journal.open(path: path) { try engine.replay($0) }
            Issue.record("an impossible record was replayed")
        } catch {
            guard case .damaged(_, let damage) = error else { throw error }
            #expect(damage.sequence == UInt64(n))
            #expect(damage.reason.contains("ticket id 18446744073709551615"))
        }
    }

    @Test("after an accepted loss, numbering continues past every number seen in the lost part")
    func acceptedLoss() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path + "/journal.db"
        let (config, recs, state) = records(count: 80)
        try Journal.open(path: path) { _ in }.journal.append(recs)
        try sqlite(path, "UPDATE journal SET body = X'00' WHERE seq = 30")
        var engine = try QueueEngine(configuration: config)
        let opening = try Journal.open(path: path, policy: .keepIntactPrefix) { try engine.replay($0) }
        let loss = try #require(opening.loss)
        let result = try engine.execute(CommandRequest("recover", .acceptJournalLoss(loss)), now: recs[79].at)
        try opening.journal.append([try #require(result.record)])
        // Every prefix issues past the highest number the lost records held.
        for (prefix, counter) in state.counters {
            let service = try #require(config.services.first { $0.prefix == prefix })
            guard let issued = try? engine.execute(CommandRequest(RequestID("after-\(prefix)"), .issueTicket(TicketRequest(service: service.id))),
                                                   now: recs[79].at),
                  case .ticket(let id) = issued.outcome, let number = engine.state.tickets[id]?.number else { continue }
            #expect((number.cycle, number.value) > (counter.cycle, counter.last), "\(prefix): \(number) was already issued")
            #expect(id.rawValue >= state.nextTicketSerial)
        }
        // The acceptance itself is journaled and replays.
        var replayed = try QueueEngine(configuration: config)
        let again = try Journal.open(path: path) { try replayed.replay($0) }
        #expect(again.recordCount == 30)
        #expect(replayed.state.nextTicketSerial == loss.highestTicketID + 1)
    }
}
