/// Static settings of a keypad, fixed at build time.
public struct KeypadConfiguration: Sendable {
    /// Unique serial.
    public var serial: DeviceSerial
    /// Firmware version reported on identify.
    public var firmware: FirmwareVersion
    /// Tick rate of the `now` values passed in.
    public var ticksPerSecond: UInt32
    /// Consecutive equal key samples (one per tick) before a key changes state.
    public var debounceSamples: UInt8
    /// Characters of the small display.
    public var displayColumns: UInt8
    /// Whether `injectKey` is accepted (test images only).
    public var acceptsKeyInjection: Bool

    /// Creates a configuration.
    public init(
        serial: DeviceSerial, firmware: FirmwareVersion, ticksPerSecond: UInt32, debounceSamples: UInt8 = 3,
        displayColumns: UInt8 = 8, acceptsKeyInjection: Bool = false
    ) {
        self.serial = serial
        self.firmware = firmware
        self.ticksPerSecond = max(ticksPerSecond, 1)
        self.debounceSamples = debounceSamples
        self.displayColumns = displayColumns
        self.acceptsKeyInjection = acceptsKeyInjection
    }
}

/// The logic of a window keypad: bytes, ticks and raw key states in, answer bytes out.
///
/// Key indices: 0-4 are the vote keys 1-5, 5-9 the operator keys call-next, recall,
/// no-show, finish, transfer. Events wait in a ring until a poll acknowledges them.
public struct KeypadCore: Sendable {
    /// Key index of vote key "1"; "5" is this plus 4.
    public static let firstVoteKey = 0
    /// Key index of the first operator key (call-next); the others follow in `OperatorKey` order.
    public static let firstOperatorKey = 5

    /// The link layer (address, de-duplication, counters).
    public private(set) var link: DeviceLink
    /// Events not yet acknowledged.
    public private(set) var events = EventRing()
    /// The open vote session's ticket, if any.
    public private(set) var voteTicket: TicketReference?
    /// When the open vote session closes.
    public private(set) var voteDeadline = Ticks(0)
    /// The small display's text (UTF-8) and attributes.
    public private(set) var displayText = FixedBytes<64>()
    /// Attributes of the display text.
    public private(set) var displayAttributes: TextAttributes = []
    /// LEDs and beeper as last set.
    public private(set) var indicators = Indicators(leds: 0)
    /// Flags reported on poll.
    public private(set) var flags: StatusFlags = [.needsRepaint]
    /// Set after a reboot request was answered.
    public private(set) var rebootRequested = false
    /// Until when the keypad beeps and blinks to be found.
    public private(set) var identifyUntil: Ticks?

    private var configuration: KeypadConfiguration
    private var debouncer: KeyDebouncer
    private var injectedKeys: KeyMask = []
    private var injectedUntil = Ticks(0)
    private var now = Ticks(0)

    /// Lines of the small display (identify geometry).
    public static let displayLines: UInt8 = 1

    /// Creates a keypad with no session and no events.
    public init(configuration: KeypadConfiguration, address: DeviceAddress) {
        self.configuration = configuration
        link = DeviceLink(identity: Self.identity(configuration), address: address, ticksPerSecond: configuration.ticksPerSecond)
        debouncer = KeyDebouncer(samples: configuration.debounceSamples)
    }

    /// Powers the keypad on again, in place, as another keypad (`configuration`) at `address`.
    public mutating func restart(configuration: KeypadConfiguration, address: DeviceAddress) {
        self.configuration = configuration
        link.restart(identity: Self.identity(configuration), address: address, ticksPerSecond: configuration.ticksPerSecond)
        debouncer = KeyDebouncer(samples: configuration.debounceSamples)
        events.removeAll()
        voteTicket = nil
        voteDeadline = Ticks(0)
        displayText.removeAll()
        displayAttributes = []
        indicators = Indicators(leds: 0)
        flags = [.needsRepaint]
        rebootRequested = false
        identifyUntil = nil
        injectedKeys = []
        injectedUntil = Ticks(0)
        now = Ticks(0)
    }

    private static func identity(_ configuration: KeypadConfiguration) -> DeviceIdentity {
        DeviceIdentity(
            kind: .keypad, firmware: configuration.firmware, serial: configuration.serial,
            geometry: DisplayGeometry(lines: displayLines, columns: configuration.displayColumns, glyphWidth: 0, glyphHeight: 0),
            capabilities: DeviceIdentity.capabilityBeeper
                | (configuration.acceptsKeyInjection ? DeviceIdentity.capabilityTestHooks : 0))
    }

    /// Whether a vote session is open.
    public var isVoting: Bool { voteTicket != nil }

    /// Feeds one received byte at time `now`; returns bytes to transmit, if any.
    public mutating func receive(_ byte: UInt8, now: Ticks) -> EncodedFrame? {
        self.now = now
        switch link.consume(byte, now: now) {
        case .none: return nil
        case .send(let frame): return frame
        case .handle:
            let reply = handle(link.request.message)
            return link.respond(with: reply)
        }
    }

    /// Drops a partial frame after an inter-byte gap.
    public mutating func receiveGap() { link.resetDecoder() }

    /// Advances time by one key sample: debounces `rawKeys`, closes an expired vote session.
    public mutating func tick(now: Ticks, rawKeys: KeyMask) {
        self.now = now
        var raw = rawKeys
        if !injectedKeys.isEmpty {
            if now.hasReached(injectedUntil) { injectedKeys = [] } else { raw.formUnion(injectedKeys) }
        }
        let pressed = debouncer.sample(raw)
        var index = 0
        while index < 16 {
            if pressed.contains(KeyMask.key(index)) { keyPressed(index) }
            index += 1
        }
        if let ticket = voteTicket, now.hasReached(voteDeadline) {
            if record(.voteTimedOut(ticket: ticket)) { voteTicket = nil }
        }
        if let until = identifyUntil, now.hasReached(until) { identifyUntil = nil }
    }

    private mutating func keyPressed(_ index: Int) {
        if index >= Self.firstVoteKey && index < Self.firstVoteKey + 5 {
            if let ticket = voteTicket {
                if record(.vote(ticket: ticket, score: UInt8(index - Self.firstVoteKey + 1))) { voteTicket = nil }
            } else {
                record(.keyPressed(UInt8(index)))
            }
        } else if index >= Self.firstOperatorKey, let key = OperatorKey(rawValue: UInt8(index - Self.firstOperatorKey + 1)) {
            record(.operatorKey(key))
        } else {
            record(.keyPressed(UInt8(index)))
        }
    }

    /// Stores an event; on a full ring sets the flag and refuses.
    @discardableResult
    private mutating func record(_ kind: KeypadEventKind) -> Bool {
        if events.append(kind, at: now) != nil { return true }
        flags.insert(.eventBufferFull)
        return false
    }

    private mutating func handle(_ message: Message) -> Message? {
        switch message {
        case .poll(let through):
            if let through, events.acknowledge(through: through) > 0, !events.isFull {
                flags.remove(.eventBufferFull)
            }
            return .status(status())
        case .voteStart(let ticket, let timeout):
            voteTicket = ticket
            voteDeadline = now.adding(UInt32(timeout) * configuration.ticksPerSecond)
            return .ack(.voteStart)
        case .voteStop:
            voteTicket = nil
            return .ack(.voteStop)
        case .keypadText(let lines):
            // The same rules as a board's showText, for a display of one line (§6.8).
            if let beyond = lines.firstLine(atOrBeyond: Int(Self.displayLines)) {
                return .nack(.keypadText, .outOfRange, detail: beyond)
            }
            var index = 0
            while let line = lines.line(index) {
                displayText = lines.utf8(of: line)
                displayAttributes = line.attributes
                index += 1
            }
            flags.remove(.needsRepaint)
            return .ack(.keypadText)
        case .indicators(let settings):
            indicators = settings
            flags.remove(.needsRepaint)
            return .ack(.indicators)
        case .blinkIdentify(let seconds):
            identifyUntil = seconds == 0 ? nil : now.adding(UInt32(seconds) * configuration.ticksPerSecond)
            return .ack(.blinkIdentify)
        case .reboot:
            rebootRequested = true
            return .ack(.reboot)
        case .injectKey(let key, let hold):
            // The link refused it already unless this is a test image; the key index is 0...15.
            injectedKeys.insert(KeyMask.key(Int(key)))
            injectedUntil = now.adding(max(UInt32(hold) * configuration.ticksPerSecond / 100, 1))
            return .ack(.injectKey)
        default:
            return .nack(message.type, .unsupportedByDevice, detail: 0)
        }
    }

    /// The poll reply for the current state.
    private func status() -> DeviceStatus {
        var batch = KeypadEventBatch()
        var index = 0
        while index < KeypadEventBatch.capacity, let stored = events.event(at: index) {
            let age = now.ticks(since: stored.createdAt) / configuration.ticksPerSecond
            batch.append(KeypadEvent(id: stored.id, kind: stored.kind, ageSeconds: age))
            index += 1
        }
        var current = flags
        if voteTicket != nil { current.insert(.voteSessionOpen) }
        return DeviceStatus(
            flags: current, uptimeSeconds: now.rawValue / configuration.ticksPerSecond,
            pendingEvents: UInt8(min(events.count, 255)), events: batch)
    }
}
