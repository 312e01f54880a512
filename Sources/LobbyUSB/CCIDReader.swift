import LobbyCCID
import LobbyCard

/// One opened CCID reader: PC_to_RDR commands out on bulk-OUT, RDR_to_PC answers in on bulk-IN, matched
/// by sequence number (stale answers are skipped, time extensions waited for). Confined to the monitor thread.
final class CCIDReader {
    /// What the reader is.
    let info: CardReaderInfo
    /// The handle (interface claimed).
    let handle: USBDeviceHandle
    /// The time limits.
    let timeouts: CCIDReaderTimeouts
    private var sequence: UInt8 = 0

    /// Wraps an opened handle.
    init(info: CardReaderInfo, handle: USBDeviceHandle, timeouts: CCIDReaderTimeouts) {
        self.info = info
        self.handle = handle
        self.timeouts = timeouts
    }

    /// Sends a command and returns the reader's answer to it.
    func execute(_ command: CCIDCommand, slot: UInt8, timeoutMilliseconds: Int) throws(CardReaderError) -> CCIDResponse {
        let current = sequence
        sequence &+= 1
        let name = Self.name(command)
        try handle.write(endpoint: info.layout.bulkOut, command.encoded(slot: slot, sequence: current),
                         timeoutMilliseconds: timeouts.write, operation: name)
        var skipped = 0
        var extensions = 0
        while true {
            let bytes = try handle.read(endpoint: info.layout.bulkIn, capacity: info.layout.responseBufferSize,
                                        timeoutMilliseconds: timeoutMilliseconds, operation: name)
            let response: CCIDResponse
            do {
                response = try CCIDResponse(decoding: bytes)
            } catch {
                // A leftover or foreign message: skip a few, then give up.
                skipped += 1
                if skipped > 8 { throw .malformedResponse(error) }
                continue
            }
            guard response.answers(slot: slot, sequence: current) else {
                skipped += 1
                if skipped > 8 { throw .malformedResponse(.invalidValue(what: "bSeq of RDR_to_PC answer", offset: 6, value: response.sequence)) }
                continue
            }
            if response.isTimeExtension {
                extensions += 1
                if extensions > 60 { throw .timeout(operation: name + " (time extensions)", milliseconds: timeoutMilliseconds * extensions) }
                continue
            }
            return response
        }
    }

    /// The card presence in a slot (GetSlotStatus).
    func presence(slot: UInt8) throws(CardReaderError) -> ICCPresence {
        let response = try execute(.getSlotStatus, slot: slot, timeoutMilliseconds: timeouts.control)
        return response.state.presence
    }

    /// Powers the card and returns its ATR: automatic voltage when the reader selects it, else 1.8 V, 3 V, 5 V in turn.
    func powerOn(slot: UInt8) throws(CardReaderError) -> AnswerToReset {
        let descriptor = info.layout.descriptor
        let automatic = descriptor.features & 0x08 != 0 || descriptor.voltages.isEmpty
        let attempts: [CCIDVoltage?] = automatic ? [nil] : descriptor.voltages.reversed().map { Optional($0) }
        var lastError = CardReaderError.cardMute("no ATR at any supported voltage")
        for voltage in attempts {
            let response = try execute(.iccPowerOn(voltage: voltage), slot: slot, timeoutMilliseconds: timeouts.card)
            switch response.state.outcome {
            case .processed, .timeExtension:
                guard response.state.presence != .absent else { throw .cardAbsent }
                do {
                    return try AnswerToReset(bytes: response.data)
                } catch {
                    throw .invalidATR(error)
                }
            case .failed(let error):
                if response.state.presence == .absent { throw .cardAbsent }
                switch error {
                case .cardAbsentOrMute: lastError = .cardMute("no ATR" + (voltage.map { " at \($0.rawValue)" } ?? ""))
                case .classNotSupported, .badATRTS, .badATRTCK: lastError = .slot(error)
                default: throw .slot(error)
                }
                _ = try? execute(.iccPowerOff, slot: slot, timeoutMilliseconds: timeouts.control)
            }
        }
        throw lastError
    }

    /// Powers the card off (errors ignored: the card may be gone already).
    func powerOff(slot: UInt8) {
        _ = try? execute(.iccPowerOff, slot: slot, timeoutMilliseconds: timeouts.control)
    }

    /// After a silent reader: is the card still there (then it is mute) or gone?
    func classifySilence(slot: UInt8, operation: String, waited: Int) -> CardReaderError {
        do {
            switch try presence(slot: slot) {
            case .absent: return .cardAbsent
            case .presentActive, .presentInactive: return .cardMute("no answer to \(operation) within \(waited) ms")
            }
        } catch {
            return error.readerIsGone ? error : .timeout(operation: operation, milliseconds: waited)
        }
    }

    private static func name(_ command: CCIDCommand) -> String {
        switch command {
        case .iccPowerOn: return "IccPowerOn"
        case .iccPowerOff: return "IccPowerOff"
        case .getSlotStatus: return "GetSlotStatus"
        case .xfrBlock: return "XfrBlock"
        case .getParameters: return "GetParameters"
        case .setParameters: return "SetParameters"
        case .escape: return "Escape"
        case .abort: return "Abort"
        }
    }
}
