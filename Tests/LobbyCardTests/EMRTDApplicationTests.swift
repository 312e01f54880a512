import LobbyCCID
import LobbyCard
import LobbyMRZ
import LobbyTestSupport
import Testing

/// The eMRTD application over a card channel: outcomes and thrown channel errors.
@Suite(.tags(.unit))
struct EMRTDApplicationTests {
    @Test("plain access: SELECT application, SELECT DG1, READ BINARY header then body; MRZ parsed")
    func plain() throws {
        var card = SyntheticCard()
        let reading = try EMRTDApplication(chunkSize: 64).read(from: &card)
        guard case .machineReadableZone(let document) = reading.outcome else {
            Issue.record("expected an MRZ, got \(reading.outcome)")
            return
        }
        #expect(reading.application == "emrtd")
        #expect(document.isValid)
        #expect(document.format == .td1)
        #expect(document.fields?.documentNumber == "AA1234567")
        #expect(document.fields?.fin?.text == "2QW3ER5")
        #expect(card.commands.map(\.ins) == [0xA4, 0xA4, 0xB0, 0xB0, 0xB0])
        #expect(card.commands.compactMap(\.le) == [4, 64, 27])
    }

    @Test("a BAC chip gives accessControlRequired; a card without the application gives notPresent")
    func refusals() throws {
        var bac = SyntheticCard()
        bac.needsAccessControl = true
        #expect(try EMRTDApplication().read(from: &bac).outcome == .accessControlRequired)
        var other = SyntheticCard()
        other.withoutApplication = true
        #expect(try EMRTDApplication().read(from: &other).outcome == .notPresent)
        #expect(other.commands.count == 1)
    }

    @Test("channel errors (card pulled, reader unplugged) are thrown, not turned into readings")
    func channelErrors() {
        for error in [CardReaderError.cardAbsent, .readerUnplugged, .cardMute("no answer")] {
            var card = SyntheticCard()
            card.failure = (3, error)
            #expect(throws: error) { try EMRTDApplication().read(from: &card) }
        }
    }
}
