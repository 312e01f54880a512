import LobbyPrivacy
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Appointments keep only keyed hashes", .tags(.unit))
struct AppointmentPrivacyTests {
    /// A synthetic personal number in the shape of an Azerbaijani FIN (not a real person's).
    static let number = "7QXT9K2"
    static let centre = CentreConfiguration(
        name: LocalizedText(en: "Test"),
        agencies: [AgencyDefinition(id: "ag", name: LocalizedText(en: "Agency"))],
        services: [ServiceDefinition(id: "passport", agency: "ag", name: LocalizedText(en: "Passport"), prefix: "P", requiresIDDocument: true)],
        windows: [WindowDefinition(id: 1, agency: "ag", services: ["passport": 1])])
    /// 2026-11-16 12:00 in Asia/Baku.
    static let noon = Instant(seconds: 1_794_816_000)

    @Test("booked with a personal number, found by the document; the journal holds only the hash")
    func hashOnly() throws {
        let keyring = try PersonKeyring(hexKey: String(repeating: "5e", count: 32))
        var engine = try QueueEngine(configuration: Self.centre)
        let code = BookingCode(payload: 4_242)
        let booking = AppointmentBooking(code: code, service: "passport", at: Self.noon.adding(seconds: 1800),
                                         personKey: keyring.personKey(for: Self.number))
        var bytes: [UInt8] = []
        let booked = try engine.execute(CommandRequest("book", .bookAppointment(booking)), now: Self.noon)
        bytes += RecordCodec.encode(booked.record!)
        // The kiosk reads the document: the same number, in whatever case and spacing the MRZ parser gives.
        let read = keyring.personKey(for: " " + Self.number.lowercased() + " ")
        let checkedIn = try engine.execute(CommandRequest("in", .checkIn(AppointmentCheckIn(.person(read)))), now: Self.noon.adding(seconds: 600))
        bytes += RecordCodec.encode(checkedIn.record!)
        let ticket = try #require(checkedIn.outcome.ticket)
        #expect(engine.state.tickets[ticket]?.personKey == read)
        #expect(engine.state.appointments[code]?.ticket == ticket)
        let text = String(decoding: bytes, as: UTF8.self).uppercased()
        #expect(!text.contains(Self.number))
        #expect(text.contains(read.rawValue.uppercased()))
    }

    @Test("after a key rotation a document no longer finds older bookings; the booking code still does")
    func rotation() throws {
        let old = try PersonKeyring(hexKey: String(repeating: "5e", count: 32))
        let new = try PersonKeyring(hexKey: String(repeating: "a7", count: 32))
        var engine = try QueueEngine(configuration: Self.centre)
        let code = BookingCode(payload: 4_243)
        _ = try engine.execute(CommandRequest("book", .bookAppointment(AppointmentBooking(
            code: code, service: "passport", at: Self.noon.adding(seconds: 1800), personKey: old.personKey(for: Self.number)))), now: Self.noon)
        let later = Self.noon.adding(seconds: 600)
        #expect(throws: QueueError.noAppointmentForPerson(today: LocalDate(year: 2026, month: 11, day: 16))) {
            try engine.execute(CommandRequest("doc", .checkIn(AppointmentCheckIn(.person(new.personKey(for: Self.number))))), now: later)
        }
        let byCode = try engine.execute(CommandRequest("code", .checkIn(AppointmentCheckIn(.bookingCode(code)))), now: later)
        #expect(byCode.outcome.ticket != nil)
    }
}
