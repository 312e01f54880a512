import LobbyCCID
import LobbyEMRTD
import LobbyMRZ

/// The ICAO eMRTD application (LDS1): SELECT the application, (BAC), SELECT EF.DG1, READ BINARY, parse the MRZ.
///
/// Without MRZ keys it reads in plain mode; a chip that needs Basic Access Control answers 6982 and the reading
/// says `accessControlRequired` (access denied). With keys (from an MRZ read at the same kiosk, through
/// `EMRTDAccessKeyHolder`) it runs BAC and reads DG1 under secure messaging; wrong keys give
/// `basicAccessControlFailed`. Chips without BAC are read in plain mode either way.
public struct EMRTDApplication: CardApplication {
    /// Fresh random bytes (`count` of them) for the terminal's BAC nonce and key material.
    public typealias RandomBytes = @Sendable (_ count: Int) -> [UInt8]

    /// `emrtd`.
    public let name = "emrtd"
    /// Largest READ BINARY length (≤ 256 for short APDUs; ≤ 223 under secure messaging).
    public let chunkSize: Int
    /// Where the MRZ keys come from (nil: plain reading only).
    public let accessKeys: EMRTDAccessKeyHolder?
    private let randomBytes: RandomBytes?

    /// Creates the plain-only application reader.
    public init(chunkSize: Int = 0xE0) {
        self.chunkSize = chunkSize
        accessKeys = nil
        randomBytes = nil
    }

    /// Creates the application reader with BAC: keys from `accessKeys` when one is on offer, randomness from `randomBytes`.
    public init(chunkSize: Int = 0xE0, accessKeys: EMRTDAccessKeyHolder, randomBytes: @escaping RandomBytes) {
        self.chunkSize = chunkSize
        self.accessKeys = accessKeys
        self.randomBytes = randomBytes
    }

    /// Reads DG1 with the key on offer (if any).
    public func read<Channel: CardChannel>(from channel: inout Channel) throws(CardReaderError) -> CardApplicationReading {
        let key = accessKeys?.current
        let random = key == nil ? [] : (randomBytes?(24) ?? [])
        return try read(from: &channel, accessKey: key, terminalRandom: random)
    }

    /// Reads DG1 with an explicit key (nil: plain) and the terminal's 24 random bytes (RND.IFD ‖ K.IFD).
    public func read<Channel: CardChannel>(from channel: inout Channel, accessKey: BACAccessKey?,
                                           terminalRandom: [UInt8]) throws(CardReaderError) -> CardApplicationReading {
        var reader = EMRTDSecureReader(accessKey: accessKey, terminalRandom: terminalRandom, chunkSize: chunkSize)
        var action = reader.start()
        var commands = 0
        while true {
            switch action {
            case .send(let command):
                commands += 1
                guard commands <= 300 else {
                    return CardApplicationReading(application: name, outcome: .malformed("DG1 needs more than 300 commands"))
                }
                let response = try channel.transmit(command)
                action = reader.handle(response: response.data + [response.status.sw1, response.status.sw2])
            case let .finished(_, mrz, access):
                return CardApplicationReading(application: name, outcome: .machineReadableZone(MRZParser.parse(mrz)), access: access)
            case .failed(let error):
                return CardApplicationReading(application: name, outcome: Self.outcome(error))
            }
        }
    }

    /// The reading outcome of a failed read.
    static func outcome(_ error: EMRTDSecureReadError) -> CardApplicationReading.Outcome {
        switch error {
        case .accessControlRequired: return .accessControlRequired
        case .authenticationFailed(let problem): return .basicAccessControlFailed(problem.description)
        case .secureMessaging(let problem): return .secureMessagingFailed(problem.description)
        case .notFound: return .notPresent
        case .status(let status): return .refused(status)
        case .malformed(let problem): return .malformed("\(problem)")
        case .invalidResponse(let problem): return .malformed("\(problem)")
        }
    }
}
