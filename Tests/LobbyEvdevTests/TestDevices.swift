import LobbyEvdev
import LobbyTouch

/// Synthetic device descriptions shaped like the real ones (capabilities as the kernel reports them).
enum TestDevices {
    static func description(name: String, vendor: UInt16, product: UInt16, properties: Set<InputProperty> = [],
                            keys: [KeyCode] = [], axes: [AbsoluteAxis: AbsoluteAxisInfo] = [:]) -> DeviceDescription {
        var supported: [EventType: Set<UInt16>] = [:]
        var types: Set<UInt16> = [EventType.synchronization.rawValue]
        if !keys.isEmpty {
            supported[.key] = Set(keys.map(\.rawValue))
            types.insert(EventType.key.rawValue)
        }
        if !axes.isEmpty {
            supported[.absolute] = Set(axes.keys.map(\.rawValue))
            types.insert(EventType.absolute.rawValue)
        }
        supported[.synchronization] = types
        return DeviceDescription(name: name, identity: DeviceIdentity(bus: 3, vendor: vendor, product: product, version: 1),
                                 properties: properties, supportedEvents: supported, absoluteAxes: axes)
    }

    /// An AT keyboard: keys only.
    static let keyboard = description(name: "AT Translated Set 2 keyboard", vendor: 0x0001, product: 0x0001,
                                      keys: [KeyCode(rawValue: 30), KeyCode(rawValue: 31)])
    /// QEMU's usb-tablet: ABS_X/Y 0..32767 with BTN_LEFT (udev calls it a mouse).
    static let tablet = description(name: "QEMU QEMU USB Tablet", vendor: 0x0627, product: 0x0001,
                                    keys: [.buttonLeft, .buttonRight],
                                    axes: [.x: AbsoluteAxisInfo(minimum: 0, maximum: 32767), .y: AbsoluteAxisInfo(minimum: 0, maximum: 32767)])
    /// A protocol B panel with INPUT_PROP_DIRECT.
    static let multitouch = description(
        name: "Synthetic Multitouch Panel", vendor: 0x1209, product: 0x0001, properties: [.direct], keys: [.touch],
        axes: [
            .multitouchSlot: AbsoluteAxisInfo(minimum: 0, maximum: 9),
            .multitouchTrackingID: AbsoluteAxisInfo(minimum: 0, maximum: 65535),
            .multitouchPositionX: AbsoluteAxisInfo(minimum: 0, maximum: 4095, resolution: 12),
            .multitouchPositionY: AbsoluteAxisInfo(minimum: 0, maximum: 4095, resolution: 12),
        ])
    /// A single-touch resistive panel with BTN_TOUCH and no properties.
    static let resistive = description(name: "Synthetic Resistive Panel", vendor: 0x1209, product: 0x0004, keys: [.touch],
                                       axes: [.x: AbsoluteAxisInfo(minimum: 30, maximum: 4040), .y: AbsoluteAxisInfo(minimum: 30, maximum: 4040)])
    /// The eGalax kiosk controller's panel node under hid-generic: BTN_TOOL_PEN + BTN_TOUCH, no properties.
    static let eGalaxPen = description(name: "eGalax Inc. USB TouchController Touchscreen", vendor: 0x0eef, product: 0x0001,
                                       keys: [.toolPen, .touch],
                                       axes: [.x: AbsoluteAxisInfo(minimum: 30, maximum: 4040), .y: AbsoluteAxisInfo(minimum: 60, maximum: 4035)])
    /// The same controller's silent node: BTN_LEFT/BTN_RIGHT on the same axes.
    static let eGalaxSibling = description(name: "eGalax Inc. USB TouchController", vendor: 0x0eef, product: 0x0001,
                                           keys: [.buttonLeft, .buttonRight],
                                           axes: [.x: AbsoluteAxisInfo(minimum: 30, maximum: 4040), .y: AbsoluteAxisInfo(minimum: 60, maximum: 4035)])
    /// A touchpad: protocol B axes but INPUT_PROP_POINTER.
    static let touchpad = description(
        name: "Synthetic Touchpad", vendor: 0x06cb, product: 0x0002, properties: [.pointer, .buttonPad], keys: [.touch, .buttonLeft],
        axes: [
            .multitouchSlot: AbsoluteAxisInfo(minimum: 0, maximum: 4),
            .multitouchTrackingID: AbsoluteAxisInfo(minimum: 0, maximum: 65535),
            .multitouchPositionX: AbsoluteAxisInfo(minimum: 0, maximum: 1000),
            .multitouchPositionY: AbsoluteAxisInfo(minimum: 0, maximum: 700),
        ])
}
