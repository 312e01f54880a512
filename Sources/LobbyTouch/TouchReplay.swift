/// Plays a parsed recording through the same pipeline a live device uses
/// (tracker → calibration → gestures) and collects the result.
public enum TouchReplay {
    /// The kiosk's default screen: portrait 1080 × 1920 pixels.
    public static let defaultWidth = 1080.0
    /// The kiosk's default screen height.
    public static let defaultHeight = 1920.0

    /// Everything a replay produced.
    public struct Outcome: Sendable {
        /// Taps in screen pixels, `t` in seconds since the first event.
        public var taps: [ReplayTap]
        /// Long presses, same units.
        public var longPresses: [ReplayTap]
        /// Every gesture event in order (times as recorded).
        public var events: [GestureEvent]
        /// The protocol the device was read with.
        public var touchProtocol: TouchProtocol
        /// How the device was classified (protocol and basis).
        public var classification: TouchDeviceClassifier.Classification
        /// The tracker's counters at the end.
        public var diagnostics: TrackerDiagnostics
    }

    /// The taps of a recording, in screen pixels and seconds relative to the first event.
    public static func taps(
        recording: EvemuRecording, width: Double = defaultWidth, height: Double = defaultHeight,
        rotation: ScreenRotation = .none, calibration: CalibrationMatrix = .identity,
        gestures: GestureConfiguration = GestureConfiguration(), matchList: DeviceMatchList = DeviceMatchList()
    ) throws(TouchSetupError) -> [ReplayTap] {
        try replay(recording: recording, width: width, height: height, rotation: rotation,
                   calibration: calibration, gestures: gestures, matchList: matchList).taps
    }

    /// The full outcome of a replay.
    public static func replay(
        recording: EvemuRecording, width: Double = defaultWidth, height: Double = defaultHeight,
        rotation: ScreenRotation = .none, calibration: CalibrationMatrix = .identity,
        gestures: GestureConfiguration = GestureConfiguration(), matchList: DeviceMatchList = DeviceMatchList()
    ) throws(TouchSetupError) -> Outcome {
        guard let device = recording.device else { throw .noDeviceDescription }
        let classification = TouchDeviceClassifier.classify(device, matchList: matchList)
        let tracker = try ContactTracker(device: device, touchProtocol: try classification.requireTouchscreen().touchProtocol)
        var pipeline = TouchPipeline(tracker: tracker, calibration: calibration,
                                     rotation: rotation, width: width, height: height, gestures: gestures)
        var events: [GestureEvent] = []
        for event in recording.events {
            events += pipeline.process(event)
        }
        if let last = recording.events.last {
            events += pipeline.advance(to: last.time)
        }
        events += pipeline.finish()
        let origin = recording.events.first?.time ?? EventTime(microseconds: 0)
        func relative(_ tap: Tap) -> ReplayTap {
            ReplayTap(x: tap.x, y: tap.y, t: Double(tap.time.microseconds - origin.microseconds) / 1_000_000)
        }
        var taps: [ReplayTap] = []
        var longPresses: [ReplayTap] = []
        for event in events {
            switch event {
            case .tap(let tap): taps.append(relative(tap))
            case .longPress(let tap): longPresses.append(relative(tap))
            default: break
            }
        }
        return Outcome(taps: taps, longPresses: longPresses, events: events, touchProtocol: pipeline.tracker.touchProtocol,
                       classification: classification, diagnostics: pipeline.tracker.diagnostics)
    }
}

/// A tap of a replay: screen pixels and seconds since the recording's first event.
public struct ReplayTap: Hashable, Sendable, CustomStringConvertible {
    /// Screen x in pixels.
    public var x: Double
    /// Screen y in pixels.
    public var y: Double
    /// Seconds since the first event of the recording.
    public var t: Double

    /// A tap from its parts.
    public init(x: Double, y: Double, t: Double) {
        self.x = x
        self.y = y
        self.t = t
    }

    /// One JSON object: `{"x": 794.16, "y": 1603.54, "t": 0.205000}`.
    public var jsonLine: String {
        "{\"x\": \(Self.fixed(x, decimals: 2)), \"y\": \(Self.fixed(y, decimals: 2)), \"t\": \(Self.fixed(t, decimals: 6))}"
    }

    /// `x=… y=… t=…s`.
    public var description: String {
        "x=\(Self.fixed(x, decimals: 2)) y=\(Self.fixed(y, decimals: 2)) t=\(Self.fixed(t, decimals: 6))s"
    }

    /// A decimal with a fixed number of decimals, without Foundation formatting.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled.isFinite, scaled < 9e15 else { return "\(value)" }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        let whole = integer / divisor
        let fraction = String(integer % divisor)
        let sign = value < 0 && integer != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
