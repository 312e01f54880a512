/// The kiosk's gesture state machine: primary-contact changes in screen pixels in, taps and
/// long presses out. Time is a parameter: each input carries its time, and `advance(to:)`
/// lets timers (long press, end of the bounce window) fire; `nextDeadline` says when.
///
/// A lift does not end a contact at once: for `bounceWindow` the recognizer waits, and a
/// touch near the lift continues the same contact (a bouncing finger or a flaky panel).
/// When the window passes, the contact is judged: ghost (too short), moved, too long, or tap.
/// The tap is stamped with the lift time and placed where the contact touched down.
/// The state table is in `Docs/Touch.md`.
public struct GestureRecognizer: Hashable, Sendable {
    /// How far a contact has got.
    public enum Stage: String, Hashable, Sendable {
        /// Down, still within the movement limit, long press not yet reached.
        case pressed
        /// Moved beyond the movement limit: no tap, no long press.
        case moving
        /// Long press reported.
        case longPressed
    }

    /// One contact from its first touch-down, across bounces.
    public struct Contact: Hashable, Sendable {
        /// Where it first touched down (pixels).
        public var downPosition: ScreenPoint
        /// Where it first touched down (device units).
        public var downRaw: RawPoint
        /// When it first touched down.
        public var downTime: EventTime
        /// The largest distance from `downPosition` so far (pixels).
        public var maximumDistance: Double
        /// The stage reached.
        public var stage: Stage
        /// How many bounces were merged into it.
        public var bounces: Int
    }

    /// The recognizer's state.
    public enum State: Hashable, Sendable {
        /// No contact.
        case idle
        /// A contact is down.
        case touching(Contact)
        /// The contact lifted at `liftTime`; waiting out the bounce window.
        case released(Contact, liftTime: EventTime, liftPosition: ScreenPoint)

        /// The state's name as in the table of `Docs/Touch.md`.
        public var name: String {
            switch self {
            case .idle: "Idle"
            case .touching(let contact):
                switch contact.stage {
                case .pressed: "Pressed"
                case .moving: "Moving"
                case .longPressed: "LongPressed"
                }
            case .released: "Released"
            }
        }
    }

    /// The thresholds.
    public let configuration: GestureConfiguration
    /// The current state.
    public private(set) var state: State = .idle

    /// A recognizer with the given thresholds.
    public init(configuration: GestureConfiguration = GestureConfiguration()) {
        self.configuration = configuration
    }

    /// When `advance(to:)` will next have something to do, if anything.
    public var nextDeadline: EventTime? {
        switch state {
        case .idle: nil
        case .touching(let contact):
            contact.stage == .pressed ? contact.downTime.advanced(by: configuration.longPressDuration) : nil
        case .released(_, let liftTime, _):
            liftTime.advanced(by: configuration.bounceWindow)
        }
    }

    /// Lets timers up to `time` fire: long press, and judging a lifted contact.
    public mutating func advance(to time: EventTime) -> [GestureEvent] {
        switch state {
        case .idle:
            return []
        case .touching(var contact):
            let deadline = contact.downTime.advanced(by: configuration.longPressDuration)
            guard contact.stage == .pressed, time >= deadline else { return [] }
            contact.stage = .longPressed
            state = .touching(contact)
            return [.longPress(Tap(x: contact.downPosition.x, y: contact.downPosition.y, time: deadline, raw: contact.downRaw))]
        case .released(let contact, let liftTime, _):
            guard time >= liftTime.advanced(by: configuration.bounceWindow) else { return [] }
            state = .idle
            return judge(contact, liftTime: liftTime)
        }
    }

    /// Judges a lifted contact now, without waiting for the bounce window (end of input).
    public mutating func finish() -> [GestureEvent] {
        guard case .released(let contact, let liftTime, _) = state else { return [] }
        state = .idle
        return judge(contact, liftTime: liftTime)
    }

    /// Feeds one primary-contact change.
    public mutating func handle(_ input: ScreenContact) -> [GestureEvent] {
        var output = advance(to: input.time)
        if configuration.reportsContactUpdates { output.append(.contact(input)) }
        switch (state, input.phase) {
        case (.idle, .down):
            state = .touching(Self.newContact(input))
        case (.released(var contact, let liftTime, let liftPosition), .down):
            if input.position.distance(to: liftPosition) <= configuration.bounceDistancePixels {
                contact.bounces += 1
                state = .touching(moved(contact, to: input.position))
                output += advance(to: input.time)
            } else {
                output += judge(contact, liftTime: liftTime)
                state = .touching(Self.newContact(input))
            }
        case (.touching(let contact), .move), (.touching(let contact), .down):
            state = .touching(moved(contact, to: input.position))
        case (.touching(let contact), .up):
            state = .released(moved(contact, to: input.position), liftTime: input.time, liftPosition: input.position)
        case (.touching(let contact), .cancel):
            state = .idle
            output.append(.rejected(RejectedContact(
                reason: .cancelled, position: contact.downPosition,
                duration: input.time.since(contact.downTime), time: input.time
            )))
        default:
            break // moves, lifts and cancels without a contact: nothing to do
        }
        return output
    }

    private static func newContact(_ input: ScreenContact) -> Contact {
        Contact(
            downPosition: input.position, downRaw: input.raw, downTime: input.time,
            maximumDistance: 0, stage: .pressed, bounces: 0
        )
    }

    private func moved(_ contact: Contact, to position: ScreenPoint) -> Contact {
        var result = contact
        result.maximumDistance = max(result.maximumDistance, position.distance(to: contact.downPosition))
        if result.stage == .pressed, result.maximumDistance > configuration.tapMovementLimitPixels {
            result.stage = .moving
        }
        return result
    }

    private func judge(_ contact: Contact, liftTime: EventTime) -> [GestureEvent] {
        let duration = liftTime.since(contact.downTime)
        func rejected(_ reason: RejectedContact.Reason) -> [GestureEvent] {
            [.rejected(RejectedContact(reason: reason, position: contact.downPosition, duration: duration, time: liftTime))]
        }
        switch contact.stage {
        case .longPressed:
            return []
        case .moving:
            return rejected(.moved)
        case .pressed:
            if duration < configuration.minimumContactDuration { return rejected(.ghost) }
            if duration > configuration.tapMaximumDuration { return rejected(.tooLong) }
            return [.tap(Tap(x: contact.downPosition.x, y: contact.downPosition.y, time: liftTime, raw: contact.downRaw))]
        }
    }
}
