/// Tells a single-touch panel controller that reports a pen tool (eGalax and similar HID touch
/// controllers: `BTN_TOOL_PEN` + `BTN_TOUCH` + `ABS_X`/`ABS_Y`, no properties) from a graphics
/// tablet, which udev and libinput both call any device with `BTN_TOOL_PEN`.
///
/// A pen-reporting touch controller: absolute `ABS_X`/`ABS_Y`, `BTN_TOUCH` and `BTN_TOOL_PEN`,
/// no `INPUT_PROP_DIRECT` (those are read as touchscreens anyway), and none of the signs of a
/// graphics tablet: pressure, hover distance, tilt or an airbrush wheel (`ABS_PRESSURE`,
/// `ABS_DISTANCE`, `ABS_TILT_X/Y`, `ABS_WHEEL`), a second tool or side buttons
/// (`BTN_TOOL_RUBBER`…`BTN_TOOL_LENS`, `BTN_STYLUS`, `BTN_STYLUS2`, `BTN_STYLUS3`), pad buttons
/// (`BTN_0`), a tool serial number (`MSC_SERIAL`) or relative axes. Every pen tablet reports
/// pressure; a finger on a resistive or SAW panel has none of these.
public enum PenControllerHeuristic {
    /// Keys only graphics tablets (or their pads) have.
    public static let tabletKeys: [KeyCode] = [.toolRubber, .toolBrush, .toolPencil, .toolAirbrush, .toolMouse, .toolLens,
                                               .stylus, .stylus2, .stylus3, .button0]
    /// Axes only graphics tablets have.
    public static let tabletAxes: [AbsoluteAxis] = [.pressure, .distance, .tiltX, .tiltY, .wheel]
    /// `MSC_SERIAL`: the serial number of a tablet's tool.
    static let mscSerial: UInt16 = 0x00

    /// What the heuristic concluded about a device that advertises a pen tool.
    public enum Verdict: Hashable, Sendable {
        /// A pen-reporting touch controller: read it as a single-touch panel with `BTN_TOUCH`.
        case touchController
        /// A graphics tablet, with the signs that say so (`BTN_STYLUS`, `ABS_PRESSURE`, …).
        case tablet(signs: [String])
        /// Not a pen device, or lacking what a touch controller needs (`BTN_TOUCH`, `ABS_X`/`ABS_Y`).
        case notApplicable
    }

    /// Judges `device`.
    public static func judge(_ device: DeviceDescription) -> Verdict {
        guard device.supports(.toolPen), !device.has(.direct) else { return .notApplicable }
        var signs = tabletKeys.filter { device.supports($0) }.map(\.description)
        signs += tabletAxes.filter { device.supports($0) }.map(\.description)
        if device.supports(.miscellaneous, code: mscSerial) { signs.append("MSC_SERIAL") }
        if device.supports(.relative) { signs.append("relative axes") }
        guard signs.isEmpty else { return .tablet(signs: signs) }
        guard device.supports(.touch), device.supports(.x), device.supports(.y) else { return .notApplicable }
        return .touchController
    }

    /// The words a classification uses for this basis.
    public static let summary = "pen-reporting touch controller (BTN_TOOL_PEN + BTN_TOUCH, no pressure, tilt or stylus buttons)"
}
