import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The fault tier's clock: the wall clock steps forward over midnight and back (as an NTP
/// correction or a wrong manual setting would) under a running lobbyd, and lobbyd restarts on a
/// clock earlier than its journal. Numbers never repeat within a day; a day never goes back.
@Suite("Faults: clock steps and day changes", .tags(.host), .serialized)
struct ClockFaultTests {
    static let ticket = #"{"service": "passport", "print": false}"#

    static func issue(_ d: DaemonProcess, key: String) throws -> (number: String, day: String) {
        let r = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: ticket, token: StorageFaultTests.kiosk, idempotencyKey: key)
        let t = try #require(r.json?["ticket"] as? [String: Any], "\(r.status) \(String(decoding: r.body, as: UTF8.self))")
        return (try #require(t["number"] as? String), try #require(t["day"] as? String))
    }

    @Test("steps forward over midnight and back again: a new day starts once, numbers never repeat within a day")
    func steps() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let journal = scratch.path + "/journal.db"
        var d = try StorageFaultTests.start(scratch, journal: journal, control: control)
        var issued: [(number: String, day: String)] = []
        for i in 0..<3 { issued.append(try Self.issue(d, key: "today-\(i)")) }
        let today = issued[0].day
        // A day and a bit later.
        try control.set("clock-offset-ms \(26 * 3_600_000)")
        issued.append(try Self.issue(d, key: "tomorrow-0"))
        let tomorrow = issued[3].day
        #expect(tomorrow > today)
        #expect(issued[3].number == "P001", "numbering restarts on a new day")
        // Back by three hours, then back to the real time: lobbyd stays on the later day.
        for (i, offset) in [23 * 3_600_000, 0].enumerated() {
            try control.set("clock-offset-ms \(offset)")
            let t = try Self.issue(d, key: "back-\(i)")
            #expect(t.day == tomorrow, "the service day went back to \(t.day)")
            issued.append(t)
        }
        // A restart on a clock earlier than the journal's last record.
        d.stop()
        d = try StorageFaultTests.start(scratch, journal: journal, control: control)
        defer { d.stop() }
        let afterRestart = try Self.issue(d, key: "restart-0")
        #expect(afterRestart.day == tomorrow)
        issued.append(afterRestart)
        for day in Set(issued.map(\.day)) {
            let numbers = issued.filter { $0.day == day }.map(\.number)
            #expect(Set(numbers).count == numbers.count, "\(day): a number was given twice: \(numbers)")
        }
        // The repeat of a request of the earlier day is still answered with its ticket.
        let again = try rawRequest(port: d.port, method: "POST", path: "/api/v1/tickets", body: Self.ticket, token: StorageFaultTests.kiosk, idempotencyKey: "today-0")
        #expect(again.status == 200, "\(again.status) \(String(decoding: again.body, as: UTF8.self))")
        let past = again.json?["ticket"] as? [String: Any]
        #expect(past?["number"] as? String == issued[0].number && past?["pastDay"] as? Bool == true)
    }
}
