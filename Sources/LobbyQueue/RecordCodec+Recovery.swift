/// Format version 3 of the journal records: a technician's acceptance of journal damage.
///
/// | Tag | Command / event | Fields |
/// |---|---|---|
/// | 20 | acceptJournalLoss / journalLossAccepted | lostFrom, lastSeen, highestTicketID, count, (day, prefix, value, cycle)… |
///
/// Outcome tag 4: recorded (no fields). A record without these is written in version 1 or 2, so
/// older builds keep reading journals that were never recovered.
extension RecordCodec {
    /// The first command and event tag of format version 3.
    static let firstVersion3Tag: UInt8 = 20

    /// Whether a record needs format version 3.
    static func needsVersion3(_ r: JournalRecord) -> Bool {
        if case .acceptJournalLoss = r.command { return true }
        return r.outcome == .recorded
    }

    /// Writes the loss (after its tag).
    static func write(_ loss: JournalLoss, to w: inout ByteWriter) {
        w.byte(firstVersion3Tag)
        w.uvarint(loss.lostFrom)
        w.uvarint(loss.lastSeen)
        w.uvarint(loss.highestTicketID)
        w.uvarint(UInt64(loss.numbers.count))
        for n in loss.numbers {
            w.varint(Int64(n.day.ordinal))
            w.string(n.number.prefix)
            w.varint(Int64(n.number.value))
            w.varint(Int64(n.number.cycle))
        }
    }

    /// Reads the loss after its tag.
    static func readLoss(_ r: inout ByteReader) throws(ByteReader.Failure) -> JournalLoss {
        var loss = JournalLoss(lostFrom: try r.uvarint(), lastSeen: try r.uvarint(), highestTicketID: try r.uvarint())
        let count = try r.uvarint()
        guard count < 10_000 else { throw ByteReader.Failure(offset: r.offset, reason: "implausible number count \(count)") }
        for _ in 0..<count {
            let day = try readDay(&r)
            let prefix = try r.string()
            let value = try r.int()
            let cycle = try r.int()
            loss.numbers.append(IssuedNumber(day: day, number: TicketNumber(prefix: prefix, value: value, cycle: cycle)))
        }
        return loss
    }
}
