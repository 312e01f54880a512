/// Decides from capabilities (not from udev's `ID_INPUT_TOUCHSCREEN`) whether and how a device
/// is a touchscreen.
public enum TouchDeviceClassifier {
    /// The outcome of classifying one device.
    public enum Classification: Hashable, Sendable, CustomStringConvertible {
        /// A touchscreen, read with `protocol`; `forcedByMatch` when the match list decided.
        case touchscreen(TouchProtocol, forcedByMatch: Bool)
        /// Not a touchscreen, and why.
        case notTouchscreen(reason: String)

        /// The protocol when this is a touchscreen.
        public var touchProtocol: TouchProtocol? {
            if case .touchscreen(let value, _) = self { value } else { nil }
        }

        /// `touchscreen: <protocol>` or `not a touchscreen: <reason>`.
        public var description: String {
            switch self {
            case .touchscreen(let value, let forced): "touchscreen: \(value)\(forced ? " (forced by match list)" : "")"
            case .notTouchscreen(let reason): "not a touchscreen: \(reason)"
            }
        }
    }

    /// Classifies by capabilities; a match-list entry may force the device in or pick the protocol.
    ///
    /// Order: protocol B (`ABS_MT_SLOT` + `ABS_MT_POSITION_X/Y` + `ABS_MT_TRACKING_ID`),
    /// protocol A (`ABS_MT_POSITION_X/Y` without slots), single-touch (`ABS_X`/`ABS_Y` with
    /// `BTN_TOUCH`, else `BTN_LEFT`). Touchpads (`INPUT_PROP_POINTER`, `BUTTONPAD`, `SEMI_MT`)
    /// and graphics tablets (pen tools without `INPUT_PROP_DIRECT`) are refused; a missing
    /// `INPUT_PROP_DIRECT` alone is not a reason, since many old touchscreens set no property.
    public static func classify(_ device: DeviceDescription, matchList: DeviceMatchList = DeviceMatchList()) -> Classification {
        let entry = matchList.entry(for: device.identity.vendorProduct)
        if let forced = entry?.forcedProtocol {
            return forcedClassification(device, forced)
        }
        let byCapabilities = capabilities(device)
        guard entry != nil, case .notTouchscreen = byCapabilities else { return byCapabilities }
        // `auto` entry: accept any absolute touch axes, even on a device marked as a pointer.
        if let found = protocolFromAxes(device) { return .touchscreen(found, forcedByMatch: true) }
        return byCapabilities
    }

    /// Classification from capabilities alone.
    public static func capabilities(_ device: DeviceDescription) -> Classification {
        if device.has(.pointer) || device.has(.buttonPad) || device.has(.semiMultitouch) {
            return .notTouchscreen(reason: "marked as a touchpad (INPUT_PROP_POINTER/BUTTONPAD/SEMI_MT)")
        }
        if !device.has(.direct), device.supports(.toolPen) || device.supports(.stylus) {
            return .notTouchscreen(reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet)")
        }
        if let found = protocolFromAxes(device) { return .touchscreen(found, forcedByMatch: false) }
        if !device.supports(.absolute) {
            return .notTouchscreen(reason: "no absolute axes")
        }
        if device.supports(.x), device.supports(.y) {
            return .notTouchscreen(reason: "ABS_X/ABS_Y without BTN_TOUCH or BTN_LEFT (tablet pad or joystick?)")
        }
        return .notTouchscreen(reason: "no ABS_X/ABS_Y or ABS_MT_POSITION_X/Y axes")
    }

    private static func protocolFromAxes(_ device: DeviceDescription) -> TouchProtocol? {
        let hasMultitouchPosition = device.supports(.multitouchPositionX) && device.supports(.multitouchPositionY)
        if hasMultitouchPosition, device.supports(.multitouchSlot), device.supports(.multitouchTrackingID) {
            let slots = device.axis(.multitouchSlot).map { Int($0.maximum) - Int($0.minimum) + 1 } ?? 1
            return .multitouchSlots(slotCount: max(1, slots))
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

    private static func forcedClassification(_ device: DeviceDescription, _ forced: DeviceMatchList.ForcedProtocol) -> Classification {
        switch forced {
        case .singleTouch:
            guard device.supports(.x), device.supports(.y) else {
                return .notTouchscreen(reason: "match list forces single-touch but the device has no ABS_X/ABS_Y")
            }
            if device.supports(.touch) { return .touchscreen(.singleTouch(contactButton: .touch), forcedByMatch: true) }
            if device.supports(.buttonLeft) { return .touchscreen(.singleTouch(contactButton: .buttonLeft), forcedByMatch: true) }
            return .notTouchscreen(reason: "match list forces single-touch but the device has neither BTN_TOUCH nor BTN_LEFT")
        case .multitouchAnonymous:
            guard device.supports(.multitouchPositionX), device.supports(.multitouchPositionY) else {
                return .notTouchscreen(reason: "match list forces multitouch-a but the device has no ABS_MT_POSITION_X/Y")
            }
            return .touchscreen(.multitouchAnonymous, forcedByMatch: true)
        case .multitouchSlots:
            guard device.supports(.multitouchPositionX), device.supports(.multitouchPositionY),
                  device.supports(.multitouchTrackingID) else {
                return .notTouchscreen(reason: "match list forces multitouch-b but the device has no ABS_MT_POSITION_X/Y and ABS_MT_TRACKING_ID")
            }
            let slots = device.axis(.multitouchSlot).map { Int($0.maximum) - Int($0.minimum) + 1 } ?? 1
            return .touchscreen(.multitouchSlots(slotCount: max(1, slots)), forcedByMatch: true)
        }
    }
}
