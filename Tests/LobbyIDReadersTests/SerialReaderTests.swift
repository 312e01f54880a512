import Foundation
import Glibc
import LobbyIDReaders
@testable import LobbyMRZ
import LobbySerial
import LobbyTestSupport
import Testing

/// The serial reader over a pseudo-terminal: the monitor opens the slave like a /dev/ttyACM node,
/// the test writes what a CDC-ACM reader sends into the master.
@Suite("Serial MRZ reader (pty)", .tags(.host), .serialized, .timeLimit(.minutes(1)))
struct SerialReaderTests {
    static let lineTimeout: Duration = .milliseconds(150)

    static func monitor(path: String) -> EventCollector {
        let reader = MRZReaderConfiguration(name: "desk", kind: .serial(SerialReaderSource(path: path, baud: 9_600)),
                                            lineTimeout: lineTimeout, rescanInterval: .milliseconds(300))
        return EventCollector(MRZReaderMonitor(readers: [reader]).events())
    }

    static func send(_ bytes: [UInt8], to terminal: PseudoTerminal) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(terminal.masterDescriptor, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else { usleep(1_000) }
        }
    }

    static func send(_ text: String, to terminal: PseudoTerminal) { send(Array(text.utf8), to: terminal) }

    @Test func readsEveryVectorWithAnyLineEnd() async throws {
        let terminal = try PseudoTerminal()
        let events = Self.monitor(path: terminal.slavePath)
        defer { terminal.close() }
        let attached = await events.next { $0.attachedNode != nil }
        #expect(attached?.kind.attachedNode == AttachedReader(path: terminal.slavePath, exclusive: true, baud: 9_600))
        let endings = ["\r\n", "\r", "\n"]
        for (index, vector) in try Vectors.all().enumerated() {
            let ending = endings[index % endings.count]
            Self.send(vector.lines.map { $0 + ending }.joined(), to: terminal)
            let reading = await events.next { $0.isDocumentOrNoise }?.kind.reading
            #expect(reading?.document == MRZParser.parse(vector.lines.joined(separator: "\n")), "\(vector.title)")
            #expect(reading?.document.isValid == true, "\(vector.title)")
            #expect(reading?.candidate.completion == .expectedLineCount)
            #expect(reading?.latencyMicroseconds.map { $0 < 100_000 } == true)
        }
        await events.close()
    }

    @Test func badLinesPartialLinesAndNoise() async throws {
        let terminal = try PseudoTerminal()
        let events = Self.monitor(path: terminal.slavePath)
        defer { terminal.close() }
        _ = await events.next { $0.attachedNode != nil }
        let td1 = try Vectors.newAzerbaijaniTD1()

        // A wrong document-number check digit: a document with its error.
        var damaged = td1
        damaged[0] = String(damaged[0].prefix(14)) + "3" + damaged[0].dropFirst(15)
        Self.send(damaged.map { $0 + "\r\n" }.joined(), to: terminal)
        let bad = await events.next { $0.isDocumentOrNoise }?.kind.reading
        #expect(bad?.document.isValid == false)
        #expect(bad?.document.errors.contains { $0.field == .documentNumber && $0.line == 1 && $0.column == 15 } == true)

        // Line 1 and half of line 2, then silence: ended by the line timeout, reported invalid.
        let started = Date()
        Self.send(td1[0] + "\r\n" + td1[1].prefix(15), to: terminal)
        let partial = await events.next { $0.isDocumentOrNoise }?.kind.reading
        let waited = Date().timeIntervalSince(started)
        #expect(partial?.candidate.completion == .idleTimeout)
        #expect(partial?.candidate.lineCount == 2)
        #expect(partial?.document.isValid == false)
        #expect(partial?.document.errors.contains { $0.field == .format } == true)
        #expect(waited >= 0.15 && waited < 2, "ended after \(waited) s")

        // Noise: bytes of a wrong baud rate, a stray key, a barcode.
        for (bytes, count) in [([0xFF, 0xFE, 0x00, 0x80, 0x0D], 3), (Array("Q\r\n".utf8), 1), (Array("4006381333931\r\n".utf8), 13)] as [([UInt8], Int)] {
            Self.send(bytes, to: terminal)
            let noise = await events.next { $0.isDocumentOrNoise }?.kind.noise
            #expect(noise?.characterCount == count, "\(bytes)")
        }

        // ETX ends a document at once, without waiting for the timeout.
        Self.send(td1.joined(separator: "\r") + "\u{03}", to: terminal)
        let ended = await events.next { $0.isDocumentOrNoise }?.kind.reading
        #expect(ended?.document.isValid == true)
        #expect(ended?.candidate.completion == .expectedLineCount || ended?.candidate.completion == .endOfTransmission)
        #expect(events.pending.isEmpty, "unexpected events \(events.pending)")
        await events.close()
    }

    @Test func missingThenAttachedDetachedAndAttachedAgain() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lobby-mrz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("mrz-serial").path
        let events = Self.monitor(path: link)

        let missing = await events.next()
        #expect(missing?.kind == .missing(reason: "\(link) does not exist"))
        #expect(missing?.health == .absent(reason: "\(link) does not exist"))

        let first = try PseudoTerminal()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.slavePath)
        #expect(await events.next()?.kind.attachedNode?.path == link)
        let td1 = try Vectors.newAzerbaijaniTD1()
        Self.send(td1[0] + "\r\n" + td1[1].prefix(4), to: first)   // unplugged in the middle of a zone
        try await Task.sleep(for: .milliseconds(20))
        first.close()
        try FileManager.default.removeItem(atPath: link)
        let pending = await events.next()
        #expect(pending?.kind.reading?.document.isValid == false, "the half zone is reported, not lost: \(String(describing: pending))")
        let detached = await events.next()
        #expect(detached?.kind.isDetached == true, "\(String(describing: detached))")
        #expect(detached?.health.map { if case .absent = $0 { true } else { false } } == true)

        let second = try PseudoTerminal()
        defer { second.close() }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second.slavePath)
        #expect(await events.next()?.kind.attachedNode?.path == link)
        Self.send(td1.map { $0 + "\n" }.joined(), to: second)
        #expect(await events.next()?.kind.reading?.document.isValid == true)
        await events.close()
    }

    @Test func aPortAnotherProcessHoldsIsAFailureNotACrash() async throws {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let holder = try SerialPort.open(.device(path: terminal.slavePath), settings: SerialSettings(baud: 9_600, rs485: nil, exclusive: true))
        defer { holder.close() }
        let events = Self.monitor(path: terminal.slavePath)
        let failed = await events.next()
        #expect(failed?.kind == .failed(problem: "serial port \(terminal.slavePath) is in use by another process (lobbyd, or a `lobbyctl mrz watch`, is reading it)"))
        holder.close()
        #expect(await events.next(within: 3)?.kind.attachedNode != nil, "opened once the other process let go")
        await events.close()
    }

    @Test func theStreamEndsWhenCancelledAndReleasesThePort() async throws {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let events = Self.monitor(path: terminal.slavePath)
        _ = await events.next { $0.attachedNode != nil }
        await events.close()
        try await Task.sleep(for: .milliseconds(100))
        let again = try SerialPort.open(.device(path: terminal.slavePath), settings: SerialSettings(baud: 9_600, rs485: nil, exclusive: true))
        again.close()
    }
}
