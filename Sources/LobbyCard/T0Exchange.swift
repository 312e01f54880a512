import LobbyCCID

/// The host side of an APDU over T=0 at TPDU level (ISO/IEC 7816-3 §12.2): case 4 commands lose
/// their Le; 61xx is followed by GET RESPONSE; 6Cxx repeats the command with the exact length.
///
/// Pure state machine: `start` gives the first TPDU, `received` the next one or the response.
public struct T0Exchange: Sendable {
    /// What to do next.
    public enum Action: Sendable, Hashable {
        /// Send these TPDU bytes in one XfrBlock and pass the answer to `received`.
        case send([UInt8])
        /// The response APDU (data and status word) is complete.
        case completed([UInt8])
        /// The exchange failed.
        case failed(Problem)
    }

    /// Why a T=0 exchange failed.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The command cannot be expressed as a short TPDU.
        case invalidCommand(APDUError)
        /// The card answered fewer than 2 bytes.
        case responseTooShort(Int)
        /// The card kept asking for GET RESPONSE beyond the limit.
        case tooManyResponses

        /// A sentence for logs and lobbyctl.
        public var description: String {
            switch self {
            case .invalidCommand(let error): return "cannot send over T=0: \(error)"
            case .responseTooShort(let count): return "T=0 answer of \(count) bytes has no status word"
            case .tooManyResponses: return "card asked for GET RESPONSE more than 64 times"
            }
        }
    }

    private var command: CommandAPDU
    private var collected: [UInt8] = []
    private var responses = 0
    private var lastTPDU: [UInt8] = []

    /// Prepares the exchange of one command.
    public init(command: CommandAPDU) { self.command = command }

    /// The first TPDU.
    public mutating func start() -> Action {
        var tpdu = command
        if !command.data.isEmpty { tpdu.le = nil }  // case 4: Le travels in GET RESPONSE
        do {
            lastTPDU = try tpdu.encoded(extended: false)
        } catch {
            return .failed(.invalidCommand(error))
        }
        if lastTPDU.count == 4 { lastTPDU.append(0x00) }  // case 1: P3 = 0
        return .send(lastTPDU)
    }

    /// Handles the card's answer to the last TPDU.
    public mutating func received(_ bytes: [UInt8]) -> Action {
        guard bytes.count >= 2 else { return .failed(.responseTooShort(bytes.count)) }
        let status = StatusWord(bytes[bytes.count - 2], bytes[bytes.count - 1])
        let data = Array(bytes.dropLast(2))
        if let available = status.bytesAvailable {
            collected += data
            responses += 1
            guard responses <= 64 else { return .failed(.tooManyResponses) }
            let wanted = command.le.map { min($0, available) } ?? available
            lastTPDU = [command.cla & 0x03, 0xC0, 0x00, 0x00, wanted == 256 ? 0 : UInt8(wanted)]
            return .send(lastTPDU)
        }
        if let exact = status.exactLength, lastTPDU.count == 5 {  // case 1, case 2 or GET RESPONSE
            lastTPDU[lastTPDU.count - 1] = exact == 256 ? 0 : UInt8(exact)
            responses += 1
            guard responses <= 64 else { return .failed(.tooManyResponses) }
            return .send(lastTPDU)
        }
        return .completed(collected + data + [status.sw1, status.sw2])
    }
}
