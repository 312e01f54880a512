import LobbySystem
import LobbyTouch

/// One open touchscreen and its pipeline: read events in, gestures out. Owned by one thread.
///
/// Opening classifies the device again from its live capabilities, picks the calibration
/// (udev's `LIBINPUT_CALIBRATION_MATRIX`, else the configured one), grabs the device when
/// configured, and applies the current state once, so a finger already on the glass never
/// starts a contact.
public final class TouchscreenSession {
    /// The device.
    public let device: EvdevDevice
    /// How it is read.
    public let opened: OpenedTouchscreen
    /// The pipeline state (tracker counters, recognizer state).
    public private(set) var pipeline: TouchPipeline

    /// Why a touchscreen could not be opened.
    public enum OpenError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Opening or grabbing the node failed.
        case device(EvdevError)
        /// The device is not a usable touchscreen.
        case setup(path: String, TouchSetupError)

        /// Whether the device simply went away.
        public var meansAbsent: Bool {
            if case .device(let error) = self { error.meansAbsent } else { false }
        }

        /// What went wrong.
        public var description: String {
            switch self {
            case .device(let error): error.description
            case .setup(let path, let error): "\(path): \(error)"
            }
        }
    }

    /// Opens `path` as a touchscreen under `configuration`.
    public init(path: String, configuration: TouchscreenConfiguration) throws(OpenError) {
        let device: EvdevDevice
        do { device = try EvdevDevice(path: path) } catch { throw .device(error) }
        let classification = TouchDeviceClassifier.classify(device.description, matchList: configuration.matchList)
        let resolved: (touchProtocol: TouchProtocol, basis: TouchDeviceClassifier.Basis)
        do { resolved = try classification.requireTouchscreen() } catch { throw .setup(path: path, error) }
        let (touchProtocol, basis) = resolved
        let tracker: ContactTracker
        do { tracker = try ContactTracker(device: device.description, touchProtocol: touchProtocol) } catch {
            throw .setup(path: path, error)
        }
        let record = InputDeviceDiscovery.udevRecord(
            file: configuration.udevDataDirectory + "/"
                + UdevDeviceRecord.fileName(major: device.deviceNumber.major, minor: device.deviceNumber.minor))
        let calibration = CalibrationChoice.choose(udev: record, configured: configuration.calibration)
        if configuration.grab {
            do { try device.grab() } catch { throw .device(error) }
        }
        var pipeline = TouchPipeline(tracker: tracker, calibration: calibration.matrix, rotation: configuration.rotation,
                                     width: configuration.width, height: configuration.height, gestures: configuration.gestures)
        let now = MonotonicClock.now(monotonic: device.usesMonotonicClock)
        _ = pipeline.resynchronise(device.currentStateEvents(at: now))
        self.device = device
        self.pipeline = pipeline
        self.opened = OpenedTouchscreen(path: path, device: device.description, touchProtocol: touchProtocol,
                                        basis: basis, calibration: calibration, grabbed: device.isGrabbed)
    }

    /// Reads everything available through the pipeline.
    public func read() -> (gestures: [GestureEvent], end: EvdevDevice.ReadEnd) {
        var gestures: [GestureEvent] = []
        let end = device.readAvailable { reading in
            switch reading {
            case .event(let event):
                gestures += pipeline.process(event)
            case .resynchronised(let dropped, let syncEvents):
                gestures += pipeline.process(dropped)
                gestures += pipeline.resynchronise(syncEvents)
            }
        }
        return (gestures, end)
    }

    /// When `advance(to:)` has something to do (long press, end of the bounce window).
    public var nextDeadline: EventTime? { pipeline.recognizer.nextDeadline }

    /// The current time on the clock the device stamps events with.
    public var now: EventTime { MonotonicClock.now(monotonic: device.usesMonotonicClock) }

    /// Lets the gesture timers fire up to `time`.
    public func advance(to time: EventTime) -> [GestureEvent] { pipeline.advance(to: time) }

    /// Ends the input (unplug): a contact that had lifted is judged now; one still down is dropped.
    public func finish() -> [GestureEvent] { pipeline.finish() }
}
