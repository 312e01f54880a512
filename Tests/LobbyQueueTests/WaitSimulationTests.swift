import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

@Suite("Wait estimates played forward", .tags(.unit))
struct WaitSimulationTests {
    @Test("one person waiting at a window serving twenty services means one service time, not the window's share")
    func generalistWindow() throws {
        let config = ScenarioCentre.generalist(services: 20, windows: 1)
        var h = Harness(config)
        h.openWindow(1)
        _ = try h.issue("s0")
        _ = try h.callNext(1)  // the window is busy with s0 (240 s expected) from now
        _ = try h.issue("s0")
        let e = h.engine.estimator.estimateForNewTicket(service: "s0", in: h.state, now: h.now)
        #expect(e.peopleAhead == 1)
        // 240 s for the citizen at the window, 240 s for the one waiting; the capacity-share
        // formula said 1 × 240 / (1/20) = 80 min.
        #expect(e.expectedWaitSeconds == 480)
        #expect(e.openWindows == 1)
        #expect(CapacityShareFormula.wait(for: "s0", in: h.engine) == 4_800)
    }

    @Test("a boosted ticket issued later that will be called first counts as ahead")
    func boostedAhead() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)  // serves only b (600 s)
        _ = try h.issue("b")
        _ = try h.callNext(2)  // busy for 600 s
        let regular = try h.issue("b")
        h.advance(seconds: 10)
        let aged = try h.issue("b", priority: "aged65")  // boost 600 s: scores 600 against the regular's 10
        let e = try #require(h.engine.estimate(for: regular, now: h.now))
        #expect(e.peopleAhead == 1)
        #expect(e.expectedWaitSeconds == 590 + 600)
        let a = try #require(h.engine.estimate(for: aged, now: h.now))
        #expect(a.peopleAhead == 0)
        #expect(a.expectedWaitSeconds == 590)
    }

    @Test("a window busy for longer than the average is still counted busy for a quarter of it")
    func overrunningService() throws {
        var h = Harness(smallCentre())
        h.openWindow(2)
        _ = try h.issue("b")
        _ = try h.callNext(2)
        h.advance(seconds: 100)
        #expect(h.engine.estimator.estimateForNewTicket(service: "b", in: h.state, now: h.now).expectedWaitSeconds == 500)
        h.advance(seconds: 900)
        #expect(h.engine.estimator.estimateForNewTicket(service: "b", in: h.state, now: h.now).expectedWaitSeconds == 150)
    }

    @Test("with no window open the configured windows are assumed staffed")
    func closedCentre() throws {
        var h = Harness(smallCentre())
        _ = try h.issue("c")  // only window 3 serves c (120 s)
        _ = try h.issue("c")
        let e = h.engine.estimator.estimateForNewTicket(service: "c", in: h.state, now: h.now)
        #expect(e.openWindows == 0)
        #expect(e.peopleAhead == 2)
        #expect(e.expectedWaitSeconds == 240)
    }

    @Test("a wait within 90 s is told as shortly")
    func shortly() {
        #expect(WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 1, averageServiceSeconds: 300).isShort)
        #expect(WaitEstimate(peopleAhead: 1, expectedWaitSeconds: 90, openWindows: 1, averageServiceSeconds: 300).isShort)
        #expect(!WaitEstimate(peopleAhead: 1, expectedWaitSeconds: 91, openWindows: 1, averageServiceSeconds: 300).isShort)
    }

    @Test("over simulated busy days the shown wait is within minutes of the actual one", arguments: [
        ScenarioCentre.generalist(services: 20, windows: 4), ScenarioCentre.make(services: 8, windows: 6),
    ])
    func simulatedDays(config: CentreConfiguration) {
        var played: [SimulatedDay.Visit] = [], legacy: [SimulatedDay.Visit] = []
        for seed in 1...2 {
            let day = SimulatedDay(configuration: config, seed: UInt64(seed), start: Harness.mondayNoonBaku.adding(seconds: -3 * 3600), load: 0.95)
            played += day.run { engine, service, priority, now in
                engine.estimator.estimateForNewTicket(service: service, priority: priority, in: engine.state, now: now).expectedWaitSeconds
            }
            legacy += day.run { engine, service, _, _ in CapacityShareFormula.wait(for: service, in: engine) }
        }
        let now = EstimateError(played), before = EstimateError(legacy)
        #expect(now.visits > 500)
        #expect(now.median <= 180, "p50 error \(now.median) s")
        #expect(now.median * 2 <= before.median, "p50 error \(now.median) s against \(before.median) s with the capacity-share formula")
        #expect(now.p90 < before.p90)
    }
}
