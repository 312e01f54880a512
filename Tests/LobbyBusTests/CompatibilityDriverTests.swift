import Foundation
import LobbyBus
import LobbySerial
import LobbyWire
import LobbyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Reads what arrives on a pty master within `seconds`.
private func readAll(_ fd: Int32, count: Int, seconds: Double = 1) -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    let deadline = MonotonicClock.microseconds() + UInt64(seconds * 1_000_000)
    while received.count < count && MonotonicClock.microseconds() < deadline {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 50) > 0 else { continue }
        let got = read(fd, &buffer, buffer.count)
        if got > 0 { received += buffer[0..<got] }
    }
    return received
}

@Suite("Compatibility drivers: Candle/QSystem and FF 68", .tags(.unit))
struct CompatibilityDriverTests {
    @Test("Candle board frames", arguments: [
        ("123", UInt8(0x20), Int?.none, [0x01, 0x20, 0x20, 0x31, 0x32, 0x33, 0x07] as [UInt8]),
        ("A12>5", 0x45, 0, [0x01, 0x45, 0x21, 0x41, 0x31, 0x32, 0x3E, 0x35, 0x07]),
        ("7→3", 0x7F, 3, [0x01, 0x7F, 0x24, 0x37, 0x3E, 0x33, 0x07]),
        ("Б9", 0x21, 200, [0x01, 0x21, 0x7F, 0xC1, 0x39, 0x07]),
        ("Ə1", 0x22, nil, [0x01, 0x22, 0x20, 0x2D, 0x31, 0x07]),
    ])
    func candleText(text: String, address: UInt8, blink: Int?, expected: [UInt8]) {
        #expect(CandleBoardDriver.text(text, address: address, blinkTimes: blink) == expected)
    }

    @Test("Candle brightness and address changes; broadcast re-addressing needs a single board")
    func candleControl() throws {
        #expect(CandleBoardDriver.brightness(0, address: 0x30) == [0x02, 0x30, 0x20, 0x07])
        #expect(CandleBoardDriver.brightness(9, address: 0x30) == [0x02, 0x30, 0x23, 0x07])
        #expect(try CandleBoardDriver.setAddress(from: 0x20, to: 0x31, boardsAttached: 5) == [0x03, 0x20, 0x31, 0x07])
        #expect(try CandleBoardDriver.setAddress(from: 0xFF, to: 0x31, boardsAttached: 1) == [0x03, 0xFF, 0x31, 0x07])
        #expect(throws: CandleBoardDriver.Refusal.broadcastReaddressWithSeveralBoards) {
            _ = try CandleBoardDriver.setAddress(from: 0xFF, to: 0x31, boardsAttached: 2)
        }
        #expect(throws: CandleBoardDriver.Refusal.addressOutOfRange(0x10)) {
            _ = try CandleBoardDriver.setAddress(from: 0x20, to: 0x10, boardsAttached: 1)
        }
    }

    @Test("QSystem keypad frames and key decoding, with noise between frames")
    func qsystemKeypad() {
        #expect(QSystemKeypadDriver.command(0x32, address: 0x05) == [0x01, 0x05, 0x32, 0x07])
        #expect(QSystemKeypadDriver.display("A1", address: 0x05, blink: true) == [0x01, 0x05, 0x21, 0x41, 0x31, 0x20, 0x07])
        #expect(QSystemKeypadDriver.scan(address: 0x09) == [0x04, 0x09, 0x07])
        var driver = QSystemKeypadDriver()
        let inputs = driver.consume([0x55, 0x01, 0x05, 0x31, 0x07, 0x01, 0x06]) + driver.consume([0x34, 0x07, 0x01, 0x07, 0x99, 0x07])
        #expect(inputs.map(\.address) == [0x05, 0x06])
        #expect(inputs.map(\.kind) == [.operatorKey(.callNext), .operatorKey(.finish)])
    }

    @Test("FF 68 frames: layout, checksum, rejection of a bad checksum")
    func ff68Frames() {
        let frame = FF68Driver.frame(address: 0x03, function: 0x11, data: [0x02])
        #expect(frame == [0xFF, 0x68, 0x03, 0x03, 0x68, 0x03, 0x11, 0x02, 0x16, 0x16])
        #expect(FF68Driver.parse(frame)?.data == [0x02])
        var damaged = frame
        damaged[7] = 0x01
        #expect(FF68Driver.parse(damaged) == nil)
        let big = FF68Driver.frame(address: 0xF0, function: 0x20, data: [0x80, 0x90])
        #expect(big[big.count - 2] == UInt8((0xF0 + 0x20 + 0x80 + 0x90) % 256))
    }

    @Test("Candle frames written to a port arrive byte for byte")
    func candleOverPty() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 57_600))
        defer { port.close() }
        let driver = CandleBoardDriver(pacingMicroseconds: 0)
        let frames = driver.frames(showing: BoardLayout.window(number: "A12", isRecall: true), at: 0x25)
        for frame in frames { try port.write(frame, deadline: MonotonicClock.microseconds() + 1_000_000) }
        let received = readAll(pty.masterDescriptor, count: frames.joined().count)
        let parsed = CandleBoardDriver.parse(received)
        #expect(parsed?.address == 0x25)
        #expect(parsed?.blink == 0x21)
        #expect(parsed?.data == [0x41, 0x31, 0x32])
    }

    @Test("QSystem keys sent by a keypad are decoded from the port")
    func qsystemOverPty() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 57_600))
        defer { port.close() }
        let sent: [UInt8] = [0x01, 0x0A, 0x33, 0x07, 0x01, 0x0A, 0x31, 0x07]
        _ = sent.withUnsafeBytes { write(pty.masterDescriptor, $0.baseAddress, $0.count) }
        var driver = QSystemKeypadDriver()
        var inputs: [CompatibilityKeypadInput] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        let deadline = MonotonicClock.microseconds() + 1_000_000
        while inputs.count < 2, MonotonicClock.microseconds() < deadline {
            let count = try port.read(into: &buffer, deadline: deadline)
            inputs += driver.consume(Array(buffer[0..<count]))
        }
        #expect(inputs.map(\.kind) == [.operatorKey(.transfer), .operatorKey(.callNext)])
    }

    @Test("an FF 68 evaluator vote is decoded and echoed back as the acknowledgement")
    func ff68OverPty() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let port = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 9600))
        defer { port.close() }
        let vote = FF68Driver.frame(address: 0x07, function: FF68Driver.evaluatorFunction, data: [0x00])
        let noise: [UInt8] = [0x12, 0xFF, 0x00]
        _ = (noise + vote).withUnsafeBytes { write(pty.masterDescriptor, $0.baseAddress, $0.count) }
        var driver = FF68Driver()
        var inputs: [CompatibilityKeypadInput] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        let deadline = MonotonicClock.microseconds() + 1_000_000
        while inputs.isEmpty, MonotonicClock.microseconds() < deadline {
            let count = try port.read(into: &buffer, deadline: deadline)
            inputs += driver.consume(Array(buffer[0..<count]))
        }
        let input = try #require(inputs.first)
        #expect(input.address == 0x07)
        #expect(input.kind == .vote(ticket: TicketReference(0), score: 5))
        try port.write(input.reply, deadline: MonotonicClock.microseconds() + 1_000_000)
        #expect(readAll(pty.masterDescriptor, count: vote.count) == vote)
    }
}
