/// The highest codes a Linux kernel defines for each event type and for device properties
/// (`linux/input-event-codes.h`): what `EVIOCGBIT`/`EVIOCGPROP` can ever report, and so the
/// bound of every bit mask in an evemu recording.
public enum EvdevLimits {
    /// `INPUT_PROP_MAX`.
    public static let maximumProperty: UInt16 = 0x1f
    /// `INPUT_PROP_MAX 0x1f`, for error messages.
    public static let propertyLimitName = "INPUT_PROP_MAX 0x1f"

    /// The highest code of an event type's mask, or nil for a type the kernel defines no codes
    /// for (its mask may only be zero). `B: 00` holds the event types (`EV_MAX`) in files of
    /// evemu 1.0/1.1 and the `EV_SYN` codes (`SYN_MAX`, lower) in later ones: `EV_MAX` bounds both.
    public static func maximumCode(of type: EventType) -> UInt16? {
        switch type.rawValue {
        case 0x00: 0x1f   // EV_MAX
        case 0x01: 0x2ff  // KEY_MAX
        case 0x02: 0x0f   // REL_MAX
        case 0x03: 0x3f   // ABS_MAX
        case 0x04: 0x07   // MSC_MAX
        case 0x05: 0x10   // SW_MAX
        case 0x11: 0x0f   // LED_MAX
        case 0x12: 0x07   // SND_MAX
        case 0x14: 0x01   // REP_MAX
        case 0x15: 0x7f   // FF_MAX
        case 0x17: 0x01   // FF_STATUS_MAX
        default: nil
        }
    }

    /// The kernel's name of a type's limit, for error messages: `KEY_MAX 0x2ff` (nil: no codes).
    public static func limitName(of type: EventType) -> String? {
        let names: [UInt16: String] = [0x00: "EV_MAX", 0x01: "KEY_MAX", 0x02: "REL_MAX", 0x03: "ABS_MAX", 0x04: "MSC_MAX",
                                       0x05: "SW_MAX", 0x11: "LED_MAX", 0x12: "SND_MAX", 0x14: "REP_MAX", 0x15: "FF_MAX",
                                       0x17: "FF_STATUS_MAX"]
        guard let maximum = maximumCode(of: type), let name = names[type.rawValue] else { return nil }
        return "\(name) 0x\(String(maximum, radix: 16))"
    }

    /// Bytes per `B:`/`P:` line: evemu writes masks 8 bytes (64 bits) at a time.
    public static let bytesPerMaskLine = 8

    /// How many mask lines a kernel's largest mask of this size fills (at least one).
    public static func maximumMaskLines(highestCode: UInt16?) -> Int {
        guard let highestCode else { return 1 }
        return (Int(highestCode) + 1 + bytesPerMaskLine * 8 - 1) / (bytesPerMaskLine * 8)
    }
}
