import LobbyCCID
import LobbyCard

/// A powered card behind a CCID reader, talked to at the level the reader and ATR allow:
/// whole APDUs, T=1 blocks through `T1Session`, or T=0 TPDUs through `T0Exchange`.
struct CCIDCardChannel: CardChannel {
    /// The card's ATR.
    let answerToReset: AnswerToReset
    /// The exchange used.
    let plan: CardExchangePlan
    private let reader: CCIDReader
    private let slot: UInt8
    private var t1: T1Session?

    /// Chooses the exchange, sets the protocol parameters at TPDU level, and negotiates the IFSD for T=1
    /// unless the reader does that itself.
    init(reader: CCIDReader, slot: UInt8, answerToReset: AnswerToReset) throws(CardReaderError) {
        self.reader = reader
        self.slot = slot
        self.answerToReset = answerToReset
        let descriptor = reader.info.layout.descriptor
        do {
            plan = try CardExchangePlan.choose(descriptor: descriptor, atr: answerToReset)
        } catch {
            throw .unsupported(error)
        }
        // Readers that negotiate parameters themselves (dwFeatures 0x40) are left alone.
        if descriptor.exchangeLevel == .tpdu, descriptor.features & 0x40 == 0 {
            let parameters = plan == .t0 ? answerToReset.t0Parameters : answerToReset.t1Parameters
            let response = try reader.execute(.setParameters(parameters), slot: slot, timeoutMilliseconds: reader.timeouts.control)
            if case .failed(let error) = response.state.outcome {
                if response.state.presence == .absent { throw .cardAbsent }
                throw .slot(error)
            }
        }
        if case .t1(let ifsc) = plan {
            let ifsd = min(254, max(1, Int(descriptor.maximumIFSD == 0 ? 254 : descriptor.maximumIFSD)))
            do {
                t1 = try T1Session(ifsc: ifsc, ifsd: ifsd, errorDetection: answerToReset.errorDetection)
            } catch {
                throw .t1(error)
            }
            if !descriptor.exchangesIFSDAutomatically, var session = t1 {
                let action = session.negotiateIFSD()
                _ = try runT1(action, session: &session)
                t1 = session
            }
        }
    }

    /// Sends a command APDU and returns the response.
    mutating func transmit(_ command: CommandAPDU) throws(CardReaderError) -> ResponseAPDU {
        let bytes: [UInt8]
        switch plan {
        case .apdu(let extended):
            bytes = try transmitAPDU(command, extended: extended)
        case .t1:
            guard var session = t1 else { throw .t1(.busy) }
            let encoded: [UInt8]
            do { encoded = try command.encoded() } catch { throw .apdu(error) }
            bytes = try runT1(session.transmit(encoded), session: &session)
            t1 = session
        case .t0:
            var exchange = T0Exchange(command: command)
            var action = exchange.start()
            while true {
                switch action {
                case .send(let tpdu): action = exchange.received(try xfr(tpdu, multiplier: 1))
                case .completed(let response):
                    bytes = response
                    return try Self.response(bytes)
                case .failed(let problem): throw .t0(problem)
                }
            }
        }
        return try Self.response(bytes)
    }

    private static func response(_ bytes: [UInt8]) throws(CardReaderError) -> ResponseAPDU {
        do { return try ResponseAPDU(bytes: bytes) } catch { throw .apdu(error) }
    }

    /// APDU level: one XfrBlock, then GET RESPONSE while the card says 61xx.
    private func transmitAPDU(_ command: CommandAPDU, extended: Bool) throws(CardReaderError) -> [UInt8] {
        if !extended && command.requiresExtendedLength { throw .apdu(.needsExtendedLength) }
        let encoded: [UInt8]
        do { encoded = try command.encoded(extended: extended ? nil : false) } catch { throw .apdu(error) }
        var answer = try xfr(encoded, multiplier: 1)
        var collected: [UInt8] = []
        var rounds = 0
        while answer.count >= 2, answer[answer.count - 2] == 0x61, rounds < 64 {
            collected += answer.dropLast(2)
            let length = answer[answer.count - 1]
            answer = try xfr([command.cla, 0xC0, 0x00, 0x00, length], multiplier: 1)
            rounds += 1
        }
        return collected + answer
    }

    /// Runs T=1 actions until the response APDU (or IFSD acceptance) comes back.
    @discardableResult
    private func runT1(_ first: T1Action, session: inout T1Session) throws(CardReaderError) -> [UInt8] {
        var action = first
        while true {
            switch action {
            case let .send(block, multiplier):
                let answer: [UInt8]
                do {
                    answer = try xfr(block, multiplier: multiplier, muteIsRecoverable: true)
                } catch .slot(.cardAbsentOrMute) {
                    // The reader waited the card's block waiting time in vain (ICC_MUTE): T=1 error recovery.
                    // A reader that stays silent itself is not retried (`classifySilence` decides).
                    action = session.timedOut()
                    continue
                }
                action = session.received(answer)
            case .completed(let response):
                return response
            case .ifsdAccepted:
                return []
            case .failed(let error):
                if error == .cardUnresponsive { throw .cardMute("no answer to T=1 resynchronisation") }
                throw .t1(error)
            }
        }
    }

    /// One XfrBlock. ICC_MUTE with the card present is `cardMute` (or, when `muteIsRecoverable`, the slot
    /// error for T=1 recovery), with the card gone `cardAbsent`; a silent reader is classified by GetSlotStatus.
    private func xfr(_ data: [UInt8], multiplier: Int, muteIsRecoverable: Bool = false) throws(CardReaderError) -> [UInt8] {
        let extensionFactor = multiplier > 1 ? UInt8(clamping: multiplier) : 0
        let waited = reader.timeouts.card * max(1, multiplier)
        let response: CCIDResponse
        do {
            response = try reader.execute(.xfrBlock(data: data, blockWaitingExtension: extensionFactor, levelParameter: 0),
                                          slot: slot, timeoutMilliseconds: waited)
        } catch .timeout(let operation, let milliseconds) {
            throw reader.classifySilence(slot: slot, operation: operation, waited: milliseconds)
        }
        if response.state.presence == .absent { throw .cardAbsent }
        switch response.state.outcome {
        case .processed, .timeExtension:
            return response.data
        case .failed(let error):
            switch error {
            case .cardAbsentOrMute: throw muteIsRecoverable ? .slot(error) : .cardMute("reader reports ICC_MUTE")
            default: throw .slot(error)
            }
        }
    }
}
