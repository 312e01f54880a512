import LobbyTouch

/// The whole `lobbyctl touch calibrate` session as a pure state machine: the wizard's targets,
/// then one verification target tapped through the new matrix, then the result. Input: taps in
/// normalised raw panel coordinates; output: events for the screen, the log and the driver.
///
/// | Phase | Input | Check | Next phase | Events |
/// |---|---|---|---|---|
/// | target(i) | tap | wizard accepts, more targets | target(next) | tap, target(next) |
/// | target(i) | tap | wizard refuses (outside, too close) | target(i) | tap, rejected, target(i) |
/// | target(i) | last tap | an outlier | target(worst) | tap, retry, target(worst) |
/// | target(i) | last tap | fit fails / implausible | target(0) | tap, restarted, target(0) |
/// | target(i) | last tap | fit good | verify | tap, verify |
/// | verify | tap | mapped tap within `verificationTolerance` px | finished | tap, verified, done |
/// | verify | tap | farther | target(0), wizard restarted | tap, verifyFailed, restarted, target(0) |
/// | finished | tap | — | finished | — |
public struct CalibrationRun: Hashable, Sendable {
    /// Where the session is.
    public enum Phase: Hashable, Sendable {
        /// Waiting for a tap on wizard target `index`.
        case target(index: Int)
        /// Waiting for a tap on the verification target.
        case verify(CalibrationFit.Result)
        /// Done.
        case finished(CalibrationFit.Result)
    }

    /// What happened, in order; rendered as JSON lines or text by `CalibrationLog`.
    public enum Event: Hashable, Sendable {
        /// Show target `index` of `count` at `point` (normalised screen).
        case target(index: Int, count: Int, point: NormalizedPoint)
        /// A tap was read (normalised raw panel coordinates).
        case tap(NormalizedPoint)
        /// The tap on target `index` was refused.
        case rejected(index: Int, reason: String)
        /// The tap on target `index` did not fit the others (residual in pixels): tap it again.
        case retry(index: Int, residualPixels: Double)
        /// Everything starts over.
        case restarted(reason: String)
        /// Show the verification target at `point` (normalised screen).
        case verify(point: NormalizedPoint)
        /// The verification tap landed `errorPixels` from its target.
        case verified(errorPixels: Double)
        /// The verification tap missed by `errorPixels` (more than the tolerance).
        case verifyFailed(errorPixels: Double)
        /// The final matrix and its fit.
        case done(CalibrationFit.Result)
    }

    /// The screen width in pixels (residuals and tolerances are reported in pixels).
    public let screenWidth: Double
    /// The screen height in pixels.
    public let screenHeight: Double
    /// The verification target (normalised screen); chosen away from the wizard's targets.
    public let verificationTarget: NormalizedPoint
    /// How far (pixels) the verification tap may land from its target.
    public let verificationTolerance: Double
    /// The wizard.
    public private(set) var wizard: CalibrationWizard
    /// The phase.
    public private(set) var phase: Phase

    /// A session on a `width`×`height` screen; `wizard` holds the targets and limits.
    public init(wizard: CalibrationWizard, width: Double, height: Double,
                verificationTarget: NormalizedPoint = NormalizedPoint(x: 0.3, y: 0.7), verificationTolerance: Double? = nil) {
        self.wizard = wizard
        self.screenWidth = width
        self.screenHeight = height
        self.verificationTarget = verificationTarget
        // Default: the wizard's residual limit in pixels of the shorter side, at least 10 px.
        self.verificationTolerance = verificationTolerance ?? max(10, wizard.configuration.maximumResidual * min(width, height) * 1.5)
        self.phase = .target(index: 0)
    }

    /// The events that open the session (the first target).
    public var start: [Event] {
        [.target(index: 0, count: wizard.targets.count, point: wizard.targets[0])]
    }

    /// Where the screen's current target is (normalised), nil when finished.
    public var currentPoint: NormalizedPoint? {
        switch phase {
        case .target(let index): wizard.targets[index]
        case .verify: verificationTarget
        case .finished: nil
        }
    }

    /// The result when finished.
    public var result: CalibrationFit.Result? {
        if case .finished(let result) = phase { result } else { nil }
    }

    /// Takes one tap (normalised raw panel coordinates) and returns what happened.
    public mutating func record(_ tap: NormalizedPoint) -> [Event] {
        var events: [Event] = [.tap(tap)]
        switch phase {
        case .finished:
            return []
        case .verify(let result):
            let mapped = result.matrix.apply(tap)
            let error = pixels(NormalizedPoint(x: mapped.x - verificationTarget.x, y: mapped.y - verificationTarget.y))
            if error <= verificationTolerance {
                phase = .finished(result)
                events += [.verified(errorPixels: error), .done(result)]
            } else {
                wizard.restart()
                phase = .target(index: 0)
                events += [.verifyFailed(errorPixels: error),
                           .restarted(reason: "the check tap landed \(Self.format(error)) px from its target; starting over"),
                           targetEvent(0)]
            }
            return events
        case .target:
            break
        }
        switch wizard.record(tap) {
        case .next(let index):
            phase = .target(index: index)
            events.append(targetEvent(index))
        case .rejected(let index, let reason):
            let text = switch reason {
            case .outsidePanel: "the tap is outside the panel's range"
            case .tooClose(let other, let distance): "the tap is too close to the tap on target \(other + 1) (\(Self.format(distance * 100)) % of the panel)"
            }
            events += [.rejected(index: index, reason: text), targetEvent(index)]
        case .retry(let index, let residual):
            phase = .target(index: index)
            events += [.retry(index: index, residualPixels: residual * min(screenWidth, screenHeight)), targetEvent(index)]
        case .restarted(let reason):
            phase = .target(index: 0)
            events += [.restarted(reason: reason), targetEvent(0)]
        case .completed(let result):
            phase = .verify(result)
            events.append(.verify(point: verificationTarget))
        }
        return events
    }

    private func targetEvent(_ index: Int) -> Event {
        .target(index: index, count: wizard.targets.count, point: wizard.targets[index])
    }

    private func pixels(_ delta: NormalizedPoint) -> Double {
        let dx = delta.x * screenWidth, dy = delta.y * screenHeight
        return (dx * dx + dy * dy).squareRoot()
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
