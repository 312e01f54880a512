import LobbySerial
import LobbyWire

/// Why a technician operation failed.
public enum TechnicianError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer from the address after every attempt.
    case noAnswer(DeviceAddress)
    /// The device answered with something else than expected.
    case unexpectedAnswer(DeviceAddress, MessageType)
    /// The device refused the request: its nack.
    case refused(DeviceAddress, Message)
    /// After a setAddress, the device at the new address is another one (or none answers).
    case addressNotTaken(serial: DeviceSerial, address: DeviceAddress, found: DeviceSerial?)
    /// The port failed.
    case port(SerialPortError)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case .noAnswer(let address): "no answer from address \(address)"
        case .unexpectedAnswer(let address, let type): "address \(address) answered with \(type), which is not an answer to the request"
        case .refused(let address, let nack): "address \(address) refused the request: \(nack)"
        case .addressNotTaken(let serial, let address, nil):
            "no device answers at \(address) after giving it to serial \(serial): is the serial right (lobbyctl bus scan lists serials)?"
        case .addressNotTaken(let serial, let address, let found?):
            "\(address) is answered by serial \(found), not \(serial): two devices share the address; re-address one by its serial"
        case .port(let error): error.description
        }
    }
}

/// One device found by a scan.
public struct ScanEntry: Sendable, Equatable {
    /// Its address.
    public var address: DeviceAddress
    /// What it reported.
    public var identity: DeviceIdentity
}

/// A board's frame buffer as read back over the bus.
public struct FrameBufferImage: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Rows top to bottom, `ceil(width / 8)` bytes each, MSB = leftmost pixel.
    public var bytes: [UInt8]

    /// Whether pixel (x, y) is lit.
    public func pixel(x: Int, y: Int) -> Bool {
        let index = y * ((width + 7) / 8) + x / 8
        return index < bytes.count && bytes[index] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// Rows of pixels.
    public var rows: [[Bool]] { (0..<height).map { y in (0..<width).map { x in pixel(x: x, y: y) } } }
}

/// Technician functions for `lobbyctl bus …`, `board …`, `keypad …`, working directly on a
/// port (the daemon must not be using it). They speak as the service tool (address `01`).
public final class BusTechnician {
    /// The link used.
    public let link: BusLink
    private var sequence: SequenceNumber

    /// Opens `endpoint` for technician use.
    public init(endpoint: SerialEndpoint, baud: UInt32 = 115_200, firstSequence: UInt8 = UInt8.random(in: 0...255)) throws(SerialPortError) {
        let port = try SerialPort.open(endpoint, settings: SerialSettings(baud: baud))
        link = BusLink(port: port, timing: BusTiming(baud: baud))
        sequence = SequenceNumber(firstSequence)
    }

    /// Uses a port the bus master owns (`BusService.exclusive`); the master keeps the port.
    public init(link: BusLink, firstSequence: UInt8 = UInt8.random(in: 0...255)) {
        self.link = link
        sequence = SequenceNumber(firstSequence)
    }

    /// Closes the port.
    public func close() { link.port.close() }

    /// Sends one request and returns the answer.
    public func request(_ message: Message, to address: DeviceAddress) throws(TechnicianError) -> Message {
        sequence = sequence.next
        let report: TransactionReport
        do throws(SerialPortError) {
            report = try link.perform(message, to: address, sequence: sequence, source: .serviceTool)
        } catch {
            throw .port(error)
        }
        guard let answer = report.answer else { throw .noAnswer(address) }
        if case .nack = answer { throw .refused(address, answer) }
        return answer
    }

    /// `lobbyctl bus scan`: identifies every address in `range` (and unassigned devices at `FE`).
    /// One attempt per address: a scan is repeated by the technician, not retried per address.
    public func scan(_ range: ClosedRange<UInt8> = 0x10...0xEF, includeUnassigned: Bool = true) -> [ScanEntry] {
        let attempts = link.timing.attempts
        link.timing.attempts = 1
        defer { link.timing.attempts = attempts }
        var found: [ScanEntry] = []
        let addresses = Array(range) + (includeUnassigned ? [DeviceAddress.unassigned.rawValue] : [])
        for raw in addresses {
            let address = DeviceAddress(raw)
            if case .identifyReply(let identity)? = try? request(.identifyRequest, to: address) {
                found.append(ScanEntry(address: address, identity: identity))
            }
        }
        return found
    }

    /// `lobbyctl board show ADDR`: reads the whole frame buffer in chunks.
    public func readFrameBuffer(_ address: DeviceAddress) throws(TechnicianError) -> FrameBufferImage {
        var bytes: [UInt8] = []
        var width = 0
        var height = 0
        var total = Int.max
        while bytes.count < total {
            let answer = try request(.readFrameBuffer(offset: UInt16(bytes.count), length: UInt8(FrameBufferChunk.maxData)), to: address)
            guard case .frameBufferChunk(let chunk) = answer else { throw .unexpectedAnswer(address, answer.type) }
            width = Int(chunk.width)
            height = Int(chunk.height)
            total = Int(chunk.totalBytes)
            guard chunk.data.count > 0 else { break }
            bytes += Array(chunk.data)
        }
        return FrameBufferImage(width: width, height: height, bytes: bytes)
    }

    /// `lobbyctl board test ADDR`: shows a pattern, reads it back and compares every pixel.
    /// The board then asks to be repainted (`needsRepaint`, Protocol.md §12).
    public func testPattern(_ address: DeviceAddress, _ pattern: TestPattern) throws(TechnicianError) -> PatternCheck {
        _ = try request(.testPattern(pattern), to: address)
        let image = try readFrameBuffer(address)
        var expected = PixelMatrix(width: image.width, height: image.height)
        expected.fill(pattern)
        var check = PatternCheck(pattern: pattern, width: image.width, height: image.height)
        for y in 0..<image.height {
            for x in 0..<image.width where image.pixel(x: x, y: y) != expected.pixel(x: x, y: y) {
                check.differingPixels += 1
                if check.firstDifference == nil { check.firstDifference = (x, y) }
            }
        }
        return check
    }

    /// `lobbyctl board identify ADDR`: flash (board) or beep (keypad) for `seconds`.
    public func blink(_ address: DeviceAddress, seconds: UInt8) throws(TechnicianError) {
        _ = try request(.blinkIdentify(seconds: seconds), to: address)
    }

    /// `lobbyctl board set-address --serial S --address A [--from OLD]`: re-addresses the one
    /// device with that serial (Protocol.md §6.5) and confirms by serial at the new address.
    ///
    /// With `current`, the request goes unicast to the device's address and the device answers
    /// from its new address; a retry after a lost answer is answered all the same (§5). Without
    /// it, the request is broadcast (only the serial's owner acts, nobody answers), so it works
    /// whatever the current address. Either way the identify at the new address decides: even if
    /// every answer was lost, the device is there when its serial answers (the master does not
    /// guess), and a broadcast that got lost is sent once more.
    public func setAddress(serial: DeviceSerial, to newAddress: DeviceAddress, from current: DeviceAddress? = nil)
        throws(TechnicianError) -> DeviceIdentity
    {
        let message = Message.setAddress(serial: serial, newAddress: newAddress)
        var lastError = TechnicianError.addressNotTaken(serial: serial, address: newAddress, found: nil)
        for _ in 0..<(current == nil ? 2 : 1) {
            sequence = sequence.next
            let report: TransactionReport
            do throws(SerialPortError) {
                report = try link.perform(message, to: current ?? .broadcast, sequence: sequence, source: .serviceTool)
            } catch {
                throw .port(error)
            }
            if let answer = report.answer, case .nack = answer { throw .refused(current ?? .broadcast, answer) }
            do throws(TechnicianError) {
                let answer = try request(.identifyRequest, to: newAddress)
                guard case .identifyReply(let identity) = answer else { throw .unexpectedAnswer(newAddress, answer.type) }
                guard identity.serial == serial else { throw .addressNotTaken(serial: serial, address: newAddress, found: identity.serial) }
                return identity
            } catch {
                guard case .noAnswer = error else { throw error }
                lastError = .addressNotTaken(serial: serial, address: newAddress, found: nil)
            }
        }
        throw lastError
    }

    /// `lobbyctl keypad watch ADDR`: polls for `polls` rounds, acknowledging what it reports.
    public func watchKeypad(_ address: DeviceAddress, polls: Int, onEvent: (KeypadEvent) -> Void) throws(TechnicianError) {
        var acknowledge: EventID?
        for _ in 0..<polls {
            let answer = try request(.poll(acknowledgingThrough: acknowledge), to: address)
            guard case .status(let status) = answer else { throw .unexpectedAnswer(address, answer.type) }
            for index in 0..<status.events.count {
                onEvent(status.events[index])
                acknowledge = status.events[index].id
            }
        }
    }
}

/// The result of `board test`: whether the read-back showed the pattern, pixel by pixel.
public struct PatternCheck: Sendable, Equatable {
    /// The pattern shown.
    public var pattern: TestPattern
    /// Width of the frame buffer read back.
    public var width: Int
    /// Height of the frame buffer read back.
    public var height: Int
    /// Pixels that differ from the pattern.
    public var differingPixels = 0
    /// The first differing pixel, row by row.
    public var firstDifference: (x: Int, y: Int)?

    /// Whether every pixel matched.
    public var matches: Bool { differingPixels == 0 }

    /// Compares everything but the tuple's labels.
    public static func == (lhs: PatternCheck, rhs: PatternCheck) -> Bool {
        lhs.pattern == rhs.pattern && lhs.width == rhs.width && lhs.height == rhs.height
            && lhs.differingPixels == rhs.differingPixels && lhs.firstDifference?.x == rhs.firstDifference?.x
            && lhs.firstDifference?.y == rhs.firstDifference?.y
    }
}
