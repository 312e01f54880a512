@testable import LobbyTouch

/// Compact event items for synthetic streams.
enum Item {
    case slot(Int32), id(Int32), mtX(Int32), mtY(Int32), x(Int32), y(Int32), touch(Int32), left(Int32), mtReport, dropped

    func event(at time: EventTime) -> InputEvent {
        switch self {
        case .slot(let v): .absolute(.multitouchSlot, v, at: time)
        case .id(let v): .absolute(.multitouchTrackingID, v, at: time)
        case .mtX(let v): .absolute(.multitouchPositionX, v, at: time)
        case .mtY(let v): .absolute(.multitouchPositionY, v, at: time)
        case .x(let v): .absolute(.x, v, at: time)
        case .y(let v): .absolute(.y, v, at: time)
        case .touch(let v): .key(.touch, v, at: time)
        case .left(let v): .key(.buttonLeft, v, at: time)
        case .mtReport: .sync(.multitouchReport, at: time)
        case .dropped: .sync(.dropped, at: time)
        }
    }
}

/// The events of one frame at `ms` milliseconds, closed by `SYN_REPORT` unless `report` is false.
func frame(_ ms: Int64, _ items: [Item], report: Bool = true) -> [InputEvent] {
    let time = EventTime.milliseconds(ms)
    return items.map { $0.event(at: time) } + (report ? [.sync(.report, at: time)] : [])
}

/// `phase x,y @ms` for compact comparison.
func compact(_ event: ContactEvent) -> String {
    "\(event.phase.rawValue) \(event.position.x),\(event.position.y) @\(event.time.microseconds / 1000)"
}

/// Synthetic device descriptions for classification and tracking.
enum TestDevices {
    static let axis1000 = AbsoluteAxisInfo(minimum: 0, maximum: 1000)
    static let axis2000 = AbsoluteAxisInfo(minimum: 0, maximum: 2000)
    static let axes = TouchAxes(x: axis1000, y: axis2000)

    static func device(
        name: String, vendor: UInt16 = 0x1234, product: UInt16 = 0x5678,
        properties: Set<InputProperty> = [], keys: [KeyCode] = [], axes: [AbsoluteAxis: AbsoluteAxisInfo] = [:], relative: Bool = false,
        miscellaneous: Set<UInt16> = []
    ) -> DeviceDescription {
        var supported: [EventType: Set<UInt16>] = [.synchronization: [0, 3]]
        if !miscellaneous.isEmpty { supported[.miscellaneous] = miscellaneous }
        if !keys.isEmpty {
            supported[.key] = Set(keys.map(\.rawValue))
            supported[.synchronization]!.insert(EventType.key.rawValue)
        }
        if !axes.isEmpty {
            supported[.absolute] = Set(axes.keys.map(\.rawValue))
            supported[.synchronization]!.insert(EventType.absolute.rawValue)
        }
        if relative {
            supported[.relative] = [0, 1]
            supported[.synchronization]!.insert(EventType.relative.rawValue)
        }
        return DeviceDescription(
            name: name, identity: DeviceIdentity(bus: 3, vendor: vendor, product: product, version: 1),
            properties: properties, supportedEvents: supported, absoluteAxes: axes
        )
    }

    /// An old N-Trig/eGalax style protocol A panel.
    static let protocolA = device(name: "Synthetic Protocol A Panel", properties: [.direct], keys: [.touch],
                                  axes: [.x: axis1000, .y: axis2000, .multitouchPositionX: axis1000, .multitouchPositionY: axis2000])
    /// An Elo-style panel: absolute X/Y and BTN_LEFT (udev calls it a mouse).
    static let eloStyle = device(name: "Synthetic Elo-Style Panel", vendor: 0x04e7, product: 0x0020, keys: [.buttonLeft, .buttonRight],
                                 axes: [.x: axis1000, .y: axis2000])
    /// A resistive single-touch panel with BTN_TOUCH.
    static let singleTouch = device(name: "Synthetic Resistive Panel", keys: [.touch], axes: [.x: axis1000, .y: axis2000])
    /// A protocol B panel with 4 slots.
    static let protocolB = device(name: "Synthetic Protocol B Panel", properties: [.direct], keys: [.touch],
                                  axes: [.x: axis1000, .y: axis2000, .multitouchSlot: AbsoluteAxisInfo(minimum: 0, maximum: 3),
                                         .multitouchPositionX: axis1000, .multitouchPositionY: axis2000,
                                         .multitouchTrackingID: AbsoluteAxisInfo(minimum: 0, maximum: 65535)])
    /// A touchpad: protocol B axes but INPUT_PROP_POINTER.
    static let touchpad = device(name: "Synthetic Touchpad", vendor: 0x06cb, product: 0x0001, properties: [.pointer, .buttonPad], keys: [.touch, .buttonLeft],
                                 axes: [.x: axis1000, .y: axis1000, .multitouchSlot: AbsoluteAxisInfo(minimum: 0, maximum: 4),
                                        .multitouchPositionX: axis1000, .multitouchPositionY: axis1000,
                                        .multitouchTrackingID: AbsoluteAxisInfo(minimum: 0, maximum: 65535)])
    /// A pen tablet: ABS_X/Y, BTN_TOUCH and pen tools, not direct.
    static let penTablet = device(name: "Synthetic Pen Tablet", keys: [.touch, .toolPen, .stylus], axes: [.x: axis1000, .y: axis1000])
    /// The eGalax kiosk controller's panel node under hid-generic: pen tool, no properties.
    static let eGalaxPen = device(name: "eGalax Inc. USB TouchController Touchscreen", vendor: 0x0eef, product: 0x0001,
                                  keys: [.toolPen, .touch], axes: [.x: AbsoluteAxisInfo(minimum: 30, maximum: 4040),
                                                                   .y: AbsoluteAxisInfo(minimum: 60, maximum: 4035)], miscellaneous: [4])
    /// The same controller's other node: mouse buttons on absolute axes, silent.
    static let eGalaxSibling = device(name: "eGalax Inc. USB TouchController", vendor: 0x0eef, product: 0x0001,
                                      keys: [.buttonLeft, .buttonRight], axes: [.x: AbsoluteAxisInfo(minimum: 30, maximum: 4040),
                                                                                .y: AbsoluteAxisInfo(minimum: 60, maximum: 4035)], miscellaneous: [4])
    /// A controller shaped like the eGalax under a VID:PID no quirk lists.
    static let unlistedPenController = device(name: "Synthetic Pen-Reporting Controller", vendor: 0x1209, product: 0x0002,
                                              keys: [.toolPen, .touch], axes: [.x: axis1000, .y: axis2000])
    /// A Wacom-style tablet: pressure, distance, tilt, eraser, side buttons, tool serials.
    static let wacomStyle = device(name: "Synthetic Wacom-Style Tablet", vendor: 0x056a, product: 0x0001,
                                   keys: [.toolPen, .toolRubber, .toolMouse, .touch, .stylus, .stylus2],
                                   axes: [.x: axis1000, .y: axis1000, .pressure: AbsoluteAxisInfo(minimum: 0, maximum: 2047),
                                          .distance: AbsoluteAxisInfo(minimum: 0, maximum: 63), .tiltX: AbsoluteAxisInfo(minimum: -64, maximum: 63),
                                          .tiltY: AbsoluteAxisInfo(minimum: -64, maximum: 63)], miscellaneous: [0])
    /// A cheap tablet: only a pen and pressure.
    static let pressureOnlyTablet = device(name: "Synthetic Cheap Tablet", vendor: 0x256c, product: 0x006d, keys: [.toolPen, .touch],
                                           axes: [.x: axis1000, .y: axis1000, .pressure: AbsoluteAxisInfo(minimum: 0, maximum: 8191)])
    /// A pen without a contact button (hover-only digitiser).
    static let penWithoutTouch = device(name: "Synthetic Hover Pen", keys: [.toolPen], axes: [.x: axis1000, .y: axis1000])
    /// A stylus screen of a tablet PC: pen with pressure on the display (INPUT_PROP_DIRECT).
    static let directPen = device(name: "Synthetic Tablet-PC Pen", vendor: 0x056a, product: 0x00e6, properties: [.direct],
                                  keys: [.toolPen, .toolRubber, .touch, .stylus],
                                  axes: [.x: axis1000, .y: axis2000, .pressure: AbsoluteAxisInfo(minimum: 0, maximum: 255)])
    /// A relative mouse.
    static let mouse = device(name: "Synthetic Mouse", keys: [.buttonLeft, .buttonRight], relative: true)
    /// A joystick-like device: ABS_X/Y and no contact button.
    static let joystick = device(name: "Synthetic Joystick", vendor: 0x0001, product: 0x0002, axes: [.x: axis1000, .y: axis1000])
}
