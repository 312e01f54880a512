import LobbyQueue

/// The protocol spoken on a serial bus.
public enum BusProtocolName: String, Sendable, Hashable, CaseIterable {
    /// Lobby's own protocol (Docs/Protocol.md).
    case lobby
    /// Installed Candle/QSystem boards and keypads.
    case candle
    /// Installed `FF 68 …` callers and evaluators.
    case ff68

    /// The usual speed of the devices that speak it.
    public var defaultBaud: Int {
        switch self {
        case .lobby: 115_200
        case .candle: 57_600
        case .ff68: 9_600
        }
    }
}

/// What one device on a bus is for, as configured.
public enum BusDeviceUse: Sendable, Hashable {
    /// The board above a window.
    case windowBoard(WindowID)
    /// A hall board listing the last calls.
    case hallBoard
    /// A window's keypad; the transfer key sends the ticket to `transferTo`.
    case keypad(WindowID, transferTo: ServiceID?)
}

/// One configured device on a bus.
public struct BusDeviceEntry: Sendable, Hashable {
    /// Its bus address (0x10–0xEF).
    public var address: UInt8
    /// What it is for.
    public var use: BusDeviceUse

    /// A device entry.
    public init(address: UInt8, use: BusDeviceUse) {
        self.address = address
        self.use = use
    }
}

/// Settings of a compatibility bus (`devices.buses[].compatibility`); nil fields keep the driver's defaults.
public struct BusCompatibilitySettings: Sendable, Hashable {
    /// Pause after every frame written, in milliseconds.
    public var framePacingMilliseconds: Int?
    /// How long to wait for a poll's answer, in milliseconds.
    public var answerTimeoutMilliseconds: Int?
    /// How often boards' content is re-sent (they cannot report it), in seconds.
    public var boardRefreshSeconds: Int?
    /// The adapter reads back its own transmission (half-duplex without direction control).
    public var adapterEcho: Bool?
    /// FF 68 evaluator: score 1…5 for each key code 0…3.
    public var evaluatorScores: [Int]?
    /// FF 68 caller function codes that are operator keys: code → call-next, recall, no-show, finish, transfer.
    public var callerKeys: [Int: String] = [:]

    /// No overrides.
    public init() {}
}

/// One serial bus of boards and keypads (`devices.buses[]`).
public struct BusPortConfiguration: Sendable, Hashable {
    /// A short name used in health, metrics and `lobbyctl` (default: the port's file name).
    public var name: String
    /// The port: a device path (`/dev/lobby-rs485-0`) `tcp:HOST:PORT` for a serial server, or `unix:PATH` for a local socket.
    public var port: String
    /// Bits per second.
    public var baud: UInt32
    /// The protocol of the devices on this bus.
    public var protocolName: BusProtocolName
    /// Whether to ask the kernel for RS-485 mode (`ENOTTY` on ports without it is fine).
    public var rs485: Bool
    /// How long a new call stays on a board at least, in milliseconds.
    public var minimumCallDisplayMilliseconds: Int
    /// How long a keypad invites a vote after service, in seconds.
    public var voteTimeoutSeconds: Int
    /// The devices.
    public var devices: [BusDeviceEntry]
    /// Compatibility settings (ignored on a Lobby bus).
    public var compatibility = BusCompatibilitySettings()

    /// A bus from its parts.
    public init(name: String, port: String, baud: UInt32, protocolName: BusProtocolName, rs485: Bool,
                minimumCallDisplayMilliseconds: Int, voteTimeoutSeconds: Int, devices: [BusDeviceEntry],
                compatibility: BusCompatibilitySettings = BusCompatibilitySettings()) {
        self.name = name
        self.port = port
        self.baud = baud
        self.protocolName = protocolName
        self.rs485 = rs485
        self.minimumCallDisplayMilliseconds = minimumCallDisplayMilliseconds
        self.voteTimeoutSeconds = voteTimeoutSeconds
        self.devices = devices
        self.compatibility = compatibility
    }
}
