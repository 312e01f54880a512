import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

@Suite("Record codec: appointment records (format version 2)", .tags(.unit))
struct AppointmentCodecTests {
    static let code = BookingCode(payload: 77)
    static let records: [JournalRecord] = [
        JournalRecord(sequence: 1, requestID: "book-1",
                      command: .bookAppointment(AppointmentBooking(code: code, service: "passport", at: Instant(milliseconds: 1_794_816_000_123),
                                                                   personKey: PersonKey(String(repeating: "ab", count: 32)))),
                      at: Instant(seconds: 1_794_800_000), outcome: .appointment(code),
                      events: [.appointmentBooked(AppointmentBooking(code: code, service: "passport", at: Instant(milliseconds: 1_794_816_000_123),
                                                                     personKey: PersonKey(String(repeating: "ab", count: 32))),
                                                  day: LocalDate(year: 2026, month: 11, day: 16))]),
        JournalRecord(sequence: 2, requestID: "book-2",
                      command: .bookAppointment(AppointmentBooking(code: BookingCode(payload: 0), service: "ə", at: Instant(milliseconds: -1))),
                      at: Instant(seconds: 1), outcome: .appointment(BookingCode(payload: 0)), events: []),
        JournalRecord(sequence: 3, requestID: "cancel", command: .cancelAppointment(code: code), at: Instant(seconds: 2),
                      outcome: .appointment(code), events: [.appointmentCancelled(code)]),
        JournalRecord(sequence: 4, requestID: "move", command: .rescheduleAppointment(code: code, at: Instant(seconds: 3_600)), at: Instant(seconds: 3),
                      outcome: .appointment(code),
                      events: [.appointmentRescheduled(code, at: Instant(seconds: 3_600), day: LocalDate(year: 1970, month: 1, day: 1))]),
        JournalRecord(sequence: 5, requestID: "in-code", command: .checkIn(AppointmentCheckIn(.bookingCode(code), language: .en)), at: Instant(seconds: 4),
                      outcome: .ticket(TicketID(9)),
                      events: [.ticketIssued(IssuedTicket(id: TicketID(9), number: TicketNumber(prefix: "P", value: 12), day: LocalDate(year: 2026, month: 11, day: 16),
                                                          request: TicketRequest(service: "passport", language: .en, appointmentAt: Instant(seconds: 3_600)))),
                               .appointmentCheckedIn(code, ticket: TicketID(9))]),
        JournalRecord(sequence: 6, requestID: "in-person", command: .checkIn(AppointmentCheckIn(.person(PersonKey("00ff")), language: .ru)),
                      at: Instant(seconds: 5), outcome: .existingTicket(TicketID(9)), events: []),
    ]

    @Test("every appointment command, event and outcome round-trips, written as version 2")
    func roundTrip() throws {
        for r in Self.records {
            let bytes = RecordCodec.encode(r)
            #expect(bytes[0] == 2)
            #expect(try RecordCodec.decode(bytes) == r)
        }
    }

    @Test("records without appointment data are still written as version 1 (older builds read them)")
    func versionOne() throws {
        let r = JournalRecord(sequence: 1, requestID: "x", command: .callNext(window: 4), at: Instant(seconds: 1),
                              outcome: .ticket(TicketID(2)), events: [.ticketCalled(TicketID(2), window: 4, operator: "op")])
        #expect(RecordCodec.encode(r)[0] == 1)
        #expect(RecordCodec.formatVersion(of: r) == 1)
        #expect(RecordCodec.version == 4)
    }

    @Test("appointment tags in a version 1 record, invalid codes and unknown versions are refused with an offset")
    func refused() throws {
        var v1 = RecordCodec.encode(Self.records[2])
        v1[0] = 1
        #expect(throws: ByteReader.Failure.self) { try RecordCodec.decode(v1) }
        do {
            _ = try RecordCodec.decode(v1)
        } catch {
            #expect(error.reason.contains("unknown command tag 17 in a version 1 record"))
            #expect(error.offset > 0)
        }
        var v5 = RecordCodec.encode(Self.records[2])
        v5[0] = 5
        do {
            _ = try RecordCodec.decode(v5)
            Issue.record("a version 5 record was accepted")
        } catch {
            #expect(error.description == "unknown record format version 5 at byte 0")
        }
        // Change one character of the stored code: the check character catches it.
        var bad = RecordCodec.encode(Self.records[2])
        let text = Array(Self.code.rawValue.utf8)
        let at = (0..<(bad.count - text.count)).first { Array(bad[$0..<($0 + text.count)]) == text }!
        bad[at + 2] = bad[at + 2] == UInt8(ascii: "A") ? UInt8(ascii: "C") : UInt8(ascii: "A")
        #expect(throws: ByteReader.Failure.self) { try RecordCodec.decode(bad) }
        do {
            _ = try RecordCodec.decode(bad)
        } catch {
            #expect(error.reason.hasPrefix("invalid booking code"))
            #expect(error.offset == at - 1)
        }
    }

    @Test("truncated and corrupted appointment records fail cleanly, never crash")
    func damaged() throws {
        var rng = SplitMix64(seed: 8)
        for r in Self.records {
            let bytes = RecordCodec.encode(r)
            for cut in 0..<bytes.count {
                #expect(throws: ByteReader.Failure.self) { try RecordCodec.decode(Array(bytes.prefix(cut))) }
            }
            for _ in 0..<2_000 {
                var b = bytes
                b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
                _ = try? RecordCodec.decode(b)  // must not crash
            }
        }
    }
}
