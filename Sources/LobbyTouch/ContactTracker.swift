/// Turns evdev events into primary-contact events (down/move/up/cancel), for all three
/// touch protocols. Frames are committed at `SYN_REPORT`; only the first contact counts.
///
/// Rules:
/// - The primary contact is the first contact that starts while none is active (the lowest
///   slot when several start in one frame). Contacts that start while it is down — second
///   fingers, palms — are ignored for their whole life, even after the primary lifts.
/// - `SYN_DROPPED` throws away the partial frame and every event up to the next `SYN_REPORT`.
///   `resynchronise(_:)` then applies the device's current state (libevdev's sync events):
///   the primary moves if it is still down, is cancelled if it vanished, and no contact is
///   ever started from sync events. Without a resync (a raw recording) a primary that was down
///   during the drop may have lost its lift, so it ends with `cancel` instead of `up`.
/// - Position values outside the advertised range are clamped and counted.
public struct ContactTracker: Sendable {
    /// The protocol frames are read with.
    public let touchProtocol: TouchProtocol
    /// The position ranges.
    public let axes: TouchAxes
    /// Counters for diagnostics.
    public private(set) var diagnostics = TrackerDiagnostics()
    /// Whether events are being discarded after a `SYN_DROPPED`.
    public private(set) var isDiscarding = false

    private var engine: Engine
    /// The primary was down during a `SYN_DROPPED` and no resync has confirmed it: its lift may
    /// have been lost, so it ends with `cancel`, never `up`.
    private var primaryUnconfirmed = false
    private var pendingEvents = 0
    private var lastTime = EventTime(microseconds: 0)

    private enum Engine: Sendable {
        case slots(SlotContactEngine)
        case anonymous(AnonymousContactEngine)
        case single(SingleTouchEngine)
    }

    /// A tracker for a protocol and position ranges.
    ///
    /// - Parameters:
    ///   - initialSlot: the current `ABS_MT_SLOT` when reading starts (the device's value).
    ///   - anonymousMatchDistance: protocol A only: the largest jump, as a fraction of the
    ///     larger axis span, between two frames that still counts as the same contact.
    public init(touchProtocol: TouchProtocol, axes: TouchAxes, initialSlot: Int = 0, anonymousMatchDistance: Double = 0.15) {
        self.touchProtocol = touchProtocol
        self.axes = axes
        switch touchProtocol {
        case .multitouchSlots(let count):
            engine = .slots(SlotContactEngine(slotCount: count, initialSlot: initialSlot))
        case .multitouchAnonymous:
            engine = .anonymous(AnonymousContactEngine(matchDistance: anonymousMatchDistance))
        case .singleTouch(let button):
            engine = .single(SingleTouchEngine(contactButton: button))
        }
    }

    /// A tracker for a described device read with `touchProtocol`.
    public init(device: DeviceDescription, touchProtocol: TouchProtocol) throws(TouchSetupError) {
        let axes = try TouchAxes(device: device, touchProtocol: touchProtocol)
        let slot = device.axis(.multitouchSlot).map { Int($0.value) - Int($0.minimum) } ?? 0
        self.init(touchProtocol: touchProtocol, axes: axes, initialSlot: slot)
    }

    /// Whether a primary contact is down.
    public var isContactActive: Bool {
        switch engine {
        case .slots(let value): value.primary != nil
        case .anonymous(let value): value.primary != nil
        case .single(let value): value.primaryActive
        }
    }

    /// Feeds one live event; returns the primary-contact changes a `SYN_REPORT` commits.
    public mutating func process(_ event: InputEvent) -> [ContactEvent] {
        lastTime = event.time
        if isDiscarding {
            diagnostics.discardedEvents += 1
            switch event.syncCode {
            case .report?: isDiscarding = false
            case .dropped?: diagnostics.droppedReports += 1
            default: break
            }
            return []
        }
        switch event.type {
        case .synchronization:
            switch SyncCode(rawValue: event.code) {
            case .report:
                diagnostics.frames += 1
                pendingEvents = 0
                return commit(at: event.time, fromSync: false)
            case .multitouchReport:
                pendingEvents += 1
                if case .anonymous(var value) = engine {
                    value.endContact()
                    engine = .anonymous(value)
                }
            case .dropped:
                diagnostics.droppedReports += 1
                if isContactActive { primaryUnconfirmed = true }
                diagnostics.discardedEvents += pendingEvents
                pendingEvents = 0
                discardPending()
                isDiscarding = true
            default:
                break
            }
            return []
        case .absolute, .key:
            pendingEvents += 1
            apply(event)
            return []
        default:
            return []
        }
    }

    /// Applies the device state read after a `SYN_DROPPED` (libevdev's sync events, with or
    /// without a closing `SYN_REPORT`) and ends the discarding. Never starts a contact.
    public mutating func resynchronise(_ syncEvents: [InputEvent]) -> [ContactEvent] {
        isDiscarding = false
        primaryUnconfirmed = false
        discardPending()
        for event in syncEvents where event.type == .absolute || event.type == .key {
            apply(event)
        }
        let time = syncEvents.last?.time ?? lastTime
        lastTime = max(lastTime, time)
        pendingEvents = 0
        return commit(at: time, fromSync: true)
    }

    private mutating func apply(_ event: InputEvent) {
        if let axis = event.absoluteAxis {
            let position = touchProtocol.positionAxes
            if axis == position.x, axes.isOutOfRange(event.value, isX: true) { diagnostics.outOfRangeValues += 1 }
            if axis == position.y, axes.isOutOfRange(event.value, isX: false) { diagnostics.outOfRangeValues += 1 }
        }
        switch engine {
        case .slots(var value):
            value.apply(event, diagnostics: &diagnostics)
            engine = .slots(value)
        case .anonymous(var value):
            value.apply(event)
            engine = .anonymous(value)
        case .single(var value):
            value.apply(event)
            engine = .single(value)
        }
    }

    private mutating func commit(at time: EventTime, fromSync: Bool) -> [ContactEvent] {
        var output = engineCommit(at: time, fromSync: fromSync)
        guard primaryUnconfirmed else { return output }
        for index in output.indices where output[index].phase == .up || output[index].phase == .cancel {
            if output[index].phase == .up {
                output[index].phase = .cancel
                diagnostics.cancelledContacts += 1
            }
            primaryUnconfirmed = false
            // A contact starting in the same frame is new and confirmed.
            break
        }
        return output
    }

    private mutating func engineCommit(at time: EventTime, fromSync: Bool) -> [ContactEvent] {
        switch engine {
        case .slots(var value):
            let result = value.commit(at: time, fromSync: fromSync, axes: axes, diagnostics: &diagnostics)
            engine = .slots(value)
            return result
        case .anonymous(var value):
            let result = value.commit(at: time, fromSync: fromSync, axes: axes, diagnostics: &diagnostics)
            engine = .anonymous(value)
            return result
        case .single(var value):
            let result = value.commit(at: time, fromSync: fromSync, axes: axes, diagnostics: &diagnostics)
            engine = .single(value)
            return result
        }
    }

    private mutating func discardPending() {
        switch engine {
        case .slots(var value):
            value.discardPending()
            engine = .slots(value)
        case .anonymous(var value):
            value.discardPending()
            engine = .anonymous(value)
        case .single(var value):
            value.discardPending()
            engine = .single(value)
        }
    }
}
