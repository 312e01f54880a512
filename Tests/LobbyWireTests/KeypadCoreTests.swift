import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Keypad core", .tags(.unit))
struct KeypadCoreTests {
    static let address = DeviceAddress(0x20)
    static let ticket = TicketReference(0x00AB_CDEF)

    static func makeKeypad(injection: Bool = false) -> KeypadCore {
        KeypadCore(
            configuration: KeypadConfiguration(
                serial: DeviceSerial(0x4C42_0000_0000_0020), firmware: FirmwareVersion(major: 1, minor: 0, patch: 0),
                ticksPerSecond: 100, debounceSamples: 3, acceptsKeyInjection: injection),
            address: address)
    }

    /// Holds a key for `ticks` samples starting at `start`, then releases it for as long.
    static func press(_ key: Int, on keypad: inout KeypadCore, from start: UInt32, ticks: UInt32 = 5) -> UInt32 {
        var now = start
        for _ in 0..<ticks {
            now += 1
            keypad.tick(now: Ticks(now), rawKeys: .key(key))
        }
        for _ in 0..<ticks {
            now += 1
            keypad.tick(now: Ticks(now), rawKeys: [])
        }
        return now
    }

    static func poll(_ keypad: inout KeypadCore, master: inout TestMaster, ack: EventID? = nil, now: UInt32) -> DeviceStatus? {
        guard case .status(let status)? = master.exchange(.poll(acknowledgingThrough: ack), with: &keypad, at: address, now: Ticks(now)) else {
            Issue.record("no status")
            return nil
        }
        return status
    }

    @Test("a vote during a session becomes one event with ticket, score and age")
    func vote() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        #expect(master.exchange(.voteStart(ticket: Self.ticket, timeoutSeconds: 30), with: &keypad, at: Self.address) == .ack(.voteStart))
        #expect(keypad.isVoting)
        var now = Self.press(3, on: &keypad, from: 0)  // key index 3 = vote "4"
        now = Self.press(4, on: &keypad, from: now)  // a second vote key press is not a second vote
        #expect(!keypad.isVoting)
        let status = try #require(Self.poll(&keypad, master: &master, now: now + 1200))
        #expect(status.pendingEvents == 2)
        #expect(status.events.count == 2)
        #expect(status.events[0].kind == .vote(ticket: Self.ticket, score: 4))
        #expect(status.events[0].ageSeconds == 12)
        #expect(status.events[1].kind == .keyPressed(4))
    }

    @Test("key bounce shorter than the debounce time is ignored")
    func debounce() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        var now: UInt32 = 0
        for _ in 0..<20 {
            now += 1
            keypad.tick(now: Ticks(now), rawKeys: .key(5))
            now += 1
            keypad.tick(now: Ticks(now), rawKeys: [])
        }
        #expect(try #require(Self.poll(&keypad, master: &master, now: now)).pendingEvents == 0)
        now = Self.press(5, on: &keypad, from: now, ticks: 3)
        let status = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(status.events.count == 1)
        #expect(status.events[0].kind == .operatorKey(.callNext))
    }

    @Test("operator keys map to call-next, recall, no-show, finish, transfer")
    func operatorKeys() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        var now: UInt32 = 0
        for key in 5...9 { now = Self.press(key, on: &keypad, from: now) }
        let status = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(status.events.count == 5)
        let kinds = (0..<5).map { status.events[$0].kind }
        #expect(kinds == [.operatorKey(.callNext), .operatorKey(.recall), .operatorKey(.noShow), .operatorKey(.finish), .operatorKey(.transfer)])
        let ids = (0..<5).map { status.events[$0].id.rawValue }
        #expect(ids == [1, 2, 3, 4, 5])
    }

    @Test("a session without a vote times out into one event")
    func voteTimeout() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        _ = master.exchange(.voteStart(ticket: Self.ticket, timeoutSeconds: 10), with: &keypad, at: Self.address, now: Ticks(100))
        for now in UInt32(101)...1099 { keypad.tick(now: Ticks(now), rawKeys: []) }
        #expect(keypad.isVoting)
        keypad.tick(now: Ticks(1100), rawKeys: [])
        #expect(!keypad.isVoting)
        let status = try #require(Self.poll(&keypad, master: &master, now: 1100))
        #expect(status.events.count == 1)
        #expect(status.events[0].kind == .voteTimedOut(ticket: Self.ticket))
        // After the timeout a vote key is just a key.
        let now = Self.press(0, on: &keypad, from: 1100)
        let later = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(later.events[1].kind == .keyPressed(0))
    }

    @Test("vote stop closes the session silently")
    func voteStop() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        _ = master.exchange(.voteStart(ticket: Self.ticket, timeoutSeconds: 10), with: &keypad, at: Self.address)
        #expect(master.exchange(.voteStop, with: &keypad, at: Self.address) == .ack(.voteStop))
        for now in UInt32(1)...2000 { keypad.tick(now: Ticks(now), rawKeys: []) }
        #expect(try #require(Self.poll(&keypad, master: &master, now: 2000)).pendingEvents == 0)
    }

    @Test("events stay until acknowledged, survive a long bus outage, and acks are applied once")
    func eventsUntilAcked() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        var now: UInt32 = 0
        for round in 0..<12 {
            _ = master.exchange(.voteStart(ticket: TicketReference(UInt32(round)), timeoutSeconds: 60), with: &keypad, at: Self.address, now: Ticks(now))
            now = Self.press(round % 5, on: &keypad, from: now)
        }
        // Ten hours without any poll.
        now += 10 * 3600 * 100
        var status = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(status.pendingEvents == 12)
        #expect(status.events.count == KeypadEventBatch.capacity)
        #expect(status.events[0].ageSeconds >= 36000)
        #expect(status.events[0].kind == .vote(ticket: TicketReference(0), score: 1))
        // The master missed the answer: polling again without ack returns the same events.
        status = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(status.events[0].id == EventID(1))
        // Acknowledge the first eight; a retry of the same poll must not drop more.
        let ackRequest = master.request(.poll(acknowledgingThrough: EventID(8)), to: Self.address)
        let first = TestMaster.deliver(ackRequest, to: &keypad, now: Ticks(now))
        let retry = TestMaster.deliver(ackRequest, to: &keypad, now: Ticks(now + 50))
        #expect(first == retry)
        #expect(keypad.events.count == 4)
        guard case .status(let afterAck) = try Message.decode(type: first[0].header.type, payload: first[0].payload) else {
            Issue.record("no status")
            return
        }
        #expect(afterAck.events[0].id == EventID(9))
        #expect(afterAck.events[0].kind == .vote(ticket: TicketReference(8), score: 4))
        // An ack for ids never issued is ignored.
        status = try #require(Self.poll(&keypad, master: &master, ack: EventID(500), now: now))
        #expect(status.pendingEvents == 4)
        status = try #require(Self.poll(&keypad, master: &master, ack: EventID(12), now: now))
        #expect(status.pendingEvents == 0)
    }

    @Test("a full event buffer refuses input instead of losing events")
    func bufferFull() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        var now: UInt32 = 0
        for _ in 0..<(EventRing.capacity + 3) { now = Self.press(6, on: &keypad, from: now) }
        var status = try #require(Self.poll(&keypad, master: &master, now: now))
        #expect(Int(status.pendingEvents) == EventRing.capacity)
        #expect(status.flags.contains(.eventBufferFull))
        #expect(status.events[0].id == EventID(1))
        status = try #require(Self.poll(&keypad, master: &master, ack: EventID(32), now: now))
        #expect(status.pendingEvents == 0)
        #expect(!status.flags.contains(.eventBufferFull))
    }

    @Test("event ids wrap around without reusing 0")
    func idWrap() {
        var ring = EventRing()
        var last = EventID(0)
        for index in 0..<70_000 {
            guard let id = ring.append(.keyPressed(0), at: Ticks(UInt32(index))) else {
                Issue.record("ring full at \(index)")
                return
            }
            #expect(id.rawValue != 0)
            #expect(ring.acknowledge(through: id) == 1)
            last = id
        }
        #expect(last == EventID(UInt16(70_000 % 65535)))
    }

    @Test("display text, indicators, and key injection only on test images")
    func displayIndicatorsInjection() throws {
        var keypad = Self.makeKeypad()
        var master = TestMaster()
        #expect(master.exchange(.keypadText(.lines([(0, .blink, "A123")])), with: &keypad, at: Self.address) == .ack(.keypadText))
        #expect(Array(keypad.displayText) == Array("A123".utf8))
        // Protocol.md §6.8: the detail of outOfRange is the offending line; nothing is applied.
        #expect(master.exchange(.keypadText(.lines([(1, [], "X")])), with: &keypad, at: Self.address) == .nack(.keypadText, .outOfRange, detail: 1))
        #expect(master.exchange(.keypadText(.lines([(0, [], "B7"), (2, [], "X")])), with: &keypad, at: Self.address) == .nack(.keypadText, .outOfRange, detail: 2))
        #expect(Array(keypad.displayText) == Array("A123".utf8))
        let settings = Indicators(leds: 2, blinkCentiseconds: 50, beeps: 1, beepCentiseconds: 20)
        #expect(master.exchange(.indicators(settings), with: &keypad, at: Self.address) == .ack(.indicators))
        #expect(keypad.indicators == settings)
        #expect(master.exchange(.injectKey(key: 0, holdCentiseconds: 10), with: &keypad, at: Self.address) == .nack(.injectKey, .unknownType, detail: 0))
        #expect(master.exchange(.showText(.lines([(0, [], "X")])), with: &keypad, at: Self.address) == .nack(.showText, .unsupportedByDevice, detail: 0))

        var testImage = Self.makeKeypad(injection: true)
        _ = master.exchange(.voteStart(ticket: Self.ticket, timeoutSeconds: 30), with: &testImage, at: Self.address)
        #expect(master.exchange(.injectKey(key: 4, holdCentiseconds: 10), with: &testImage, at: Self.address) == .ack(.injectKey))
        for now in UInt32(1)...30 { testImage.tick(now: Ticks(now), rawKeys: []) }
        let status = try #require(Self.poll(&testImage, master: &master, now: 30))
        #expect(status.events.count == 1)
        #expect(status.events[0].kind == .vote(ticket: Self.ticket, score: 5))
    }
}
