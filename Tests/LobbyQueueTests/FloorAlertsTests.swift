import LobbyQueue
import LobbyTestSupport
import Testing

/// The supervisor's alerts: each appears when its situation holds at the given instant and is
/// gone once it no longer holds (no clock is read: `now` is passed in).
@Suite("Floor alerts", .tags(.unit))
struct FloorAlertsTests {
    private func alerts(_ h: Harness, health: [String: String] = [:], target: Int64 = 600) -> [FloorAlert] {
        FloorAlerts.compute(state: h.state, configuration: h.engine.configuration, health: health, now: h.now,
                            policy: FloorAlertPolicy(targetWaitSeconds: target))
    }

    @Test("a wait past the target appears after the target and clears when the citizen is called")
    func waitPastTarget() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        _ = try h.run(.setWindowState(window: 2, state: .paused))
        let first = try h.issue("b")
        h.advance(seconds: 30)
        _ = try h.issue("b")
        h.advance(seconds: 570)  // first has waited exactly 600 s: not past yet
        #expect(!alerts(h).contains { $0.kind == .waitPastTarget })
        h.advance(seconds: 1)
        let past = alerts(h).filter { $0.kind == .waitPastTarget }
        #expect(past.count == 1)
        #expect(past.first?.service == "b")
        #expect(past.first?.ticket == h.ticket(first).number)
        #expect(past.first?.seconds == 601)
        #expect(past.first?.limitSeconds == 600)
        #expect(past.first?.waiting == 2)
        _ = try h.run(.setWindowState(window: 2, state: .open))
        #expect(try h.callNext(2) == first)
        // The second citizen has waited 571 s: the alert is gone by itself.
        #expect(!alerts(h).contains { $0.kind == .waitPastTarget })
    }

    @Test("citizens waiting for a service no open window serves; gone when a window opens")
    func unserved() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // serves only b
        _ = try h.issue("c")
        let a = alerts(h).filter { $0.kind == .serviceUnserved }
        #expect(a.map(\.service) == ["c"])
        #expect(a.first?.waiting == 1)
        #expect(a.first?.isUrgent == true)
        h.openWindow(3)  // serves a, b, c
        #expect(!alerts(h).contains { $0.kind == .serviceUnserved })
    }

    @Test("a supervisor's assignment counts: a window given the service serves it")
    func unservedUsesAssignment() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        _ = try h.issue("c")
        try h.run(.supervise(SupervisorAction(actor: "sup", reason: "c line", change: .assignServices(2, services: ["b": 1, "c": 1]))))
        #expect(!alerts(h).contains { $0.kind == .serviceUnserved })
    }

    @Test("an open window idle while its services have people waiting, after the grace; gone once it calls")
    func idleWindow() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        _ = try h.issue("b")
        h.advance(seconds: 120)
        #expect(!alerts(h).contains { $0.kind == .windowIdle })
        h.advance(seconds: 1)
        let idle = alerts(h).filter { $0.kind == .windowIdle }
        #expect(idle.map(\.window) == [2])
        #expect(idle.first?.waiting == 1)
        _ = try h.callNext(2)
        #expect(!alerts(h).contains { $0.kind == .windowIdle })
    }

    @Test("an idle window counts from its last call or finish, not from the oldest ticket")
    func idleFromLastActivity() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        _ = try h.issue("b")
        _ = try h.issue("b")
        h.advance(seconds: 300)
        _ = try h.callNext(2)
        h.advance(seconds: 60)
        try h.run(.finishService(window: 2))
        h.advance(seconds: 100)  // 100 s since the finish, though the other waits 460 s
        #expect(!alerts(h).contains { $0.kind == .windowIdle })
        h.advance(seconds: 21)
        #expect(alerts(h).filter { $0.kind == .windowIdle }.first?.seconds == 121)
    }

    @Test("a service running past twice its expected time; gone when it finishes")
    func overrun() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // b expects 600 s
        let t = try h.issue("b")
        _ = try h.callNext(2)
        try h.run(.startService(window: 2))
        h.advance(seconds: 1200)
        #expect(!alerts(h).contains { $0.kind == .serviceOverrun })
        h.advance(seconds: 1)
        let o = alerts(h).filter { $0.kind == .serviceOverrun }
        #expect(o.first?.window == 2)
        #expect(o.first?.ticket == h.ticket(t).number)
        #expect(o.first?.limitSeconds == 1200)
        try h.run(.finishService(window: 2))
        #expect(!alerts(h).contains { $0.kind == .serviceOverrun })
    }

    @Test("devices: paper out and offline are urgent, paper low is not; ok, unknown and disabled are quiet")
    func devices() {
        let h = Harness(smallCentre())
        let a = alerts(h, health: ["printer:kiosk-a": "paper-out", "printer:kiosk-b": "paper-low", "bus:hall/0x11": "offline",
                                   "printer:c": "ok", "printer:d": "unknown", "printer:e": "disabled"])
        #expect(a.map(\.kind) == [.paperOut, .deviceProblem, .paperLow])
        #expect(a.map(\.device) == ["printer:kiosk-a", "bus:hall/0x11", "printer:kiosk-b"])
        #expect(a[1].deviceState == "offline")
        #expect(alerts(h, health: ["printer:kiosk-a": "ok"]).isEmpty)
    }

    @Test("a quiet floor has no alerts")
    func quiet() throws {
        var h = Harness(smallCentre())
        h.openWindow(1)
        h.openWindow(2)
        h.openWindow(3)
        _ = try h.issue("a")
        h.advance(seconds: 60)
        #expect(alerts(h).isEmpty)
    }
}
