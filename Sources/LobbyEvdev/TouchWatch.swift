import LobbyTouch

/// Formats the monitor's updates for `lobbyctl touch watch`: one line per contact change,
/// gesture, health change or opened device, as text or as a JSON object (pure).
///
/// Times are seconds since the first timed event the watch saw (6 decimals), positions screen
/// pixels (2 decimals) plus raw device units for contact changes.
///
///     0.000000 down         x=270.00 y=480.00 raw=1024,1024
///     0.160000 tap          x=270.00 y=480.00
///     {"event":"tap","t":0.160000,"x":270.00,"y":480.00,"raw_x":1024,"raw_y":1024}
public struct TouchWatch: Hashable, Sendable {
    /// Output format.
    public enum Format: String, Hashable, Sendable {
        /// Aligned text.
        case text
        /// One JSON object per line.
        case json
    }

    /// The format.
    public let format: Format
    /// The time of the first timed event (times are printed relative to it).
    public private(set) var origin: EventTime?

    /// A watch formatter.
    public init(format: Format, origin: EventTime? = nil) {
        self.format = format
        self.origin = origin
    }

    /// The line for one update (never nil: every update is shown).
    public mutating func line(for update: TouchscreenUpdate) -> String {
        switch update {
        case .health(let health): healthLine(health)
        case .opened(let opened): openedLine(opened)
        case .gesture(let gesture): gestureLine(gesture)
        }
    }

    private func healthLine(_ health: TouchscreenHealth) -> String {
        switch format {
        case .text:
            return "health \(health)"
        case .json:
            var members: [(String, String)] = [("event", JSONText.string("health")), ("state", JSONText.string(health.state))]
            switch health {
            case .absent: break
            case .present(let name, let id):
                members += [("name", JSONText.string(name)), ("id", JSONText.string(id.description))]
            case .error(let reason):
                members.append(("reason", JSONText.string(reason)))
            }
            return JSONText.object(members)
        }
    }

    private func openedLine(_ opened: OpenedTouchscreen) -> String {
        let x = opened.touchProtocol.positionAxes.x
        let y = opened.touchProtocol.positionAxes.y
        let xRange = opened.device.axis(x).map { "\($0.minimum)..\($0.maximum)" } ?? "?"
        let yRange = opened.device.axis(y).map { "\($0.minimum)..\($0.maximum)" } ?? "?"
        switch format {
        case .text:
            return "device \(opened.path) \"\(opened.device.name)\" \(opened.device.identity.vendorProduct) "
                + "\(opened.touchProtocol)\(opened.basis == .capabilities ? "" : " (\(opened.basis.name))") "
                + "x \(xRange) y \(yRange) calibration \(opened.calibration)\(opened.grabbed ? " grabbed" : "")"
        case .json:
            var members: [(String, String)] = [
                ("event", JSONText.string("device")), ("path", JSONText.string(opened.path)),
                ("name", JSONText.string(opened.device.name)),
                ("id", JSONText.string(opened.device.identity.vendorProduct.description)),
                ("protocol", JSONText.string(opened.touchProtocol.name)),
                ("basis", JSONText.string(opened.basis.name)), ("forced", opened.basis.isConfigured ? "true" : "false"),
                ("calibration", JSONText.string(opened.calibration.matrix.udevValue)),
                ("calibration_source", JSONText.string(opened.calibration.source.rawValue)),
                ("grabbed", opened.grabbed ? "true" : "false"),
            ]
            if let problem = opened.calibration.problem { members.append(("calibration_problem", JSONText.string(problem))) }
            return JSONText.object(members)
        }
    }

    private mutating func gestureLine(_ gesture: GestureEvent) -> String {
        switch gesture {
        case .contact(let contact):
            return timed(contact.phase.rawValue, at: contact.time, position: contact.position, raw: contact.raw)
        case .tap(let tap):
            return timed("tap", at: tap.time, position: ScreenPoint(x: tap.x, y: tap.y), raw: tap.raw)
        case .longPress(let tap):
            return timed("long-press", at: tap.time, position: ScreenPoint(x: tap.x, y: tap.y), raw: tap.raw)
        case .rejected(let rejected):
            let reason = Self.reasonName(rejected.reason)
            let duration = JSONText.fixed(rejected.duration.value, decimals: 1)
            let t = relative(rejected.time)
            switch format {
            case .text:
                return Self.padded(t, 10) + " " + Self.padded("rejected", 12, left: true)
                    + " x=\(JSONText.fixed(rejected.position.x, decimals: 2)) y=\(JSONText.fixed(rejected.position.y, decimals: 2))"
                    + " reason=\(reason) duration=\(duration)ms"
            case .json:
                return JSONText.object([
                    ("event", JSONText.string("rejected")), ("t", t),
                    ("x", JSONText.fixed(rejected.position.x, decimals: 2)), ("y", JSONText.fixed(rejected.position.y, decimals: 2)),
                    ("reason", JSONText.string(reason)), ("duration_ms", duration),
                ])
            }
        }
    }

    private mutating func timed(_ name: String, at time: EventTime, position: ScreenPoint, raw: RawPoint) -> String {
        let t = relative(time)
        let x = JSONText.fixed(position.x, decimals: 2)
        let y = JSONText.fixed(position.y, decimals: 2)
        switch format {
        case .text:
            return Self.padded(t, 10) + " " + Self.padded(name, 12, left: true) + " x=\(x) y=\(y) raw=\(raw.x),\(raw.y)"
        case .json:
            return JSONText.object([
                ("event", JSONText.string(name)), ("t", t), ("x", x), ("y", y),
                ("raw_x", String(raw.x)), ("raw_y", String(raw.y)),
            ])
        }
    }

    private mutating func relative(_ time: EventTime) -> String {
        if origin == nil { origin = time }
        let origin = self.origin ?? time
        return JSONText.fixed(Double(time.microseconds - origin.microseconds) / 1_000_000, decimals: 6)
    }

    /// The reason's name in the output: `ghost`, `moved`, `too-long`, `cancelled`.
    public static func reasonName(_ reason: RejectedContact.Reason) -> String {
        switch reason {
        case .ghost: "ghost"
        case .moved: "moved"
        case .tooLong: "too-long"
        case .cancelled: "cancelled"
        }
    }

    private static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }
}
