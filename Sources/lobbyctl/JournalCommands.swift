import ArgumentParser
import Foundation
import LobbyConfiguration
import LobbyJournal
import LobbyQueue

/// `lobbyctl journal …`: check a journal, and start it again on its intact records after damage.
struct JournalCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Check the queue's journal; recover it after damage (lobbyd stopped).",
        subcommands: [Check.self, Recover.self])

    /// Where the journal is and whose centre it holds.
    struct Target: ParsableArguments {
        @Option(name: .shortAndLong, help: "The configuration file (the journal path and the centre come from it).") var config = "/etc/lobby/lobby.yaml"
        @Option(help: "The journal file, instead of the configuration's.") var journal: String?
        @Flag(help: "Print JSON.") var json = false

        func load() throws -> (path: String, centre: CentreConfiguration) {
            let loaded: DaemonConfiguration
            do {
                loaded = try ConfigurationLoader.load(path: config)
            } catch {
                throw CLIError.failed("configuration-error", "configuration error: \(error)", exitCode: 78)
            }
            return (journal ?? loaded.journalPath, loaded.centre)
        }

        /// Prints `report` with --json, else `text`.
        func print<Report: Encodable>(_ report: Report, text: String) throws {
            if json { try printJSON(report) } else { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
        }
    }

    /// `journal check --json`; with damage it is the `result` of the error object (code `journal-damaged`).
    struct CheckReport: Encodable {
        /// Where the damage is.
        struct Damage: Encodable {
            let sequence: UInt64
            let reason: String
            let intactRecords: Int
        }
        let journal: String
        let records: Int
        let intact: Bool
        let notes: [String]
        let damage: Damage?
    }

    /// `journal recover --json`.
    struct RecoverReport: Encodable {
        /// The highest number of a day that was still readable.
        struct Number: Encodable {
            let day: String
            let number: String
        }
        let journal: String
        let recovered: Bool
        let keptRecords: Int
        let notes: [String]?
        let lostFrom: UInt64?
        let lastSeen: UInt64?
        let highestTicketID: UInt64?
        let damagedCopy: String?
        let highestNumbers: [Number]?
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the whole journal and check every record (read-only; lobbyd may run). Exit 0 intact, 1 damaged.")
        @OptionGroup var target: Target

        func run() throws {
            let (path, centre) = try target.load()
            do {
                let result = try Journal.check(path: path, configuration: centre)
                let report = CheckReport(journal: path, records: result.records, intact: result.damage == nil, notes: result.notes,
                                         damage: result.damage.map { .init(sequence: $0.sequence, reason: $0.reason, intactRecords: $0.intactRecords) })
                if let damage = result.damage {
                    let message = "journal \(path): \(damage)\n\(damage.intactRecords) records before it are intact; "
                        + "`lobbyctl journal recover --accept-loss` starts the journal again on them (lobbyd stopped)"
                    throw CLIError.failed("journal-damaged", message, result: try AnyJSON(encoding: report))
                }
                try target.print(report, text: "journal \(path): \(result.records) records, all intact"
                                 + result.notes.map { "\nnote: \($0)" }.joined())
            } catch let e as JournalError {
                throw CLIError.failed("journal-error", "journal \(path): \(e)")
            }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "After damage: keep a copy of the damaged files, keep the intact records, and note what was lost so that no number is given twice (lobbyd must be stopped).")
        @OptionGroup var target: Target
        @Flag(help: "Required: you accept that the records after the damage are lost (a copy is kept).") var acceptLoss = false

        func run() throws {
            guard acceptLoss else {
                throw CLIError.usage("journal recover gives up the damaged records: say so with --accept-loss (run `lobbyctl journal check` first)")
            }
            let (path, centre) = try target.load()
            do {
                let lock = try JournalLock(journalPath: path)
                defer { withExtendedLifetime(lock) {} }
                var engine = try QueueEngine(configuration: centre)
                let opening = try Journal.open(path: path, policy: .keepIntactPrefix) { try engine.replay($0) }
                guard let damage = opening.damage, let loss = opening.loss else {
                    try target.print(RecoverReport(journal: path, recovered: false, keptRecords: opening.recordCount, notes: opening.notes,
                                                   lostFrom: nil, lastSeen: nil, highestTicketID: nil, damagedCopy: nil, highestNumbers: nil),
                                     text: "journal \(path): \(opening.recordCount) records, nothing to recover")
                    return
                }
                let now = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
                let request = CommandRequest(RequestID("journal-recover-\(damage.sequence)-\(now.milliseconds)"), .acceptJournalLoss(loss))
                guard let record = try engine.execute(request, now: now).record else {
                    throw CLIError.failed("journal-error", "journal \(path): the recovery record was not made")
                }
                try opening.journal.append([record])
                let numbers = loss.numbers.map { "\($0.day) \($0.number)" }.joined(separator: ", ")
                try target.print(
                    RecoverReport(journal: path, recovered: true, keptRecords: opening.recordCount, notes: nil, lostFrom: UInt64(loss.lostFrom),
                                  lastSeen: UInt64(loss.lastSeen), highestTicketID: UInt64(loss.highestTicketID), damagedCopy: damage.preservedAt ?? "",
                                  highestNumbers: loss.numbers.map { .init(day: $0.day.description, number: $0.number.description) }),
                    text: """
                    journal \(path): kept records 1…\(opening.recordCount); records from \(loss.lostFrom) are lost (\(damage.reason))
                    the damaged files were kept at \(damage.preservedAt ?? "-")
                    numbering continues after ticket id \(loss.highestTicketID)\(numbers.isEmpty ? "" : " and after \(numbers)")
                    start lobbyd again; citizens holding tickets from the lost part are not known to the queue: serve them by their paper ticket
                    """)
            } catch let e as JournalError {
                throw CLIError.failed("journal-error", "journal \(path): \(e)")
            }
        }
    }
}
