/// Multitouch protocol A state: each frame lists all contacts, each ended by `SYN_MT_REPORT`;
/// an empty frame means every contact lifted. Contacts have no identity (unless the device
/// also sends `ABS_MT_TRACKING_ID`), so the primary follows the nearest contact.
struct AnonymousContactEngine: Sendable {
    /// A contact being read, or one in the frame.
    struct Contact: Hashable, Sendable {
        var x: Int32?
        var y: Int32?
        var trackingID: Int32?

        var isEmpty: Bool { x == nil && y == nil && trackingID == nil }
    }

    /// The primary contact's last raw position and id.
    struct Primary: Hashable, Sendable {
        var x: Int32
        var y: Int32
        var trackingID: Int32?
    }

    let matchDistance: Double
    private var current = Contact()
    private var frame: [Contact] = []
    private(set) var primary: Primary?
    /// Other contacts are down without a primary: wait for an empty frame.
    private var blocked = false
    private var previousCount = 0

    init(matchDistance: Double) {
        self.matchDistance = matchDistance
    }

    mutating func apply(_ event: InputEvent) {
        switch event.absoluteAxis {
        case .multitouchPositionX?: current.x = event.value
        case .multitouchPositionY?: current.y = event.value
        case .multitouchTrackingID?: current.trackingID = event.value
        default: break
        }
    }

    /// `SYN_MT_REPORT`: the current contact is complete.
    mutating func endContact() {
        if !current.isEmpty { frame.append(current) }
        current = Contact()
    }

    mutating func commit(at time: EventTime, fromSync: Bool, axes: TouchAxes, diagnostics: inout TrackerDiagnostics) -> [ContactEvent] {
        endContact()
        let contacts = frame.compactMap { contact -> (x: Int32, y: Int32, id: Int32?)? in
            guard let x = contact.x, let y = contact.y else { return nil }
            if let id = contact.trackingID, id < 0 { return nil }
            return (x, y, contact.trackingID)
        }
        frame = []
        defer { previousCount = contacts.count }
        var output: [ContactEvent] = []

        if let current = primary {
            let match: (x: Int32, y: Int32, id: Int32?)?
            if fromSync {
                match = nil
            } else if let id = current.trackingID {
                match = contacts.first { $0.id == id }
            } else {
                match = contacts.min {
                    axes.relativeDistance(($0.x, $0.y), (current.x, current.y)) < axes.relativeDistance(($1.x, $1.y), (current.x, current.y))
                }.flatMap { axes.relativeDistance(($0.x, $0.y), (current.x, current.y)) <= matchDistance ? $0 : nil }
            }
            if let match {
                let before = axes.point(x: current.x, y: current.y).point
                let (position, clamped) = axes.point(x: match.x, y: match.y)
                if position != before {
                    output.append(ContactEvent(phase: .move, position: position, time: time, clamped: clamped))
                }
                primary = Primary(x: match.x, y: match.y, trackingID: match.id)
                diagnostics.ignoredContacts += max(0, contacts.count - max(previousCount, 1))
            } else {
                let (position, clamped) = axes.point(x: current.x, y: current.y)
                if fromSync { diagnostics.cancelledContacts += 1 }
                output.append(ContactEvent(phase: fromSync ? .cancel : .up, position: position, time: time, clamped: clamped))
                primary = nil
                blocked = fromSync || !contacts.isEmpty
            }
            return output
        }
        if contacts.isEmpty {
            blocked = false
        } else if blocked || fromSync {
            blocked = true
            diagnostics.ignoredContacts += max(0, contacts.count - previousCount)
        } else {
            let first = contacts[0]
            primary = Primary(x: first.x, y: first.y, trackingID: first.id)
            let (position, clamped) = axes.point(x: first.x, y: first.y)
            output.append(ContactEvent(phase: .down, position: position, time: time, clamped: clamped))
            diagnostics.ignoredContacts += contacts.count - 1
        }
        return output
    }

    mutating func discardPending() {
        current = Contact()
        frame = []
    }
}
