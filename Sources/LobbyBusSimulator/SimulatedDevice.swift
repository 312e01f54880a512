import LobbyBoardFont
import LobbyWire

/// One simulated board or keypad: the firmware's core with its own power-on time.
public enum SimulatedDevice: Sendable {
    /// A board.
    case board(BoardCore<BoardFont>, configuration: BoardConfiguration)
    /// A keypad.
    case keypad(KeypadCore, configuration: KeypadConfiguration)

    /// Feeds one byte.
    mutating func receive(_ byte: UInt8, now: Ticks) -> EncodedFrame? {
        switch self {
        case .board(var core, let configuration):
            let reply = core.receive(byte, now: now)
            self = .board(core, configuration: configuration)
            return reply
        case .keypad(var core, let configuration):
            let reply = core.receive(byte, now: now)
            self = .keypad(core, configuration: configuration)
            return reply
        }
    }

    /// Advances time.
    mutating func tick(now: Ticks, keys: KeyMask) {
        switch self {
        case .board(var core, let configuration):
            core.tick(now: now)
            self = .board(core, configuration: configuration)
        case .keypad(var core, let configuration):
            core.tick(now: now, rawKeys: keys)
            self = .keypad(core, configuration: configuration)
        }
    }

    /// Whether the device asked to restart.
    var rebootRequested: Bool {
        switch self {
        case .board(let core, _): core.rebootRequested
        case .keypad(let core, _): core.rebootRequested
        }
    }

    /// The device's current address.
    public var address: DeviceAddress {
        switch self {
        case .board(let core, _): core.link.address
        case .keypad(let core, _): core.link.address
        }
    }

    /// The same device just powered on at `address`.
    func poweredOn(at address: DeviceAddress) -> SimulatedDevice {
        switch self {
        case .board(_, let configuration):
            .board(BoardCore(configuration: configuration, address: address, font: BoardFont()), configuration: configuration)
        case .keypad(_, let configuration):
            .keypad(KeypadCore(configuration: configuration, address: address), configuration: configuration)
        }
    }
}
