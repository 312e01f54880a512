/// One simulated device of a compatibility protocol, with the behaviour Docs/Bus-compat.md assumes.
public struct CompatibleDevice: Sendable {
    /// What the device is.
    public enum Kind: Sendable, Equatable {
        /// A Candle 7-segment window board (`01 ADDR BLINK DATA… 07`, never answers).
        case candleBoard
        /// A QSystem operator keypad: answers the scan `04 ADDR 07` with a pending key `01 ADDR KEY 07` or `04 ADDR 07`.
        case qsystemKeypad
        /// An FF 68 caller or evaluator: answers a poll with its oldest unacknowledged frame, or an idle answer.
        case ff68Device
    }

    /// Kind.
    public let kind: Kind
    /// Bus address.
    public let address: UInt8
    /// Board: the text shown (decoded from segment codes); keypad: its 3-character display.
    public internal(set) var shownText = ""
    /// Board: the blink byte of the last text frame.
    public internal(set) var blink: UInt8 = 0x20
    /// Frames addressed to this device so far.
    public internal(set) var framesReceived = 0
    /// Polls answered so far.
    public internal(set) var pollsAnswered = 0
    /// FF 68: echoes (acknowledgements) received from the host.
    public internal(set) var echoesReceived = 0
    /// While true the device ignores the bus (unplugged, powered off).
    public internal(set) var silent = false
    var pendingKeys: [UInt8] = []
    var pendingFrames: [[UInt8]] = []
    var ignoreEchoes = 0

    init(kind: Kind, address: UInt8) {
        self.kind = kind
        self.address = address
    }

    /// Frames (or keys) waiting to be delivered.
    public var pendingCount: Int { kind == .ff68Device ? pendingFrames.count : pendingKeys.count }

    /// Power loss: content and buffered input are gone.
    mutating func powerCycle() {
        shownText = ""
        blink = 0x20
        pendingKeys.removeAll()
        pendingFrames.removeAll()
    }

    /// Handles one complete frame from the host; returns the answer to write, if any.
    mutating func receive(_ frame: [UInt8], pollFunction: UInt8) -> [UInt8]? {
        guard !silent else { return nil }
        switch kind {
        case .candleBoard:
            guard frame.count >= 4, frame[0] == 0x01, frame[1] == address else { return nil }
            framesReceived += 1
            blink = frame[2]
            shownText = String(String.UnicodeScalarView(frame[3..<(frame.count - 1)].map(Self.character)))
            return nil
        case .qsystemKeypad:
            guard frame.count >= 3, frame[1] == address else { return nil }
            framesReceived += 1
            if frame[0] == 0x04 && frame.count == 3 {
                pollsAnswered += 1
                if pendingKeys.isEmpty { return [0x04, address, 0x07] }
                return [0x01, address, pendingKeys.removeFirst(), 0x07]
            }
            if frame[0] == 0x01 && frame.count == 7 {
                shownText = String(String.UnicodeScalarView(frame[3..<6].map(Self.character)))
            }
            return nil
        case .ff68Device:
            guard frame.count >= 9, frame[5] == address else { return nil }
            framesReceived += 1
            let function = frame[6]
            if function == pollFunction && frame[2] == 2 {
                pollsAnswered += 1
                return pendingFrames.first ?? Self.ff68(address: address, function: pollFunction, data: [0x00])
            }
            if let first = pendingFrames.first, first == frame {
                if ignoreEchoes > 0 {
                    ignoreEchoes -= 1
                    return nil
                }
                echoesReceived += 1
                pendingFrames.removeFirst()
            }
            return nil
        }
    }

    /// An FF 68 frame.
    static func ff68(address: UInt8, function: UInt8, data: [UInt8]) -> [UInt8] {
        let length = UInt8(2 + data.count)
        let checksum = data.reduce(address &+ function) { $0 &+ $1 }
        return [0xFF, 0x68, length, length, 0x68, address, function] + data + [checksum, 0x16]
    }

    static func character(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xC0...0xFF: Unicode.Scalar(UInt32(byte) - 0xC0 + 0x410) ?? "?"
        case 0xA8: "Ё"
        case 0xB8: "ё"
        case 0x20...0x7E: Unicode.Scalar(byte)
        default: "?"
        }
    }
}

/// Splits the host's byte stream into frames on the device side (independent of the master's code).
struct DeviceSideFramer: Sendable {
    let ff68: Bool
    private var buffer: [UInt8] = []

    init(ff68: Bool) { self.ff68 = ff68 }

    mutating func consume(_ byte: UInt8) -> [UInt8]? {
        buffer.append(byte)
        if ff68 {
            while let first = buffer.first, first != 0xFF { buffer.removeFirst() }
            guard buffer.count >= 5 else { return nil }
            guard buffer[1] == 0x68, buffer[4] == 0x68, buffer[2] == buffer[3], buffer[2] >= 2 else {
                buffer.removeFirst()
                return nil
            }
            let total = 7 + Int(buffer[2])
            guard buffer.count >= total else { return nil }
            let frame = Array(buffer[0..<total])
            buffer.removeFirst(total)
            let sum = frame[5..<(total - 2)].reduce(UInt8(0), &+)
            return frame.last == 0x16 && sum == frame[total - 2] ? frame : nil
        }
        while let first = buffer.first, !(0x01...0x04).contains(first) { buffer.removeFirst() }
        guard byte == 0x07, buffer.count >= 3 else {
            if buffer.count > 96 { buffer.removeAll() }
            return nil
        }
        let frame = buffer
        buffer.removeAll()
        return frame
    }
}
