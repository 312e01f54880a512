/// Decides from match lines and capabilities (not from udev's `ID_INPUT_TOUCHSCREEN`) whether
/// and how a device is a touchscreen.
public enum TouchDeviceClassifier {
    /// The most slots a protocol B device is read with; a wider `ABS_MT_SLOT` range is broken
    /// (real panels have up to a few dozen) and its higher slots are counted as invalid.
    public static let maximumSlots = 256

    /// Why a device counts as a touchscreen.
    public enum Basis: Hashable, Sendable, CustomStringConvertible {
        /// Its axes and buttons say so.
        case capabilities
        /// It reports a pen tool but is a touch controller (`PenControllerHeuristic`).
        case penController
        /// A built-in quirk line names it.
        case quirk(DeviceMatchList.Entry)
        /// A configured match line names it.
        case configuration(DeviceMatchList.Entry)

        /// A short name: `capabilities`, `pen-controller`, `quirk`, `configuration`.
        public var name: String {
            switch self {
            case .capabilities: "capabilities"
            case .penController: "pen-controller"
            case .quirk: "quirk"
            case .configuration: "configuration"
            }
        }

        /// Whether the configuration decided (such devices are chosen first).
        public var isConfigured: Bool {
            if case .configuration = self { true } else { false }
        }

        /// In words, for `touch list`: `by its capabilities`, `known panel (built-in quirks line 12: 0eef:0001 …)`.
        public var description: String {
            switch self {
            case .capabilities: "by its capabilities"
            case .penController: PenControllerHeuristic.summary
            case .quirk(let entry): "known panel (\(DeviceMatchList.Origin.quirks.rawValue) line \(entry.line): \(entry))"
            case .configuration(let entry): "forced by the configuration (match line \(entry.line): \(entry))"
            }
        }
    }

    /// The outcome of classifying one device.
    public enum Classification: Hashable, Sendable, CustomStringConvertible {
        /// A touchscreen, read with `protocol`, and why it counts as one.
        case touchscreen(TouchProtocol, basis: Basis)
        /// Not a touchscreen, and why.
        case notTouchscreen(reason: String)

        /// The protocol when this is a touchscreen.
        public var touchProtocol: TouchProtocol? {
            if case .touchscreen(let value, _) = self { value } else { nil }
        }

        /// The protocol and basis, or `TouchSetupError.notTouchscreen` with the reason.
        public func requireTouchscreen() throws(TouchSetupError) -> (touchProtocol: TouchProtocol, basis: Basis) {
            switch self {
            case .touchscreen(let value, let basis): (value, basis)
            case .notTouchscreen(let reason): throw .notTouchscreen(reason: reason)
            }
        }

        /// `touchscreen: <protocol>[, <basis>]` or `not a touchscreen: <reason>`.
        public var description: String {
            switch self {
            case .touchscreen(let value, .capabilities): "touchscreen: \(value)"
            case .touchscreen(let value, let basis): "touchscreen: \(value), \(basis)"
            case .notTouchscreen(let reason): "not a touchscreen: \(reason)"
            }
        }
    }

    /// Classifies `device`: the configured lines first, then the built-in quirks, then its
    /// capabilities (with the pen-controller heuristic). The first matching line decides.
    ///
    /// By capabilities, the order is protocol B (`ABS_MT_SLOT` + `ABS_MT_POSITION_X/Y` +
    /// `ABS_MT_TRACKING_ID`), protocol A (`ABS_MT_POSITION_X/Y` without slots), single touch
    /// (`ABS_X`/`ABS_Y` with `BTN_TOUCH`, else `BTN_LEFT`). Touchpads (`INPUT_PROP_POINTER`,
    /// `BUTTONPAD`, `SEMI_MT`) and graphics tablets (pen tools without `INPUT_PROP_DIRECT`,
    /// unless the heuristic calls them touch controllers) are refused; a missing
    /// `INPUT_PROP_DIRECT` alone is not a reason, since many old touchscreens set no property.
    public static func classify(_ device: DeviceDescription, matchList: DeviceMatchList = DeviceMatchList(),
                                quirks: DeviceMatchList = TouchQuirks.builtIn) -> Classification {
        if let entry = matchList.entry(for: device) {
            return classify(device, entry: entry, basis: .configuration(entry), origin: matchList.origin)
        }
        if let entry = quirks.entry(for: device) {
            return classify(device, entry: entry, basis: .quirk(entry), origin: quirks.origin)
        }
        return capabilities(device)
    }

    /// Classification from capabilities alone (with the pen-controller heuristic).
    public static func capabilities(_ device: DeviceDescription) -> Classification {
        if device.has(.pointer) || device.has(.buttonPad) || device.has(.semiMultitouch) {
            return .notTouchscreen(reason: "marked as a touchpad (INPUT_PROP_POINTER/BUTTONPAD/SEMI_MT)")
        }
        if !device.has(.direct), device.supports(.toolPen) || device.supports(.stylus) {
            switch PenControllerHeuristic.judge(device) {
            case .touchController:
                return .touchscreen(.singleTouch(contactButton: .touch), basis: .penController)
            case .tablet(let signs):
                return .notTouchscreen(reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet: \(signs.joined(separator: ", ")))")
            case .notApplicable:
                return .notTouchscreen(reason: "pen tools without INPUT_PROP_DIRECT and without BTN_TOUCH on ABS_X/ABS_Y (graphics tablet)")
            }
        }
        if let found = protocolFromAxes(device) { return .touchscreen(found, basis: .capabilities) }
        if !device.supports(.absolute) {
            return .notTouchscreen(reason: "no absolute axes")
        }
        if device.supports(.x), device.supports(.y) {
            return .notTouchscreen(reason: "ABS_X/ABS_Y without BTN_TOUCH or BTN_LEFT (tablet pad or joystick?)")
        }
        return .notTouchscreen(reason: "no ABS_X/ABS_Y or ABS_MT_POSITION_X/Y axes")
    }

    /// What a matching line makes of the device.
    private static func classify(_ device: DeviceDescription, entry: DeviceMatchList.Entry, basis: Basis,
                                 origin: DeviceMatchList.Origin) -> Classification {
        let source = "\(origin.rawValue) line \(entry.line): \(entry)"
        switch entry.deviceClass {
        case .ignore:
            return .notTouchscreen(reason: "ignored (\(source))")
        case .tablet:
            return .notTouchscreen(reason: "a graphics tablet (\(source))")
        case .touchscreen:
            if let forced = entry.forcedProtocol {
                return forcedClassification(device, forced, basis: basis, source: source)
            }
            if let found = protocolFromAxes(device) { return .touchscreen(found, basis: basis) }
            if device.supports(.x), device.supports(.y), device.supports(.toolPen) {
                return .touchscreen(.singleTouch(contactButton: .touch), basis: basis)
            }
            return .notTouchscreen(reason: "\(source) makes it a touchscreen, but it has no touch axes (ABS_X/ABS_Y with BTN_TOUCH or BTN_LEFT, or ABS_MT_POSITION_X/Y)")
        }
    }

    private static func protocolFromAxes(_ device: DeviceDescription) -> TouchProtocol? {
        let hasMultitouchPosition = device.supports(.multitouchPositionX) && device.supports(.multitouchPositionY)
        if hasMultitouchPosition, device.supports(.multitouchSlot), device.supports(.multitouchTrackingID) {
            return .multitouchSlots(slotCount: slotCount(device))
        }
        if hasMultitouchPosition, !device.supports(.multitouchSlot) {
            return .multitouchAnonymous
        }
        if device.supports(.x), device.supports(.y) {
            if device.supports(.touch) { return .singleTouch(contactButton: .touch) }
            if device.supports(.buttonLeft) { return .singleTouch(contactButton: .buttonLeft) }
        }
        return nil
    }

    /// The slot count from the `ABS_MT_SLOT` range, 1…`maximumSlots`.
    private static func slotCount(_ device: DeviceDescription) -> Int {
        let slots = device.axis(.multitouchSlot).map { Int($0.maximum) - Int($0.minimum) + 1 } ?? 1
        return min(max(1, slots), maximumSlots)
    }

    private static func forcedClassification(_ device: DeviceDescription, _ forced: DeviceMatchList.ForcedProtocol,
                                             basis: Basis, source: String) -> Classification {
        switch forced {
        case .singleTouch:
            guard device.supports(.x), device.supports(.y) else {
                return .notTouchscreen(reason: "\(source) forces single-touch but the device has no ABS_X/ABS_Y")
            }
            if device.supports(.touch) { return .touchscreen(.singleTouch(contactButton: .touch), basis: basis) }
            if device.supports(.buttonLeft) { return .touchscreen(.singleTouch(contactButton: .buttonLeft), basis: basis) }
            return .notTouchscreen(reason: "\(source) forces single-touch but the device has neither BTN_TOUCH nor BTN_LEFT")
        case .multitouchAnonymous:
            guard device.supports(.multitouchPositionX), device.supports(.multitouchPositionY) else {
                return .notTouchscreen(reason: "\(source) forces multitouch-a but the device has no ABS_MT_POSITION_X/Y")
            }
            return .touchscreen(.multitouchAnonymous, basis: basis)
        case .multitouchSlots:
            guard device.supports(.multitouchPositionX), device.supports(.multitouchPositionY),
                  device.supports(.multitouchTrackingID) else {
                return .notTouchscreen(reason: "\(source) forces multitouch-b but the device has no ABS_MT_POSITION_X/Y and ABS_MT_TRACKING_ID")
            }
            return .touchscreen(.multitouchSlots(slotCount: slotCount(device)), basis: basis)
        }
    }
}
