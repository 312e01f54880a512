import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Numbering and day boundaries", .tags(.unit))
struct DayAndNumberingTests {
    @Test("numbers run per prefix and restart at local midnight in the centre's zone")
    func restartAtMidnight() throws {
        // 23:59 local in Baku (UTC+4) on 2026-11-16.
        var h = Harness(smallCentre(), now: Instant(seconds: 1_794_859_140))
        let a1 = try h.issue("a")
        let a2 = try h.issue("a")
        let b1 = try h.issue("b")
        #expect([h.number(a1), h.number(a2), h.number(b1)] == ["A001", "A002", "B001"])
        #expect(h.state.day == LocalDate(year: 2026, month: 11, day: 16))
        h.advance(seconds: 61)  // 00:00:01 next day, local
        let next = try h.issue("a")
        #expect(h.number(next) == "A001")
        #expect(h.state.day == LocalDate(year: 2026, month: 11, day: 17))
        // The previous day's waiting tickets expired and went to history.
        #expect(h.state.tickets[a1] == nil)
        #expect(h.state.history.filter { $0.state == .expired }.count == 3)
        #expect(next.rawValue > b1.rawValue)
    }

    @Test("DST spring forward in Europe/Berlin: the 23-hour day keeps one numbering")
    func springForward() throws {
        // 2026-03-29 01:30 CET; at 02:00 clocks jump to 03:00.
        var h = Harness(smallCentre(timeZone: "Europe/Berlin"), now: Instant(seconds: 1_774_744_200))
        let t1 = try h.issue("a")
        h.advance(seconds: 3600)  // 03:30 CEST, same day
        let t2 = try h.issue("a")
        #expect(h.number(t2) == "A002")
        #expect(h.ticket(t1).day == h.ticket(t2).day)
        let bounds = h.state.dayBounds!
        #expect(bounds.end.milliseconds - bounds.start.milliseconds == 23 * 3_600_000)
    }

    @Test("DST fall back in Europe/Berlin: the 25-hour day keeps one numbering, no number reused")
    func fallBack() throws {
        // 2026-10-25 00:00 CEST; at 03:00 CEST clocks go back to 02:00 CET.
        var h = Harness(smallCentre(timeZone: "Europe/Berlin"), now: Instant(seconds: 1_792_879_200))
        var numbers: [String] = []
        for _ in 0..<25 {
            let t = try h.issue("a")
            numbers.append(h.number(t))
            h.advance(seconds: 3600 - 1)
        }
        // 25 issues over 24h59m: all on the same 25-hour service day.
        #expect(Set(numbers).count == 25)
        #expect(numbers.last == "A025")
        let bounds = h.state.dayBounds!
        #expect(bounds.end.milliseconds - bounds.start.milliseconds == 25 * 3_600_000)
    }

    @Test("the clock going back does not move the service day back")
    func clockBack() throws {
        var h = Harness(smallCentre(), now: Instant(seconds: 1_794_859_140))
        h.advance(seconds: 120)
        _ = try h.issue("a")
        let day = h.state.day
        h.advance(seconds: -300)  // NTP step back across midnight
        let t = try h.issue("a")
        #expect(h.state.day == day)
        #expect(h.number(t) == "A002")
    }

    @Test("a range without wrap is exhausted with a clear error")
    func exhaustion() throws {
        var h = Harness(smallCentre(numbering: NumberingRule(first: 1, last: 3, wraps: false)))
        for _ in 0..<3 { _ = try h.issue("a") }
        expectError(.numberRangeExhausted(prefix: "A", last: 3)) { _ = try h.issue("a") }
        _ = try h.issue("b")  // other prefixes unaffected
    }

    @Test("wrap restarts the range skipping numbers still in use, in a new cycle")
    func wrap() throws {
        var h = Harness(smallCentre(numbering: NumberingRule(first: 1, last: 3, wraps: true)))
        h.openWindow(1)
        let t = try (0..<3).map { _ throws(QueueError) in try h.issue("a") }
        _ = try h.callNext(1)  // calls A001 (oldest)
        try h.run(.finishService(window: 1))
        let wrapped = try h.issue("a")
        #expect(h.ticket(wrapped).number == TicketNumber(prefix: "A", value: 1, cycle: 2))
        #expect(h.ticket(t[0]).number.cycle == 1)
        // A002 and A003 still wait and A001 (cycle 2) too: the range is full.
        expectError(.numberRangeExhausted(prefix: "A", last: 3)) { _ = try h.issue("a") }
        _ = try h.callNext(1)
        try h.run(.finishService(window: 1))  // A002 done
        let next = try h.issue("a")
        #expect(h.ticket(next).number == TicketNumber(prefix: "A", value: 2, cycle: 2))
        #expect(h.ticket(next).number.description == "A002")
    }

    @Test("wrap with every number in use is refused")
    func wrapFull() throws {
        var h = Harness(smallCentre(numbering: NumberingRule(first: 1, last: 2, wraps: true)))
        _ = try h.issue("a")
        _ = try h.issue("a")
        expectError(.numberRangeExhausted(prefix: "A", last: 2)) { _ = try h.issue("a") }
    }

    @Test("closed days and hours refuse tickets")
    func openingHours() throws {
        var config = smallCentre()
        config.openingHours = [.monday: [OpeningInterval(opens: TimeOfDay(hour: 9), closes: TimeOfDay(hour: 18))]]
        config.closedDays = [LocalDate(year: 2026, month: 11, day: 23)]
        var h = Harness(config)  // Monday 12:00
        _ = try h.issue("a")
        h.advance(seconds: 6 * 3600)  // 18:00
        expectError(.centreClosed(day: LocalDate(year: 2026, month: 11, day: 16), time: TimeOfDay(hour: 18))) { _ = try h.issue("a") }
        h.advance(seconds: 18 * 3600)  // Tuesday 12:00, no hours
        expectError(.centreClosed(day: LocalDate(year: 2026, month: 11, day: 17), time: TimeOfDay(hour: 12))) { _ = try h.issue("a") }
        h.advance(seconds: 6 * 86_400)  // Monday 23rd, a closed day
        expectError(.centreClosed(day: LocalDate(year: 2026, month: 11, day: 23), time: TimeOfDay(hour: 12))) { _ = try h.issue("a") }
    }
}
