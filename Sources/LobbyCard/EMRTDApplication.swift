import LobbyCCID
import LobbyMRZ

/// The ICAO eMRTD application (LDS1): SELECT the application, SELECT EF.DG1, READ BINARY, parse the MRZ.
///
/// Plain access only: chips that require Basic Access Control or PACE answer 6982 and the reading says
/// `accessControlRequired` (BAC secure messaging is not implemented; `BACKeySeed` derives the keys).
public struct EMRTDApplication: CardApplication {
    /// `emrtd`.
    public let name = "emrtd"
    /// Largest READ BINARY length (≤ 256 for short APDUs).
    public let chunkSize: Int

    /// Creates the application reader.
    public init(chunkSize: Int = 0xE0) { self.chunkSize = chunkSize }

    /// Runs `EMRTDPlainReader` over the channel.
    public func read<Channel: CardChannel>(from channel: inout Channel) throws(CardReaderError) -> CardApplicationReading {
        var reader = EMRTDPlainReader(chunkSize: chunkSize)
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
            case .finished(_, let mrz):
                return CardApplicationReading(application: name, outcome: .machineReadableZone(MRZParser.parse(mrz)))
            case .failed(let error):
                let outcome: CardApplicationReading.Outcome
                switch error {
                case .accessControlRequired: outcome = .accessControlRequired
                case .notFound: outcome = .notPresent
                case .status(let status): outcome = .refused(status)
                case .malformed(let problem): outcome = .malformed("\(problem)")
                case .invalidResponse(let problem): outcome = .malformed("\(problem)")
                }
                return CardApplicationReading(application: name, outcome: outcome)
            }
        }
    }
}
