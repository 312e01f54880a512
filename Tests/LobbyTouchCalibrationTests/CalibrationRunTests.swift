import LobbyTouch
import LobbyTouchCalibration
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct CalibrationRunTests {
    /// A panel mounted turned and offset: raw = skew(screen).
    static func raw(_ p: NormalizedPoint) -> NormalizedPoint {
        NormalizedPoint(x: 0.08 + 0.85 * (1 - p.y), y: 0.05 + 0.9 * p.x)
    }

    static func run() throws -> CalibrationRun {
        CalibrationRun(wizard: try CalibrationWizard(), width: 1080, height: 1920)
    }

    @Test func exactTapsFinishAfterTheCheckTarget() throws {
        var run = try Self.run()
        #expect(run.start == [.target(index: 0, count: 5, point: NormalizedPoint(x: 0.1, y: 0.1))])
        var events: [CalibrationRun.Event] = []
        for target in CalibrationWizard.fivePointTargets { events = run.record(Self.raw(target)) }
        #expect(events.last == .verify(point: run.verificationTarget))
        #expect(run.result == nil)
        events = run.record(Self.raw(run.verificationTarget))
        guard case .verified(let error) = events[1], case .done(let result) = events[2] else {
            Issue.record("expected verified and done, got \(events)")
            return
        }
        #expect(error < 1e-6)
        #expect(run.result == result)
        for target in [NormalizedPoint(x: 0.2, y: 0.8), NormalizedPoint(x: 0.7, y: 0.3)] {
            #expect(result.matrix.apply(Self.raw(target)).distance(to: target) < 1e-9)
        }
        #expect(run.record(NormalizedPoint(x: 0.5, y: 0.5)).isEmpty, "finished: taps are ignored")
    }

    @Test func aTapOnTheSameSpotIsRejectedAndTheTargetShownAgain() throws {
        var run = try Self.run()
        _ = run.record(Self.raw(CalibrationWizard.fivePointTargets[0]))
        let events = run.record(Self.raw(CalibrationWizard.fivePointTargets[0]))
        guard events.count == 3, case .rejected(1, let reason) = events[1] else {
            Issue.record("expected a rejection, got \(events)")
            return
        }
        #expect(reason.contains("too close to the tap on target 1"))
        #expect(events[2] == .target(index: 1, count: 5, point: CalibrationWizard.fivePointTargets[1]))
        #expect(run.phase == .target(index: 1))
    }

    @Test func anOutlierIsAskedForAgain() throws {
        var run = try Self.run()
        var events: [CalibrationRun.Event] = []
        for (index, target) in CalibrationWizard.fivePointTargets.enumerated() {
            let aimed = index == 4 ? NormalizedPoint(x: target.x + 0.12, y: target.y - 0.08) : target
            events = run.record(Self.raw(aimed))
        }
        guard case .retry(4, let residual) = events[1] else {
            Issue.record("expected a retry of target 5, got \(events) after \(run.wizard.taps)")
            return
        }
        #expect(residual > 50, "reported in pixels")
        #expect(events[2] == .target(index: 4, count: 5, point: CalibrationWizard.fivePointTargets[4]))
        events = run.record(Self.raw(CalibrationWizard.fivePointTargets[4]))
        #expect(events.last == .verify(point: run.verificationTarget))
    }

    @Test func aMissedCheckTapStartsOver() throws {
        var run = try Self.run()
        for target in CalibrationWizard.fivePointTargets { _ = run.record(Self.raw(target)) }
        let events = run.record(Self.raw(NormalizedPoint(x: 0.6, y: 0.2)))
        guard case .verifyFailed(let error) = events[1], case .restarted = events[2] else {
            Issue.record("expected verifyFailed and restarted, got \(events)")
            return
        }
        #expect(error > 500)
        #expect(events[3] == .target(index: 0, count: 5, point: CalibrationWizard.fivePointTargets[0]))
        #expect(run.phase == .target(index: 0))
        #expect(run.wizard.taps.allSatisfy { $0 == nil })
    }

    @Test func threeTargetsAreEnough() throws {
        var run = CalibrationRun(wizard: try CalibrationWizard(targets: CalibrationWizard.threePointTargets), width: 800, height: 480)
        for target in CalibrationWizard.threePointTargets { _ = run.record(Self.raw(target)) }
        let events = run.record(Self.raw(run.verificationTarget))
        #expect(events.contains { if case .done = $0 { true } else { false } })
        #expect(abs(run.verificationTolerance - 14.4) < 1e-9, "2 % of 480 px × 1.5")
    }
}

@Suite(.tags(.unit)) struct CalibrationTapDetectorTests {
    @Test(arguments: [
        ([(ContactEvent.Phase.down, 0.5, 0.5), (.move, 0.51, 0.5), (.up, 0.51, 0.505)], CalibrationTapDetector.Outcome.tap(NormalizedPoint(x: 0.51, y: 0.505))),
        ([(.down, 0.5, 0.5), (.move, 0.6, 0.5), (.up, 0.5, 0.5)], .moved(distance: 0.09999999999999998)),
        ([(.down, 0.5, 0.5), (.cancel, 0.5, 0.5)], .cancelled),
    ])
    func contactsBecomeTaps(_ contact: [(ContactEvent.Phase, Double, Double)], _ expected: CalibrationTapDetector.Outcome) {
        var detector = CalibrationTapDetector()
        let outcomes = contact.compactMap { detector.process($0.0, at: NormalizedPoint(x: $0.1, y: $0.2)) }
        #expect(outcomes.count == 1)
        if case .moved(let distance) = expected, case .moved(let got) = outcomes.first {
            #expect(abs(distance - got) < 1e-9)
        } else {
            #expect(outcomes.first == expected)
        }
    }

    @Test func anUpWithoutADownIsNothing() {
        var detector = CalibrationTapDetector()
        #expect(detector.process(.up, at: NormalizedPoint(x: 0.1, y: 0.1)) == nil)
        #expect(detector.process(.move, at: NormalizedPoint(x: 0.1, y: 0.1)) == nil)
    }
}
