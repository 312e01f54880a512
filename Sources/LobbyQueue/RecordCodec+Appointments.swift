/// Format version 2 of the journal records: the appointment commands, events and outcome.
///
/// | Tag | Command | Fields |
/// |---|---|---|
/// | 16 | bookAppointment | code, service, at, personKey? |
/// | 17 | cancelAppointment | code |
/// | 18 | rescheduleAppointment | code, at |
/// | 19 | checkIn | lookup (0 code / 1 person key), lookup value, language |
///
/// | Tag | Event | Fields |
/// |---|---|---|
/// | 16 | appointmentBooked | code, service, at, personKey?, day |
/// | 17 | appointmentCancelled | code |
/// | 18 | appointmentRescheduled | code, at, day |
/// | 19 | appointmentCheckedIn | code, ticket |
///
/// Outcome tag 3: appointment (code). Codes are stored as their eight characters and validated
/// (check character included) when read.
extension RecordCodec {
    /// Writes an appointment command (tags 16–19).
    static func writeAppointment(_ c: QueueCommand, to w: inout ByteWriter) {
        switch c {
        case .bookAppointment(let b):
            w.byte(16); w.string(b.code.rawValue); w.string(b.service.rawValue); w.varint(b.at.milliseconds)
            w.optional(b.personKey) { $0.string($1.rawValue) }
        case .cancelAppointment(let code): w.byte(17); w.string(code.rawValue)
        case .rescheduleAppointment(let code, let at): w.byte(18); w.string(code.rawValue); w.varint(at.milliseconds)
        case .checkIn(let c):
            w.byte(19)
            switch c.lookup {
            case .bookingCode(let code): w.byte(0); w.string(code.rawValue)
            case .person(let key): w.byte(1); w.string(key.rawValue)
            }
            w.byte(languageTag(c.language))
        default:
            preconditionFailure("not an appointment command: \(c.name)")
        }
    }

    /// Reads an appointment command after its tag.
    static func readAppointmentCommand(_ tag: UInt8, tagOffset: Int, _ r: inout ByteReader) throws(ByteReader.Failure) -> QueueCommand {
        switch tag {
        case 16:
            let code = try readBookingCode(&r)
            let service = ServiceID(try r.string())
            let at = Instant(milliseconds: try r.varint())
            let person = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in PersonKey(try r.string()) }
            return .bookAppointment(AppointmentBooking(code: code, service: service, at: at, personKey: person))
        case 17: return .cancelAppointment(code: try readBookingCode(&r))
        case 18: return .rescheduleAppointment(code: try readBookingCode(&r), at: Instant(milliseconds: try r.varint()))
        case 19:
            let lookup: AppointmentLookup
            switch try r.byte() {
            case 0: lookup = .bookingCode(try readBookingCode(&r))
            case 1: lookup = .person(PersonKey(try r.string()))
            case let t: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown appointment lookup tag \(t)")
            }
            return .checkIn(AppointmentCheckIn(lookup, language: try readLanguage(&r)))
        default:
            throw ByteReader.Failure(offset: tagOffset, reason: "unknown command tag \(tag)")
        }
    }

    /// Writes an appointment event (tags 16–19).
    static func writeAppointment(_ e: QueueEvent, to w: inout ByteWriter) {
        switch e {
        case .appointmentBooked(let b, let day):
            w.byte(16); w.string(b.code.rawValue); w.string(b.service.rawValue); w.varint(b.at.milliseconds)
            w.optional(b.personKey) { $0.string($1.rawValue) }
            w.varint(Int64(day.ordinal))
        case .appointmentCancelled(let code): w.byte(17); w.string(code.rawValue)
        case .appointmentRescheduled(let code, let at, let day):
            w.byte(18); w.string(code.rawValue); w.varint(at.milliseconds); w.varint(Int64(day.ordinal))
        case .appointmentCheckedIn(let code, let ticket): w.byte(19); w.string(code.rawValue); w.uvarint(ticket.rawValue)
        default:
            preconditionFailure("not an appointment event")
        }
    }

    /// Reads an appointment event after its tag.
    static func readAppointmentEvent(_ tag: UInt8, tagOffset: Int, _ r: inout ByteReader) throws(ByteReader.Failure) -> QueueEvent {
        switch tag {
        case 16:
            let code = try readBookingCode(&r)
            let service = ServiceID(try r.string())
            let at = Instant(milliseconds: try r.varint())
            let person = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in PersonKey(try r.string()) }
            let day = try readDay(&r)
            return .appointmentBooked(AppointmentBooking(code: code, service: service, at: at, personKey: person), day: day)
        case 17: return .appointmentCancelled(try readBookingCode(&r))
        case 18: return .appointmentRescheduled(try readBookingCode(&r), at: Instant(milliseconds: try r.varint()), day: try readDay(&r))
        case 19: return .appointmentCheckedIn(try readBookingCode(&r), ticket: TicketID(try r.uvarint()))
        default:
            throw ByteReader.Failure(offset: tagOffset, reason: "unknown event tag \(tag)")
        }
    }

    /// Reads a booking code and checks it (the journal never holds an invalid one).
    static func readBookingCode(_ r: inout ByteReader) throws(ByteReader.Failure) -> BookingCode {
        let offset = r.offset
        let text = try r.string()
        do {
            let code = try BookingCode(parsing: text)
            guard code.rawValue == text else { throw BookingCodeError.checkFailed(text) }
            return code
        } catch {
            throw ByteReader.Failure(offset: offset, reason: "invalid booking code: \(error)")
        }
    }

    /// Reads a service day stored as its `YYYYMMDD` ordinal.
    static func readDay(_ r: inout ByteReader) throws(ByteReader.Failure) -> LocalDate {
        let start = r.offset
        let ordinal = try r.int()
        let day = LocalDate(year: ordinal / 10_000, month: ordinal / 100 % 100, day: ordinal % 100)
        guard day.isCalendarDate else { throw ByteReader.Failure(offset: start, reason: "\(ordinal) is not a calendar date") }
        return day
    }

    private static func readLanguage(_ r: inout ByteReader) throws(ByteReader.Failure) -> Language {
        switch try r.byte() {
        case 0: return .az
        case 1: return .ru
        case 2: return .en
        case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown language tag \(tag)")
        }
    }
}

extension QueueCommand {
    /// Whether the command belongs to the appointment book (record format version 2).
    public var isAppointmentCommand: Bool {
        switch self {
        case .bookAppointment, .cancelAppointment, .rescheduleAppointment, .checkIn: true
        default: false
        }
    }
}

extension QueueEvent {
    /// Whether the event belongs to the appointment book (record format version 2).
    public var isAppointmentEvent: Bool { bookingCode != nil }
}
