/// What the caller of a `T1Session` must do next.
public enum T1Action: Sendable, Hashable {
    /// Send these block bytes to the card, then wait up to BWT × `waitingTimeMultiplier` for its block.
    case send([UInt8], waitingTimeMultiplier: Int)
    /// The response APDU is complete.
    case completed([UInt8])
    /// The card accepted our IFSD.
    case ifsdAccepted(Int)
    /// The exchange failed; the session is idle again.
    case failed(T1Error)
}

/// Why a T=1 exchange failed.
public enum T1Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// An empty or oversized APDU was given (limit: 65,544 bytes, enough for any extended APDU).
    case invalidAPDU(length: Int)
    /// `transmit` was called while another exchange was running.
    case busy
    /// Retransmissions failed and a resynchronisation succeeded: sequence numbers were reset, the APDU must be sent again.
    case resynchronised
    /// Even resynchronisation failed: the card must be reset (power off/on).
    case cardUnresponsive
    /// The card aborted the chain (S(ABORT request)).
    case abortedByCard
    /// The card requires CRC error detection, which this session does not implement.
    case unsupportedErrorDetection
    /// The card chained more than `T1Session.maximumResponseLength` bytes.
    case responseTooLong

    /// A sentence for logs and lobbyctl.
    public var description: String {
        switch self {
        case .invalidAPDU(let length): return "APDU of \(length) bytes cannot be sent"
        case .busy: return "a T=1 exchange is already running"
        case .resynchronised: return "T=1 link resynchronised after repeated errors; the command was lost"
        case .cardUnresponsive: return "card does not answer T=1 resynchronisation; reset it"
        case .abortedByCard: return "card aborted the T=1 chain"
        case .unsupportedErrorDetection: return "card requires T=1 CRC, which is not supported"
        case .responseTooLong: return "card response is longer than any APDU response"
        }
    }
}

/// The host side of ISO/IEC 7816-3 T=1 for TPDU-level readers: chaining, R/S-blocks, WTX, IFS, retransmission, resynch.
///
/// Pure state machine: `transmit`, `received` and `timedOut` return the next action; the caller
/// moves the bytes (XfrBlock) and keeps the time.
public struct T1Session: Sendable {
    private enum State: Sendable, Hashable {
        case idle
        /// Sent a chained I-block (M=1); waiting for R(N(R) = next N(S)).
        case awaitingAcknowledgement
        /// Sent the last I-block; waiting for the card's I-block.
        case awaitingResponse
        /// Acknowledged a chained card I-block; waiting for its next I-block.
        case receivingChain
        /// Sent S(IFS request); waiting for S(IFS response).
        case awaitingIFSResponse
        /// Sent S(RESYNCH request).
        case resynchronising
    }

    /// Node address used in our blocks.
    public let nad: UInt8
    /// Card's information field size (bytes per I-block we send).
    public private(set) var ifsc: Int
    /// Our information field size (largest I-block we accept).
    public private(set) var ifsd: Int
    /// Retransmissions allowed per block before resynchronising.
    public let maximumRetries: Int

    private var state: State = .idle
    private var sendSequence: UInt8 = 0
    private var receiveSequence: UInt8 = 0
    private var pendingChunks: [[UInt8]] = []
    private var lastIBlock: [UInt8] = []
    private var lastSent: [UInt8] = []
    private var response: [UInt8] = []
    private var retries = 0
    private var resynchAttempts = 0

    /// The longest response accepted: an extended APDU's 65,536 data bytes and SW1 SW2.
    public static let maximumResponseLength = 65_538

    /// Creates a session from the card's IFSC and our IFSD (1–254).
    public init(ifsc: Int = 32, ifsd: Int = 254, nad: UInt8 = 0, maximumRetries: Int = 2,
                errorDetection: T1ErrorDetection = .lrc) throws(T1Error) {
        guard errorDetection == .lrc else { throw .unsupportedErrorDetection }
        self.ifsc = min(max(ifsc, 1), 254)
        self.ifsd = min(max(ifsd, 1), 254)
        self.nad = nad
        self.maximumRetries = max(0, maximumRetries)
    }

    /// True when no exchange is running.
    public var isIdle: Bool { state == .idle }

    /// Starts sending a command APDU; returns the first I-block to send.
    public mutating func transmit(_ apdu: [UInt8]) -> T1Action {
        guard state == .idle else { return .failed(.busy) }
        guard !apdu.isEmpty, apdu.count <= 65_544 else { return .failed(.invalidAPDU(length: apdu.count)) }
        pendingChunks = stride(from: 0, to: apdu.count, by: ifsc).map { Array(apdu[$0..<min($0 + ifsc, apdu.count)]) }
        response = []
        return sendNextChunk()
    }

    /// Asks the card to accept our IFSD (S(IFS request)); ends with `.ifsdAccepted`.
    public mutating func negotiateIFSD() -> T1Action {
        guard state == .idle else { return .failed(.busy) }
        state = .awaitingIFSResponse
        return send(T1Block(nad: nad, kind: .supervisory(.ifs, response: false), information: [UInt8(ifsd)]))
    }

    /// No block arrived within the waiting time.
    public mutating func timedOut() -> T1Action {
        guard state != .idle else { return .failed(.busy) }
        return recover(.other)
    }

    /// Handles a block received from the card.
    public mutating func received(_ bytes: [UInt8]) -> T1Action {
        guard state != .idle else { return .failed(.busy) }
        let block: T1Block
        do {
            block = try T1Block(decoding: bytes)
        } catch {
            if case .checksumMismatch = error { return recover(.checksum) }
            return recover(.other)
        }
        // Supervisory requests from the card are answered in every state.
        if case let .supervisory(type, response: false) = block.kind, state != .resynchronising {
            switch type {
            case .waitingTimeExtension:
                retries = 0
                let reply = T1Block(nad: nad, kind: .supervisory(.waitingTimeExtension, response: true), information: block.information)
                lastSent = reply.encoded
                return .send(lastSent, waitingTimeMultiplier: max(1, Int(block.information[0])))
            case .ifs:
                retries = 0
                ifsc = Int(block.information[0])
                let reply = T1Block(nad: nad, kind: .supervisory(.ifs, response: true), information: block.information)
                lastSent = reply.encoded
                return .send(lastSent, waitingTimeMultiplier: 1)
            case .abort:
                // The exchange is over; the caller resets the card before the next command.
                reset(state: .idle)
                return .failed(.abortedByCard)
            case .resynch:
                return recover(.other)
            }
        }
        switch state {
        case .idle:
            return .failed(.busy)
        case .awaitingIFSResponse:
            if case .supervisory(.ifs, response: true) = block.kind, block.information.first == UInt8(ifsd) {
                state = .idle
                retries = 0
                return .ifsdAccepted(ifsd)
            }
            return recover(.other)
        case .resynchronising:
            if case .supervisory(.resynch, response: true) = block.kind {
                reset(state: .idle)
                return .failed(.resynchronised)
            }
            return resynchronise()
        case .awaitingAcknowledgement:
            if case let .receiveReady(sequence, _) = block.kind {
                if sequence == sendSequence {
                    retries = 0
                    return sendNextChunk()
                }
                return retransmitLastIBlock()
            }
            return recover(.other)
        case .awaitingResponse, .receivingChain:
            switch block.kind {
            case let .information(sequence, more):
                guard sequence == receiveSequence, block.information.count <= ifsd else { return recover(.other) }
                guard response.count + block.information.count <= Self.maximumResponseLength else {
                    reset(state: .idle)
                    return .failed(.responseTooLong)
                }
                retries = 0
                receiveSequence ^= 1
                response += block.information
                if more {
                    state = .receivingChain
                    return send(T1Block(nad: nad, kind: .receiveReady(sequence: receiveSequence, error: .none)))
                }
                let complete = response
                state = .idle
                response = []
                return .completed(complete)
            case let .receiveReady(sequence, _):
                if state == .awaitingResponse && sequence != sendSequence { return retransmitLastIBlock() }
                if state == .receivingChain { return retransmit() }
                return recover(.other)
            case .supervisory:
                return recover(.other)
            }
        }
    }

    // MARK: - Internals

    private mutating func sendNextChunk() -> T1Action {
        guard !pendingChunks.isEmpty else { return recover(.other) }
        let chunk = pendingChunks.removeFirst()
        let more = !pendingChunks.isEmpty
        let block = T1Block(nad: nad, kind: .information(sequence: sendSequence, more: more), information: chunk)
        sendSequence ^= 1
        state = more ? .awaitingAcknowledgement : .awaitingResponse
        lastIBlock = block.encoded
        return send(block)
    }

    private mutating func send(_ block: T1Block) -> T1Action {
        lastSent = block.encoded
        return .send(lastSent, waitingTimeMultiplier: 1)
    }

    private mutating func retransmitLastIBlock() -> T1Action {
        retries += 1
        if retries > maximumRetries { return resynchronise() }
        lastSent = lastIBlock
        return .send(lastSent, waitingTimeMultiplier: 1)
    }

    private mutating func retransmit() -> T1Action {
        retries += 1
        if retries > maximumRetries { return resynchronise() }
        return .send(lastSent, waitingTimeMultiplier: 1)
    }

    /// Invalid block or timeout: repeat an S-request, otherwise ask with an R-block for the block we expect.
    private mutating func recover(_ error: T1Block.ReceiveError) -> T1Action {
        switch state {
        case .resynchronising:
            return resynchronise()
        case .awaitingIFSResponse:
            return retransmit()
        default:
            retries += 1
            if retries > maximumRetries { return resynchronise() }
            let expected = state == .awaitingAcknowledgement ? sendSequence : receiveSequence
            lastSent = T1Block(nad: nad, kind: .receiveReady(sequence: expected, error: error)).encoded
            return .send(lastSent, waitingTimeMultiplier: 1)
        }
    }

    private mutating func resynchronise() -> T1Action {
        if state != .resynchronising { resynchAttempts = 0 }
        resynchAttempts += 1
        guard resynchAttempts <= 3 else {
            reset(state: .idle)
            return .failed(.cardUnresponsive)
        }
        state = .resynchronising
        lastSent = T1Block(nad: nad, kind: .supervisory(.resynch, response: false)).encoded
        return .send(lastSent, waitingTimeMultiplier: 1)
    }

    private mutating func reset(state newState: State) {
        state = newState
        sendSequence = 0
        receiveSequence = 0
        pendingChunks = []
        response = []
        retries = 0
        resynchAttempts = 0
    }
}
