import Glibc
import LobbyEvdev
import LobbyFramebuffer
import LobbySystem
import LobbyTouch

/// Runs the calibration wizard on a real touchscreen: opens the panel directly (grabbed, so
/// nothing else acts on the taps), shows each target on the display (or only reports it, without
/// one), turns lifted contacts into taps, feeds `CalibrationRun` and returns the fitted matrix.
/// The library part of `lobbyctl touch calibrate`; one thread, blocking.
public final class TouchCalibrator {
    /// What the wizard uses.
    public struct Options: Sendable {
        /// The touchscreen node; nil: the best touchscreen in `inputDirectory`.
        public var devicePath: String?
        /// Where touchscreens are looked for.
        public var inputDirectory: String
        /// The wizard's targets (normalised screen).
        public var targets: [NormalizedPoint]
        /// The display; nil: no display (targets are only reported).
        public var display: DisplayConfiguration?
        /// The screen size without a display.
        public var screen: DisplaySize
        /// Seconds to wait for each tap before giving up.
        public var tapTimeout: Double
        /// Whether to take the panel exclusively.
        public var grab: Bool
        /// Match lines that force or refuse devices (as the configuration's `touchscreen.match`).
        public var matchList: DeviceMatchList

        /// Options; the defaults are five targets on the first display and touchscreen found.
        public init(devicePath: String? = nil, inputDirectory: String = "/dev/input", targets: [NormalizedPoint] = CalibrationWizard.fivePointTargets,
                    display: DisplayConfiguration? = DisplayConfiguration(), screen: DisplaySize = DisplaySize(width: 1080, height: 1920),
                    tapTimeout: Double = 60, grab: Bool = true, matchList: DeviceMatchList = DeviceMatchList()) {
            self.devicePath = devicePath
            self.inputDirectory = inputDirectory
            self.targets = targets
            self.display = display
            self.screen = screen
            self.tapTimeout = tapTimeout
            self.grab = grab
            self.matchList = matchList
        }
    }

    /// Why the wizard stopped without a matrix.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// No touchscreen to calibrate.
        case noTouchscreen(String)
        /// The touchscreen could not be opened or read.
        case device(EvdevError)
        /// The touchscreen cannot be tracked.
        case setup(TouchSetupError)
        /// The display failed.
        case display(DisplayError)
        /// The targets are unusable.
        case targets(CalibrationWizard.SetupError)
        /// Nobody tapped in time.
        case timedOut(seconds: Double)
        /// The touchscreen went away.
        case unplugged(String)

        /// What went wrong.
        public var description: String {
            switch self {
            case .noTouchscreen(let reason): "no touchscreen to calibrate: \(reason)"
            case .device(let error): error.description
            case .setup(let error): "the touchscreen cannot be read: \(error)"
            case .display(let error): error.description
            case .targets(let error): error.description
            case .timedOut(let seconds): "no tap within \(Int(seconds)) s; calibration abandoned"
            case .unplugged(let path): "\(path) was unplugged during calibration"
            }
        }
    }

    /// The panel's node.
    public let devicePath: String
    /// The panel's description.
    public let device: DeviceDescription
    /// The screen size the matrix is fitted for.
    public let screen: DisplaySize
    /// What is drawn on, or nil.
    public let display: (any DisplayOutput)?
    private let evdev: EvdevDevice
    private let tracker: ContactTracker
    private let options: Options
    private let drawing: CalibrationScreen?

    /// Opens the touchscreen and the display.
    public init(options: Options) throws(Failure) {
        self.options = options
        guard options.targets.count >= 3 else { throw .targets(.tooFewTargets(options.targets.count)) }
        let path: String
        if let configured = options.devicePath {
            path = configured
        } else {
            let entries = InputDeviceDiscovery.nodes(in: options.inputDirectory).map {
                InputDeviceDiscovery.entry(for: $0, udevDataDirectory: "/run/udev/data")
            }
            switch TouchscreenSelector.select(entries, matchList: options.matchList) {
            case .touchscreen(let entry, _, _): path = entry.path
            case .none(let health): throw .noTouchscreen("\(health) in \(options.inputDirectory)")
            }
        }
        let evdev: EvdevDevice
        do { evdev = try EvdevDevice(path: path) } catch { throw .device(error) }
        let classification = TouchDeviceClassifier.classify(evdev.description, matchList: options.matchList)
        guard case .touchscreen(let touchProtocol, _) = classification else {
            throw .noTouchscreen("\(path) (\(evdev.description.name)): \(classification)")
        }
        do { tracker = try ContactTracker(device: evdev.description, touchProtocol: touchProtocol) } catch { throw .setup(error) }
        if options.grab {
            do { try evdev.grab() } catch { throw .device(error) }
        }
        var display: (any DisplayOutput)?
        if let configuration = options.display {
            do { display = try DisplayOpener.open(configuration) } catch { throw .display(error) }
        }
        self.evdev = evdev
        self.devicePath = path
        self.device = evdev.description
        self.display = display
        self.screen = display?.size ?? options.screen
        self.drawing = display.map { CalibrationScreen(size: $0.size) }
    }

    deinit { display?.close() }

    /// Runs the wizard to the end; `emit` gets every event as it happens.
    public func run(emit: (CalibrationRun.Event) -> Void) throws(Failure) -> CalibrationFit.Result {
        let wizard: CalibrationWizard
        do { wizard = try CalibrationWizard(targets: options.targets) } catch { throw .targets(error) }
        var run = CalibrationRun(wizard: wizard, width: Double(screen.width), height: Double(screen.height))
        var tracker = self.tracker
        var detector = CalibrationTapDetector()
        let transform = ScreenTransform(axes: tracker.axes, width: Double(screen.width), height: Double(screen.height))
        var first = true
        var note = ""
        func show(_ events: [CalibrationRun.Event]) throws(Failure) {
            // Draw first, then report: whoever reads the events sees the target already on screen.
            for event in events {
                switch event {
                case .rejected(_, let reason): note = "Again: \(reason)."
                case .retry: note = "That tap did not fit the others: touch this target again."
                case .restarted(let reason): note = "Starting over: \(reason)."
                case .verifyFailed: note = ""
                default: break
                }
            }
            try redraw(run, note: note, first: first)
            first = false
            events.forEach(emit)
        }
        try show(run.start)
        // Apply the current state once so a finger already down never counts.
        _ = tracker.resynchronise(evdev.currentStateEvents(at: MonotonicClock.now(monotonic: evdev.usesMonotonicClock)))
        var deadline = MonotonicClock.now().advanced(by: Milliseconds(options.tapTimeout * 1000))
        while run.result == nil {
            var descriptor = pollfd(fd: evdev.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let timeout = MonotonicClock.pollTimeout(until: deadline, now: MonotonicClock.now())
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .device(.systemCallFailed(call: "poll", errno: errno))
            }
            if ready == 0 { throw .timedOut(seconds: options.tapTimeout) }
            var contacts: [ContactEvent] = []
            let end = evdev.readAvailable { reading in
                switch reading {
                case .event(let event): contacts += tracker.process(event)
                case .resynchronised(let dropped, let sync):
                    contacts += tracker.process(dropped)
                    contacts += tracker.resynchronise(sync)
                }
            }
            switch end {
            case .drained: break
            case .unplugged: throw .unplugged(devicePath)
            case .failed(let error): throw .device(error)
            }
            for contact in contacts {
                guard let outcome = detector.process(contact.phase, at: transform.normalize(contact.position)) else { continue }
                switch outcome {
                case .tap(let point):
                    note = ""
                    try show(run.record(point))
                    deadline = MonotonicClock.now().advanced(by: Milliseconds(options.tapTimeout * 1000))
                case .moved:
                    note = "Tap without sliding the finger."
                    try redraw(run, note: note, first: false)
                case .cancelled:
                    break
                }
            }
        }
        return run.result!
    }

    private func redraw(_ run: CalibrationRun, note: String, first: Bool) throws(Failure) {
        guard let display, let drawing else { return }
        let title: String
        var detail = note
        switch run.phase {
        case .target(let index):
            title = "Touch the centre of the cross (\(index + 1) of \(run.wizard.targets.count))"
        case .verify:
            title = "Check: touch the centre of the cross"
            if detail.isEmpty { detail = "This tap is read with the new calibration." }
        case .finished:
            title = "Calibration done"
        }
        let damage = drawing.draw(CalibrationScreen.Prompt(target: run.currentPoint, title: title, detail: detail), first: first)
        let outcome: DisplayError? = drawing.withFrame { frame -> DisplayError? in
            do throws(DisplayError) {
                try display.present(frame, damage: damage)
                return nil
            } catch {
                return error
            }
        }
        if let outcome { throw .display(outcome) }
    }
}
