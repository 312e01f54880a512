/// The whole live path in one value: tracker → calibration/screen transform → gestures.
/// The evdev edge and the replay command feed it the same `InputEvent`s.
public struct TouchPipeline: Sendable {
    /// The contact tracker.
    public private(set) var tracker: ContactTracker
    /// Raw → screen mapping.
    public let transform: ScreenTransform
    /// The gesture state machine.
    public private(set) var recognizer: GestureRecognizer

    /// A pipeline from its three stages (the tracker's axes are used by the transform).
    public init(tracker: ContactTracker, calibration: CalibrationMatrix = .identity, rotation: ScreenRotation = .none,
                width: Double, height: Double, gestures: GestureConfiguration = GestureConfiguration()) {
        self.tracker = tracker
        self.transform = ScreenTransform(axes: tracker.axes, calibration: calibration, rotation: rotation, width: width, height: height)
        self.recognizer = GestureRecognizer(configuration: gestures)
    }

    /// A pipeline for a described device: classified (with an optional match list), then set up.
    public init(device: DeviceDescription, matchList: DeviceMatchList = DeviceMatchList(),
                calibration: CalibrationMatrix = .identity, rotation: ScreenRotation = .none,
                width: Double, height: Double, gestures: GestureConfiguration = GestureConfiguration()) throws(TouchSetupError) {
        let touchProtocol = try TouchDeviceClassifier.classify(device, matchList: matchList).requireTouchscreen().touchProtocol
        let tracker = try ContactTracker(device: device, touchProtocol: touchProtocol)
        self.init(tracker: tracker, calibration: calibration, rotation: rotation, width: width, height: height, gestures: gestures)
    }

    /// Feeds one live event: timers up to its time fire, then its contact changes are recognised.
    public mutating func process(_ event: InputEvent) -> [GestureEvent] {
        var output = recognizer.advance(to: event.time)
        for contact in tracker.process(event) {
            output += recognizer.handle(screenContact(contact))
        }
        return output
    }

    /// Applies libevdev's sync events after a `SYN_DROPPED` (see `ContactTracker.resynchronise`).
    public mutating func resynchronise(_ syncEvents: [InputEvent]) -> [GestureEvent] {
        var output: [GestureEvent] = []
        for contact in tracker.resynchronise(syncEvents) {
            output += recognizer.handle(screenContact(contact))
        }
        return output
    }

    /// Lets timers fire up to `time` (call at `recognizer.nextDeadline`).
    public mutating func advance(to time: EventTime) -> [GestureEvent] {
        recognizer.advance(to: time)
    }

    /// Ends the input: judges a contact that lifted inside the bounce window.
    public mutating func finish() -> [GestureEvent] {
        recognizer.finish()
    }

    private func screenContact(_ contact: ContactEvent) -> ScreenContact {
        ScreenContact(phase: contact.phase, position: transform.screenPoint(contact.position), raw: contact.position, time: contact.time)
    }
}
