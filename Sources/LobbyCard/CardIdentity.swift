import LobbyCCID

/// What a card offered for identification: its ATR, how it was talked to, and each application's reading.
public struct CardIdentity: Sendable, Hashable {
    /// The Answer-to-Reset bytes (describe the chip, not the holder).
    public var answerToReset: [UInt8]
    /// The exchange used.
    public var exchange: CardExchangePlan
    /// True when the protocol used is not listed by the reader's descriptor (see `CardExchangePlan.choose`).
    public var protocolNotAdvertised: Bool
    /// One reading per configured application, in order.
    public var readings: [CardApplicationReading]

    /// Creates an identity.
    public init(answerToReset: [UInt8], exchange: CardExchangePlan, protocolNotAdvertised: Bool = false,
                readings: [CardApplicationReading]) {
        self.answerToReset = answerToReset
        self.exchange = exchange
        self.protocolNotAdvertised = protocolNotAdvertised
        self.readings = readings
    }
}

/// A reader the monitor has opened: where it is, what it is, and its CCID layout.
public struct CardReaderInfo: Sendable, Hashable {
    /// USB identity and location.
    public var device: USBDeviceIdentity
    /// Interface, endpoints and class descriptor.
    public var layout: CCIDInterfaceLayout

    /// Creates the description.
    public init(device: USBDeviceIdentity, layout: CCIDInterfaceLayout) {
        self.device = device
        self.layout = layout
    }

    /// Stable id: the USB location (`usb:1-3`).
    public var id: String { device.location }
}

/// One line of `lobbyctl card list`: a CCID reader, or a CCID device that cannot be used, with its slots.
public struct CardReaderSnapshot: Sendable, Hashable {
    /// The USB identity.
    public var device: USBDeviceIdentity
    /// The layout, nil when the interface could not be read.
    public var layout: CCIDInterfaceLayout?
    /// Card presence per slot, as GetSlotStatus answered (empty when the reader could not be opened).
    public var slots: [ICCPresence]
    /// Why the reader is not usable (cannot open, claim, or decode), nil when it is.
    public var problem: String?

    /// Creates a snapshot.
    public init(device: USBDeviceIdentity, layout: CCIDInterfaceLayout?, slots: [ICCPresence], problem: String? = nil) {
        self.device = device
        self.layout = layout
        self.slots = slots
        self.problem = problem
    }
}
