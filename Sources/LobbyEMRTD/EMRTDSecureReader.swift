import LobbyCCID

/// Pure state machine reading EF.DG1 of the LDS1 application, under Basic Access Control when MRZ keys are given.
///
/// With keys: SELECT LDS1, GET CHALLENGE, EXTERNAL AUTHENTICATE, then protected SELECT EF.DG1 and READ BINARY
/// (header, then the body in chunks). A chip that refuses GET CHALLENGE (no BAC) is read in plain mode.
/// Without keys: plain SELECT / READ BINARY (the same commands a reader without BAC sends); 6982 means access denied.
/// The terminal's randomness (RND.IFD ‖ K.IFD, 24 bytes) comes in as a parameter.
public struct EMRTDSecureReader: Sendable {
    private enum Step: Sendable, Hashable { case selectApplication, getChallenge, externalAuthenticate, selectDG1, readHeader, readBody, done }

    /// Largest READ BINARY length requested (≤ 256 plain, ≤ 223 under secure messaging so the answer fits 256 bytes).
    public let chunkSize: Int
    private let accessKey: BACAccessKey?
    private let terminalRandom: [UInt8]
    private var step: Step = .selectApplication
    private var authentication: BACMutualAuthentication?
    private var session: SecureMessagingSession?
    private var file: [UInt8] = []
    private var fileLength = 0
    private var lastCommand: CommandAPDU

    /// Creates a reader: `accessKey` from the MRZ read at the kiosk (nil: plain only), `terminalRandom` 24 fresh
    /// random bytes (RND.IFD, then K.IFD) used only when BAC runs.
    public init(accessKey: BACAccessKey? = nil, terminalRandom: [UInt8] = [], chunkSize: Int = 0xE0) {
        self.accessKey = accessKey
        self.terminalRandom = terminalRandom
        self.chunkSize = min(max(chunkSize, 4), 256)
        lastCommand = .select(aid: LDS1.applicationID)
    }

    /// True once mutual authentication succeeded and commands are protected.
    public var isSecured: Bool { session != nil }

    /// The first command: SELECT the LDS1 application (plain).
    public mutating func start() -> EMRTDSecureReadAction {
        step = .selectApplication
        file = []
        session = nil
        authentication = nil
        lastCommand = .select(aid: LDS1.applicationID)
        return .send(lastCommand)
    }

    /// Handles the response bytes (data and status word) to the last command.
    public mutating func handle(response bytes: [UInt8]) -> EMRTDSecureReadAction {
        guard step != .done else { return .failed(.status(StatusWord(0x6F00))) }
        let raw: ResponseAPDU
        do { raw = try ResponseAPDU(bytes: bytes) } catch { return fail(.invalidResponse(error)) }
        switch step {
        case .getChallenge: return handleChallenge(raw)
        case .externalAuthenticate: return handleAuthentication(raw)
        default: break
        }
        var response = raw
        if session != nil {
            do {
                response = try session!.unwrap(bytes)
            } catch {
                if case .unprotectedStatus(let status) = error, status.value == 0x6A82 { return fail(.notFound) }
                return fail(.secureMessaging(error))
            }
        }
        if let exact = response.status.exactLength, lastCommand.ins == 0xB0 {
            lastCommand.le = exact
            return send(lastCommand)
        }
        switch response.status.value {
        case 0x9000, 0x6282: break
        case 0x6982: return fail(.accessControlRequired)
        case 0x6A82: return fail(.notFound)
        default: return fail(.status(response.status))
        }
        switch step {
        case .selectApplication:
            if accessKey != nil {
                step = .getChallenge
                lastCommand = BACMutualAuthentication.getChallenge
                return .send(lastCommand)
            }
            return selectDG1()
        case .selectDG1:
            step = .readHeader
            return send(.readBinary(offset: 0, length: 4))
        case .readHeader:
            file = response.data
            do {
                let header = try BERTLV.header(in: file)
                fileLength = header.headerLength + header.valueLength
            } catch {
                return fail(.malformed(error))
            }
            step = .readBody
            return continueReading()
        case .readBody:
            guard !response.data.isEmpty else { return fail(.malformed(.truncated(what: "DG1", needed: fileLength, available: file.count))) }
            file += response.data
            return continueReading()
        case .getChallenge, .externalAuthenticate, .done:
            return fail(.status(response.status))
        }
    }

    private mutating func handleChallenge(_ response: ResponseAPDU) -> EMRTDSecureReadAction {
        guard response.status == .success, let accessKey else {
            // No BAC on this chip (GET CHALLENGE refused): read in plain mode where the chip allows it.
            return selectDG1()
        }
        do {
            let random = terminalRandom
            let auth = try BACMutualAuthentication(
                key: accessKey, cardChallenge: response.data,
                terminalNonce: Array(random.prefix(8)), terminalKeyMaterial: Array(random.dropFirst(8)))
            authentication = auth
            step = .externalAuthenticate
            lastCommand = auth.externalAuthenticate
            return .send(lastCommand)
        } catch {
            return fail(.authenticationFailed(error))
        }
    }

    private mutating func handleAuthentication(_ response: ResponseAPDU) -> EMRTDSecureReadAction {
        guard let authentication else { return fail(.status(response.status)) }
        do {
            session = try authentication.complete(response: response)
            self.authentication = nil
            return selectDG1()
        } catch {
            return fail(.authenticationFailed(error))
        }
    }

    private mutating func selectDG1() -> EMRTDSecureReadAction {
        step = .selectDG1
        return send(.selectFile(id: LDS1.efDG1))
    }

    /// Sends `command`, protected when a session runs; remembers the plain command for 6Cxx retries.
    private mutating func send(_ command: CommandAPDU) -> EMRTDSecureReadAction {
        lastCommand = command
        guard session != nil else { return .send(command) }
        do { return .send(try session!.wrap(command)) } catch { return fail(.secureMessaging(error)) }
    }

    private mutating func continueReading() -> EMRTDSecureReadAction {
        if file.count >= fileLength {
            let dg1 = Array(file.prefix(fileLength))
            step = .done
            let access: EMRTDAccess = session == nil ? .plain : .basicAccessControl
            do { return .finished(dg1: dg1, mrz: try LDS1.mrz(fromDG1: dg1), access: access) } catch { return fail(.malformed(error)) }
        }
        guard fileLength <= 0x7FFF else { return fail(.malformed(.invalidValue(what: "DG1 length", offset: 1, value: 0xFF))) }
        let limit = session == nil ? chunkSize : min(chunkSize, 0xDF)
        return send(.readBinary(offset: file.count, length: min(limit, fileLength - file.count)))
    }

    private mutating func fail(_ error: EMRTDSecureReadError) -> EMRTDSecureReadAction {
        step = .done
        session = nil
        return .failed(error)
    }
}
