/// Multitouch protocol B state: slots with tracking ids and positions, committed per frame.
struct SlotContactEngine: Sendable {
    /// One slot's state; values persist across frames as in the kernel.
    struct Slot: Hashable, Sendable {
        var trackingID: Int32?
        var x: Int32 = 0
        var y: Int32 = 0
    }

    /// The primary contact: its slot and tracking id.
    struct Primary: Hashable, Sendable {
        var slot: Int
        var trackingID: Int32
    }

    private var committed: [Slot]
    private var pending: [Slot]
    private var committedSlot: Int
    private var currentSlot: Int
    private(set) var primary: Primary?

    init(slotCount: Int, initialSlot: Int) {
        committed = Array(repeating: Slot(), count: max(1, slotCount))
        pending = committed
        committedSlot = initialSlot
        currentSlot = initialSlot
    }

    mutating func apply(_ event: InputEvent, diagnostics: inout TrackerDiagnostics) {
        guard let axis = event.absoluteAxis else { return }
        if axis == .multitouchSlot {
            currentSlot = Int(event.value)
            return
        }
        guard axis == .multitouchTrackingID || axis == .multitouchPositionX || axis == .multitouchPositionY else { return }
        guard pending.indices.contains(currentSlot) else {
            diagnostics.invalidSlotEvents += 1
            return
        }
        switch axis {
        case .multitouchTrackingID: pending[currentSlot].trackingID = event.value < 0 ? nil : event.value
        case .multitouchPositionX: pending[currentSlot].x = event.value
        default: pending[currentSlot].y = event.value
        }
    }

    mutating func commit(at time: EventTime, fromSync: Bool, axes: TouchAxes, diagnostics: inout TrackerDiagnostics) -> [ContactEvent] {
        var output: [ContactEvent] = []
        if let current = primary {
            let now = pending[current.slot]
            let before = committed[current.slot]
            if now.trackingID == current.trackingID {
                let (position, clamped) = axes.point(x: now.x, y: now.y)
                if axes.point(x: before.x, y: before.y).point != position {
                    output.append(ContactEvent(phase: .move, position: position, time: time, clamped: clamped))
                }
            } else {
                // A lift carries no position; values in this frame may already belong to a new
                // contact in the slot, so the contact ends where it was last seen.
                let (position, clamped) = axes.point(x: before.x, y: before.y)
                if fromSync { diagnostics.cancelledContacts += 1 }
                output.append(ContactEvent(phase: fromSync ? .cancel : .up, position: position, time: time, clamped: clamped))
                primary = nil
            }
        }
        let started = pending.indices.filter { index in
            pending[index].trackingID != nil && pending[index].trackingID != committed[index].trackingID
        }
        if primary == nil, !fromSync, let first = started.first, let id = pending[first].trackingID {
            primary = Primary(slot: first, trackingID: id)
            let (position, clamped) = axes.point(x: pending[first].x, y: pending[first].y)
            output.append(ContactEvent(phase: .down, position: position, time: time, clamped: clamped))
            diagnostics.ignoredContacts += started.count - 1
        } else {
            diagnostics.ignoredContacts += started.count
        }
        committed = pending
        committedSlot = currentSlot
        return output
    }

    mutating func discardPending() {
        pending = committed
        currentSlot = committedSlot
    }
}
