/// Single-touch state: `ABS_X`/`ABS_Y` and a contact button (`BTN_TOUCH` or `BTN_LEFT`).
struct SingleTouchEngine: Sendable {
    let contactButton: KeyCode
    private var committedDown = false
    private var pendingDown = false
    private var committedX: Int32 = 0
    private var committedY: Int32 = 0
    private var pendingX: Int32 = 0
    private var pendingY: Int32 = 0
    private(set) var primaryActive = false
    /// The button was found pressed at a resync: ignore it until it is released.
    private var blocked = false

    init(contactButton: KeyCode) {
        self.contactButton = contactButton
    }

    mutating func apply(_ event: InputEvent) {
        if let axis = event.absoluteAxis {
            if axis == .x { pendingX = event.value }
            if axis == .y { pendingY = event.value }
        } else if event.keyCode == contactButton {
            pendingDown = event.value != 0
        }
    }

    mutating func commit(at time: EventTime, fromSync: Bool, axes: TouchAxes, diagnostics: inout TrackerDiagnostics) -> [ContactEvent] {
        defer {
            committedDown = pendingDown
            committedX = pendingX
            committedY = pendingY
        }
        let (position, clamped) = axes.point(x: pendingX, y: pendingY)
        if primaryActive {
            if !pendingDown {
                primaryActive = false
                if fromSync { diagnostics.cancelledContacts += 1 }
                return [ContactEvent(phase: fromSync ? .cancel : .up, position: position, time: time, clamped: clamped)]
            }
            if axes.point(x: committedX, y: committedY).point != position {
                return [ContactEvent(phase: .move, position: position, time: time, clamped: clamped)]
            }
            return []
        }
        guard pendingDown else {
            blocked = false
            return []
        }
        if fromSync {
            if !blocked { diagnostics.ignoredContacts += 1 }
            blocked = true
            return []
        }
        guard !committedDown, !blocked else { return [] }
        primaryActive = true
        return [ContactEvent(phase: .down, position: position, time: time, clamped: clamped)]
    }

    mutating func discardPending() {
        pendingDown = committedDown
        pendingX = committedX
        pendingY = committedY
    }
}
