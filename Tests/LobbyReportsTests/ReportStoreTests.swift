import Foundation
import LobbyJournal
import LobbyQueue
import LobbyReportStore
import LobbyReports
import LobbyTestSupport
import Testing

/// The read model on real SQLite files: a real journal written by `Journal`, read back after restarts.
@Suite("Report read model on SQLite", .tags(.host))
struct ReportStoreTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "lobby-reports-" + UUID().uuidString
        init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func storedTickets(_ model: ReportReadModel) throws -> [TicketID: TicketFact] {
        let all = try model.store.tickets(from: LocalDate(year: 2000, month: 1, day: 1), to: LocalDate(year: 2199, month: 12, day: 31))
        return Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
    }

    static func storedAppointments(_ model: ReportReadModel) throws -> [UInt64: AppointmentFact] {
        let all = try model.store.appointments(from: LocalDate(year: 2000, month: 1, day: 1), to: LocalDate(year: 2199, month: 12, day: 31))
        return Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })
    }

    @Test("caught up from a journal across restarts, live and in bulk, the store holds exactly the pure fold's facts")
    func restarts() throws {
        let s = try FoldedStream(seed: 41, commands: 16_000)
        let folder = Folder()
        let journalPath = folder.path + "/journal.db", storePath = folder.path + "/" + ReportStore.fileName
        let journal = try Journal.open(path: journalPath) { _ in }.journal
        let cuts = [0, 1_500, 6_000, 6_001, s.records.count]
        var model = try ReportReadModel(path: storePath, configuration: s.configuration, retentionDays: 3650)
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            try journal.append(Array(s.records[a..<b]))
            if a == 1_500 {
                // Live: one durable record at a time, as lobbyd feeds it.
                for r in s.records[a..<b] { try model.apply(r) }
            } else {
                try model.catchUp(journalPath: journalPath, batch: 700)
            }
            #expect(model.lastSequence == UInt64(b))
            model = try ReportReadModel(path: storePath, configuration: s.configuration, retentionDays: 3650)  // a restart
        }
        #expect(try model.catchUp(journalPath: journalPath) == 0)
        #expect(try Self.storedTickets(model) == s.tickets)
        #expect(try Self.storedAppointments(model) == s.appointments.mapValues { $0 })
        // A record already included is ignored; one after a gap is refused with the gap named.
        try model.apply(s.records[10])
        var skipped = s.records.last!
        skipped.sequence += 2
        #expect(throws: ReportStoreError.self) { try model.apply(skipped) }
        do { try model.apply(skipped) } catch { #expect("\(error)".contains("record \(skipped.sequence) follows \(s.records.count)")) }
    }

    @Test("days older than the retention period are deleted, newer ones kept")
    func retention() throws {
        let s = try FoldedStream(seed: 42, commands: 24_000)
        let folder = Folder()
        let journalPath = folder.path + "/journal.db"
        try Journal.open(path: journalPath) { _ in }.journal.append(s.records)
        let model = try ReportReadModel(path: folder.path + "/reports.db", configuration: s.configuration, retentionDays: 1)
        try model.catchUp(journalPath: journalPath)
        let days = Set(try Self.storedTickets(model).values.map(\.day)).sorted()
        // Today is the day of the last record; it and the one day before are kept.
        let today = ServiceCalendar(timeZoneIdentifier: s.configuration.timeZone)!.localDate(at: s.records.last!.at)
        let all = Set(s.tickets.values.map(\.day))
        #expect(days == all.filter { $0 >= today.adding(days: -1) }.sorted())
        #expect(!days.isEmpty && all.count > days.count + 1)
    }

    @Test("reports merged from day summaries equal reports computed from every fact, live and after a restart", arguments: [UInt64(44), 45])
    func summariesAreExact(seed: UInt64) throws {
        let s = try FoldedStream(seed: seed, commands: 24_000)  // three service days and the start of a fourth
        let folder = Folder()
        let journalPath = folder.path + "/journal.db", storePath = folder.path + "/reports.db"
        let journal = try Journal.open(path: journalPath) { _ in }.journal
        let half = s.records.count / 2
        try journal.append(Array(s.records[..<half]))
        var model = try ReportReadModel(path: storePath, configuration: s.configuration, retentionDays: 3650)
        try model.catchUp(journalPath: journalPath, batch: 900)
        for r in s.records[half...] { try model.apply(r) }  // live: day changes summarise the day before
        let days = Set(s.tickets.values.map(\.day)).sorted()
        let today = ServiceCalendar(timeZoneIdentifier: s.configuration.timeZone)!.localDate(at: s.records.last!.at)
        #expect(days.count >= 3)
        func dates(_ a: LocalDate, _ b: LocalDate) -> Set<LocalDate> { Set((0..<max(0, b.daysSinceEpoch - a.daysSinceEpoch)).map { a.adding(days: $0) }) }
        #expect(try model.store.summarisedDays(from: days.first!.adding(days: -5), to: today) == dates(days.first!, today))
        func check(_ model: ReportReadModel) throws {
            let ranges = [(days.first!, days.last!), (days[1], days[1]), (days[1], today.adding(days: 2)), (days.first!.adding(days: -3), days[1])]
            for (from, to) in ranges {
                for by in ReportBreakdown.allCases {
                    let direct = Report.compute(from: from, to: to, by: by, targetWaitSeconds: s.configuration.targetWaitSeconds,
                                                tickets: Array(s.tickets.values), appointments: Array(s.appointments.values))
                    let merged = try model.report(from: from, to: to, by: by)
                    #expect(merged == direct, "\(from)…\(to) by \(by)")
                    #expect(merged.overall.wait.count > 0 || from > days.last!)
                }
            }
        }
        try check(model)
        model = try ReportReadModel(path: storePath, configuration: s.configuration, retentionDays: 3650)  // a restart
        try check(model)
        // A store written before summaries existed: they are made on the first report and kept.
        try SQLiteDatabase(path: storePath).execute("DELETE FROM summaries")
        model = try ReportReadModel(path: storePath, configuration: s.configuration, retentionDays: 3650)
        try check(model)
        // (After a restart the current day is taken to be the last day with tickets, so that one stays read fact by fact.)
        #expect(try model.store.summarisedDays(from: days.first!, to: days.last!) == dates(days.first!, days.last!))
    }

    @Test("a damaged journal record stops the catch-up at the record before it, with the reason")
    func damagedJournal() throws {
        let s = try FoldedStream(seed: 43, commands: 2_000)
        let folder = Folder()
        let journalPath = folder.path + "/journal.db"
        try Journal.open(path: journalPath) { _ in }.journal.append(s.records)
        let db = try SQLiteDatabase(path: journalPath)
        try db.execute("UPDATE journal SET crc = crc + 1 WHERE seq = 300")
        let model = try ReportReadModel(path: folder.path + "/reports.db", configuration: s.configuration, retentionDays: 30)
        do {
            try model.catchUp(journalPath: journalPath, batch: 50)
            Issue.record("a damaged record was read")
        } catch {
            #expect(error.description.contains("checksum mismatch in record 300; reports stop at 299"))
        }
        #expect(model.lastSequence == 299)
    }
}

/// The XLSX workbook opened by a real spreadsheet program: LibreOffice converts it back to CSV.
@Suite("Report workbook in LibreOffice", .tags(.host))
struct ReportWorkbookTests {
    static func soffice() throws -> String {
        for path in ["/usr/bin/soffice", "/usr/bin/libreoffice"] where FileManager.default.isExecutableFile(atPath: path) { return path }
        throw ReportStoreError("LibreOffice is not installed: run scripts/setup.sh test (libreoffice-calc-nogui)")
    }

    @Test("LibreOffice reads back every cell of the report sheet")
    func roundTrip() throws {
        var d = try ReportHandTests.playDay()
        try d.run(.signOut(window: 2), ReportHandTests.at(9, 0, day: 1))
        var report = d.report(.operator)
        report.rows[0].key = "anna, \"A\" <1>"
        let folder = ReportStoreTests.Folder()
        let file = folder.path + "/report.xlsx"
        let bytes = ReportWorkbook.render(report)
        #expect(ReportWorkbook.render(report) == bytes, "the same report gives the same bytes")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Self.soffice())
        p.arguments = ["-env:UserInstallation=file://" + folder.path + "/profile", "--headless", "--convert-to", "csv", "--outdir", folder.path, file]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let back = try String(contentsOfFile: folder.path + "/report.csv", encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { ReportCSV.fields(of: String($0)) }
        let original = ReportCSV.render(report).split(separator: "\r\n").map { ReportCSV.fields(of: String($0)) }
        #expect(back.count == original.count)
        for (a, b) in zip(back, original) {
            #expect(a.count == b.count || a.count <= b.count && b.dropFirst(a.count).allSatisfy(\.isEmpty), "\(a) against \(b)")
            for (x, y) in zip(a, b) {
                if let u = Double(x), let v = Double(y) { #expect(abs(u - v) < 1e-9, "\(x) against \(y)") } else { #expect(x == y) }
            }
        }
        #expect(back[1][0] == "anna, \"A\" <1>")
    }
}
