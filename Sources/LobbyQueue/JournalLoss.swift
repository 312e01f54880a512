/// A technician's acceptance that journal records after `lostFrom` are lost (the journal was
/// damaged), with what could still be read of them: lobbyd continues numbering after the
/// highest ticket id and numbers seen there, so no number is given to two citizens.
public struct JournalLoss: Sendable, Hashable {
    /// The first record that could not be kept.
    public var lostFrom: UInt64
    /// The highest record sequence seen in the damaged part (0 when none could be read).
    public var lastSeen: UInt64
    /// The highest ticket id seen in the damaged part (0 when none).
    public var highestTicketID: UInt64
    /// The highest number per prefix and service day seen in the damaged part.
    public var numbers: [IssuedNumber]

    /// Creates an acceptance.
    public init(lostFrom: UInt64, lastSeen: UInt64 = 0, highestTicketID: UInt64 = 0, numbers: [IssuedNumber] = []) {
        self.lostFrom = lostFrom
        self.lastSeen = lastSeen
        self.highestTicketID = highestTicketID
        self.numbers = numbers
    }

    /// Adds what a readable record of the damaged part shows.
    public mutating func note(_ record: JournalRecord) {
        lastSeen = max(lastSeen, record.sequence)
        for case .ticketIssued(let issued) in record.events {
            highestTicketID = max(highestTicketID, issued.id.rawValue)
            if let i = numbers.firstIndex(where: { $0.day == issued.day && $0.number.prefix == issued.number.prefix }) {
                if numbers[i].number.isBefore(issued.number) { numbers[i].number = issued.number }
            } else {
                numbers.append(IssuedNumber(day: issued.day, number: issued.number))
            }
        }
    }
}

/// A ticket number issued on a service day.
public struct IssuedNumber: Sendable, Hashable {
    /// The service day.
    public var day: LocalDate
    /// The number.
    public var number: TicketNumber
    /// Creates the pair.
    public init(day: LocalDate, number: TicketNumber) {
        self.day = day
        self.number = number
    }
}

extension TicketNumber {
    /// Whether this number was issued before `other` of the same prefix (earlier cycle or value).
    func isBefore(_ other: TicketNumber) -> Bool { (cycle, value) < (other.cycle, other.value) }
}
