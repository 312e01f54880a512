/// Why reading DG1 without secure messaging failed.
public enum EMRTDReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The card refused access (6982): it needs BAC or PACE.
    case accessControlRequired
    /// The application or file does not exist (6A82).
    case notFound
    /// Another status word.
    case status(StatusWord)
    /// DG1 bytes could not be decoded.
    case malformed(CCIDDecodingError)
    /// A response without status word.
    case invalidResponse(APDUError)

    /// A sentence for logs and lobbyctl.
    public var description: String {
        switch self {
        case .accessControlRequired: return "the chip requires BAC/PACE before DG1 can be read"
        case .notFound: return "the eMRTD application or DG1 was not found"
        case .status(let status): return "card answered \(status)"
        case .malformed(let error): return "DG1 is malformed: \(error)"
        case .invalidResponse(let error): return "\(error)"
        }
    }
}

/// What to do next when reading DG1 in plain (non-secured) mode.
public enum EMRTDReadAction: Sendable, Hashable {
    /// Send this command APDU and pass the card's response bytes to `handle`.
    case send(CommandAPDU)
    /// DG1 was read: its bytes and the MRZ text.
    case finished(dg1: [UInt8], mrz: String)
    /// Reading stopped.
    case failed(EMRTDReadError)
}

/// Pure state machine: SELECT LDS1 application, SELECT EF.DG1, READ BINARY the DG1 header, then the rest in chunks.
public struct EMRTDPlainReader: Sendable {
    private enum Step: Sendable, Hashable { case selectApplication, selectDG1, readHeader, readBody, done }

    /// Largest READ BINARY length requested (≤ 256 for short APDUs).
    public let chunkSize: Int
    private var step: Step = .selectApplication
    private var file: [UInt8] = []
    private var fileLength = 0
    private var lastCommand: CommandAPDU

    /// Creates a reader; returns it with the first command via `start`.
    public init(chunkSize: Int = 0xE0) {
        self.chunkSize = min(max(chunkSize, 4), 256)
        lastCommand = .select(aid: LDS1.applicationID)
    }

    /// The first command: SELECT the LDS1 application.
    public mutating func start() -> EMRTDReadAction {
        step = .selectApplication
        file = []
        lastCommand = .select(aid: LDS1.applicationID)
        return .send(lastCommand)
    }

    /// Handles the response to the last command.
    public mutating func handle(response bytes: [UInt8]) -> EMRTDReadAction {
        let response: ResponseAPDU
        do { response = try ResponseAPDU(bytes: bytes) } catch { return fail(.invalidResponse(error)) }
        if let exact = response.status.exactLength, lastCommand.ins == 0xB0 {
            lastCommand.le = exact
            return .send(lastCommand)
        }
        switch response.status.value {
        case 0x9000, 0x6282: break
        case 0x6982: return fail(.accessControlRequired)
        case 0x6A82: return fail(.notFound)
        default: return fail(.status(response.status))
        }
        switch step {
        case .selectApplication:
            step = .selectDG1
            lastCommand = .selectFile(id: LDS1.efDG1)
            return .send(lastCommand)
        case .selectDG1:
            step = .readHeader
            lastCommand = .readBinary(offset: 0, length: 4)
            return .send(lastCommand)
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
        case .done:
            return fail(.status(response.status))
        }
    }

    private mutating func continueReading() -> EMRTDReadAction {
        if file.count >= fileLength {
            let dg1 = Array(file.prefix(fileLength))
            step = .done
            do { return .finished(dg1: dg1, mrz: try LDS1.mrz(fromDG1: dg1)) } catch { return fail(.malformed(error)) }
        }
        guard fileLength <= 0x7FFF else { return fail(.malformed(.invalidValue(what: "DG1 length", offset: 1, value: 0xFF))) }
        lastCommand = .readBinary(offset: file.count, length: min(chunkSize, fileLength - file.count))
        return .send(lastCommand)
    }

    private mutating func fail(_ error: EMRTDReadError) -> EMRTDReadAction {
        step = .done
        return .failed(error)
    }
}
