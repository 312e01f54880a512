import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Master side: transactions, timing, address assignment", .tags(.unit))
struct MasterSideTests {
    static let timing = BusTiming(baud: 115_200)

    @Test("wire time is 10 bits per byte")
    func wireTime() {
        #expect(Self.timing.wireMicroseconds(bytes: 1) == 87)
        #expect(Self.timing.wireMicroseconds(bytes: 210) == 18_230)
        #expect(BusTiming(baud: 19_200).wireMicroseconds(bytes: 210) == 109_375)
        // A poll (11 bytes) and the largest answer (210) at 115200: 19.185 ms of wire time + 10 ms.
        #expect(Self.timing.answerDeadline(requestBytes: 11) == 29_185)
    }

    @Test("a lost answer is retried with identical bytes, then the device is given up")
    func retries() {
        var transaction = MasterTransaction(.identifyRequest, to: DeviceAddress(0x10), sequence: SequenceNumber(7), timing: Self.timing)
        guard case .send(let first, let deadline) = transaction.start(now: BusTime(microseconds: 1_000)) else {
            Issue.record("no send")
            return
        }
        #expect(transaction.timeout(now: BusTime(microseconds: deadline.microseconds - 1)) == .wait)
        guard case .send(let second, _) = transaction.timeout(now: deadline) else {
            Issue.record("no retry")
            return
        }
        #expect(second == first)
        _ = transaction.timeout(now: transaction.deadline)
        #expect(transaction.attemptsMade == 3)
        #expect(transaction.timeout(now: transaction.deadline) == .gaveUp(attempts: 3))
        #expect(transaction.isFinished)
    }

    @Test("only the matching answer completes a transaction")
    func matching() {
        var board = BoardCoreTests.makeBoard()
        var transaction = MasterTransaction(.identifyRequest, to: BoardCoreTests.window, sequence: SequenceNumber(9), timing: Self.timing)
        guard case .send(let wire, _) = transaction.start(now: BusTime(microseconds: 0)) else {
            Issue.record("no send")
            return
        }
        let stale = Message.ack(.clear).frame(from: BoardCoreTests.window, to: .master, sequence: SequenceNumber(8))
        #expect(transaction.receive(stale) == .wait)
        let otherDevice = Message.ack(.clear).frame(from: DeviceAddress(0x33), to: .master, sequence: SequenceNumber(9))
        #expect(transaction.receive(otherDevice) == .wait)
        let answers = TestMaster.deliver([0] + wire.array, to: &board, now: Ticks(0))
        #expect(answers.count == 1)
        guard case .answered(.identifyReply(let identity)) = transaction.receive(answers[0]) else {
            Issue.record("not answered")
            return
        }
        #expect(identity.serial == BoardCoreTests.serial)
        #expect(transaction.receive(answers[0]) == .wait)
    }

    @Test("broadcasts complete without waiting")
    func broadcast() {
        var transaction = MasterTransaction(.clear, to: .broadcast, sequence: SequenceNumber(1), timing: Self.timing)
        #expect(transaction.start(now: BusTime(microseconds: 0)) == .sentWithoutAnswer)
        #expect(transaction.isFinished)
    }

    @Test("offline devices are probed after 1, 2, 4, 8, 16, 30, 30 seconds")
    func backoff() {
        var backoff = OfflineBackoff()
        var delays: [UInt32] = []
        for _ in 0..<7 {
            delays.append(backoff.nextDelaySeconds)
            backoff.probeFailed()
        }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30])
    }

    /// Several unassigned boards on one simulated bus: more than one answer is a collision.
    struct SimulatedBus {
        var devices: [BoardCore<TestFont>]

        mutating func transact(_ message: Message, to address: DeviceAddress, sequence: UInt8) -> [Frame] {
            let wire = [0] + message.frame(from: .master, to: address, sequence: SequenceNumber(sequence)).encoded().array
            var answers: [Frame] = []
            for index in devices.indices {
                answers += TestMaster.deliver(wire, to: &devices[index], now: Ticks(0))
            }
            return answers
        }
    }

    @Test("address assignment by serial search separates devices with shared prefixes", arguments: [1, 2, 5, 12])
    func assignment(count: Int) throws {
        var random = SeededGenerator(seed: UInt64(count))
        // Serials sharing long prefixes make the search dig deep.
        let serials = (0..<count).map { index in DeviceSerial(0x4C42_0000_0000_0000 | UInt64(index) << 3 | (random.next() & 0x7)) }
        var bus = SimulatedBus(
            devices: serials.map { serial in
                BoardCore(
                    configuration: BoardConfiguration(
                        kind: .windowBoard, lines: 1, columns: 8, serial: serial,
                        firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), ticksPerSecond: 100),
                    address: .unassigned, font: TestFont())
            })
        var search = SerialSearch()
        var sequence: UInt8 = 0
        var nextAddress: UInt8 = 0x10
        var found: [DeviceSerial] = []
        while let query = search.nextQuery() {
            sequence &+= 1
            let answers = bus.transact(query, to: .unassigned, sequence: sequence)
            let observation: SearchObservation
            switch answers.count {
            case 0: observation = .silence
            case 1:
                guard case .identifyReply(let identity) = try Message.decode(type: answers[0].header.type, payload: answers[0].payload) else {
                    Issue.record("unexpected answer")
                    return
                }
                observation = .device(identity.serial)
            default: observation = .collision
            }
            if let serial = search.record(observation) {
                found.append(serial)
                sequence &+= 1
                let ack = bus.transact(.setAddress(serial: serial, newAddress: DeviceAddress(nextAddress)), to: .unassigned, sequence: sequence)
                #expect(ack.count == 1 && ack[0].header.source == DeviceAddress(nextAddress))
                nextAddress += 1
            }
            #expect(search.queries < 1000)
        }
        #expect(Set(found) == Set(serials))
        #expect(found.count == count)
        #expect(Set(bus.devices.map(\.link.address)).count == count)
        #expect(!bus.devices.contains { $0.link.address == .unassigned })
        #expect(search.duplicateSerialPrefix == nil)
    }

    @Test("two devices with the same serial are reported, not looped on")
    func duplicateSerial() {
        var search = SerialSearch()
        var steps = 0
        while search.nextQuery() != nil {
            steps += 1
            _ = search.record(.collision)
            if search.duplicateSerialPrefix != nil { break }
        }
        #expect(search.duplicateSerialPrefix == DeviceSerial(0))
        #expect(steps == 65)
    }
}
