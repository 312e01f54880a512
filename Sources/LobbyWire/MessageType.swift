/// The message type byte of a frame (header byte 4).
public struct MessageType: Sendable, Equatable, Hashable {
    /// The raw type byte.
    public let rawValue: UInt8
    /// Wraps a raw type byte (unknown values are representable).
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    /// Reply: request accepted.
    public static let ack = MessageType(0x01)
    /// Reply: request refused, with a reason.
    public static let nack = MessageType(0x02)
    /// Request: report status (and, for keypads, deliver events); may acknowledge events.
    public static let poll = MessageType(0x10)
    /// Reply to poll: status flags, uptime, pending events.
    public static let status = MessageType(0x11)
    /// Request: who are you.
    public static let identifyRequest = MessageType(0x20)
    /// Reply: kind, versions, serial, geometry.
    public static let identifyReply = MessageType(0x21)
    /// Request: change address if the serial matches.
    public static let setAddress = MessageType(0x22)
    /// Request to unassigned devices: identify if the serial starts with a prefix.
    public static let searchSerial = MessageType(0x23)
    /// Request: make the device visible/audible for a technician.
    public static let blinkIdentify = MessageType(0x24)
    /// Request: restart after acknowledging.
    public static let reboot = MessageType(0x25)
    /// Board request: set text lines.
    public static let showText = MessageType(0x30)
    /// Board request: blank every line.
    public static let clear = MessageType(0x31)
    /// Board request: set brightness.
    public static let brightness = MessageType(0x32)
    /// Board request: show a test pattern.
    public static let testPattern = MessageType(0x33)
    /// Board request: read a chunk of the frame buffer.
    public static let readFrameBuffer = MessageType(0x34)
    /// Board reply: one chunk of the frame buffer.
    public static let frameBufferChunk = MessageType(0x35)
    /// Keypad request: invite a vote for a ticket.
    public static let voteStart = MessageType(0x40)
    /// Keypad request: end the vote session without a vote.
    public static let voteStop = MessageType(0x41)
    /// Keypad request: set the small display's text.
    public static let keypadText = MessageType(0x42)
    /// Keypad request: set LEDs and beeper.
    public static let indicators = MessageType(0x43)
    /// Test images only: simulate a key press.
    public static let injectKey = MessageType(0x7E)

    /// Who a message of this type is for (Protocol.md §6 table).
    public enum Audience: Sendable, Equatable {
        /// Not a type of this protocol version.
        case unknown
        /// A reply: devices send it, the master receives it.
        case master
        /// Every device (link-layer and maintenance requests).
        case anyDevice
        /// Boards only.
        case board
        /// Keypads only.
        case keypad
        /// Keypads built for tests only (identify capability bit 0).
        case testImages
    }

    /// Who messages of this type are for.
    public var audience: Audience {
        switch rawValue {
        case 0x01, 0x02, 0x11, 0x21, 0x35: .master
        case 0x10, 0x20, 0x22, 0x23, 0x24, 0x25: .anyDevice
        case 0x30, 0x31, 0x32, 0x33, 0x34: .board
        case 0x40, 0x41, 0x42, 0x43: .keypad
        case 0x7E: .testImages
        default: .unknown
        }
    }
}

/// Why a device refused a request (nack payload byte 1).
public enum NackReason: UInt8, Sendable, Equatable {
    /// The message type is unknown to this device.
    case unknownType = 1
    /// The payload is malformed (length or field value).
    case badPayload = 2
    /// The type is known but not supported by this kind of device.
    case unsupportedByDevice = 3
    /// A requested range (e.g. frame-buffer offset) is outside what the device has.
    case outOfRange = 4
    /// The frame's protocol version is not spoken; detail byte = highest supported version.
    case unsupportedVersion = 5
    /// The device cannot take the request now (e.g. event buffer full).
    case busy = 6
}
