import LobbyQueue
import LobbyWire

/// What a device on the bus is for.
public enum BusDeviceRole: Sendable, Equatable {
    /// The board above a window: shows the ticket called to it.
    case windowBoard(WindowID)
    /// A hall board: the last calls, newest on top, one per line.
    case hallBoard
    /// The keypad at a window: votes and operator keys; `transferTarget` is where the transfer key sends a ticket.
    case keypad(WindowID, transferTarget: ServiceID? = nil)

    /// Whether the device is a board.
    public var isBoard: Bool {
        if case .keypad = self { return false }
        return true
    }
}

/// One device the bus master drives.
public struct BusDeviceConfiguration: Sendable, Equatable {
    /// Its bus address (`10`-`EF`).
    public var address: DeviceAddress
    /// What it is for.
    public var role: BusDeviceRole

    /// Creates a device entry.
    public init(address: DeviceAddress, role: BusDeviceRole) {
        self.address = address
        self.role = role
    }
}

/// Timing and policy of one bus; times in microseconds of the master's monotonic clock.
public struct BusConfiguration: Sendable, Equatable {
    /// The devices, each with a distinct address.
    public var devices: [BusDeviceConfiguration]
    /// Baud rate of the bus (sets answer deadlines).
    public var baud: UInt32
    /// How often each keypad is polled at most (round robin; the cycle is longer when the bus is full).
    public var keypadPollInterval: UInt64
    /// How often each board is polled to verify it still shows its content (needsRepaint, uptime).
    public var boardVerifyInterval: UInt64
    /// How long a call stays on a board before the next queued call replaces it.
    public var minimumCallDisplay: UInt64
    /// How many not yet shown calls a board queues; older ones are skipped when more arrive.
    public var maximumQueuedCalls: Int
    /// How long a keypad invites a vote after service ends, in seconds.
    public var voteTimeoutSeconds: UInt16
    /// Clean transactions in a row that turn `degraded` back into `online`.
    public var cleanTransactionsToRecover: Int
    /// What the bus speaks: Lobby protocol v1 (default) or a compatibility protocol.
    public var busProtocol: BusProtocol = .lobby
    /// Timing and mapping of the compatibility drivers (ignored on a Lobby bus).
    public var compatibility = CompatibilityOptions()

    /// Creates a configuration with the documented defaults (Docs/Bus.md).
    public init(
        devices: [BusDeviceConfiguration], baud: UInt32 = 115_200, keypadPollInterval: UInt64 = 100_000,
        boardVerifyInterval: UInt64 = 1_000_000, minimumCallDisplay: UInt64 = 5_000_000, maximumQueuedCalls: Int = 8,
        voteTimeoutSeconds: UInt16 = 60, cleanTransactionsToRecover: Int = 10
    ) {
        self.devices = devices
        self.baud = baud
        self.keypadPollInterval = keypadPollInterval
        self.boardVerifyInterval = boardVerifyInterval
        self.minimumCallDisplay = minimumCallDisplay
        self.maximumQueuedCalls = maximumQueuedCalls
        self.voteTimeoutSeconds = voteTimeoutSeconds
        self.cleanTransactionsToRecover = cleanTransactionsToRecover
    }

    /// Creates the configuration of a bus speaking `busProtocol` (Docs/Bus-compat.md for the compatibility protocols).
    public init(
        devices: [BusDeviceConfiguration], busProtocol: BusProtocol, baud: UInt32? = nil,
        compatibility: CompatibilityOptions = CompatibilityOptions(), keypadPollInterval: UInt64 = 100_000,
        minimumCallDisplay: UInt64 = 5_000_000, maximumQueuedCalls: Int = 8, voteTimeoutSeconds: UInt16 = 60
    ) {
        self.init(
            devices: devices, baud: baud ?? busProtocol.defaultBaud, keypadPollInterval: keypadPollInterval,
            minimumCallDisplay: minimumCallDisplay, maximumQueuedCalls: maximumQueuedCalls, voteTimeoutSeconds: voteTimeoutSeconds)
        self.busProtocol = busProtocol
        self.compatibility = compatibility
    }

    /// The longest time from a board losing its content (power blip, reboot) to showing its
    /// desired content again while the bus is healthy: one verify interval until the poll that
    /// sees `needsRepaint`, plus up to three attempts of that poll and of each repaint frame.
    public func repaintBound(repaintFrames: Int = 2) -> UInt64 {
        let timing = BusTiming(baud: baud)
        let attempt = timing.answerDeadline(requestBytes: FrameLimits.maxEncoded + 1)
        return boardVerifyInterval + UInt64(timing.attempts) * attempt * UInt64(1 + repaintFrames)
            + UInt64(devices.count) * attempt
    }
}
