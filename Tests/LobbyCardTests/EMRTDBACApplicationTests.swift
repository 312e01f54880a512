import LobbyCCID
import LobbyCard
import LobbyEMRTD
import LobbyMRZ
import LobbyTestSupport
import Testing

/// The eMRTD application with Basic Access Control over a synthetic BAC chip: outcomes, commands, thrown channel errors.
@Suite(.tags(.unit))
struct EMRTDBACApplicationTests {
    /// Deterministic stand-in for the system's random bytes.
    static let random: EMRTDApplication.RandomBytes = { count in (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } }

    static func application(offering key: BACAccessKey?, chunkSize: Int = 0xE0) -> EMRTDApplication {
        let holder = EMRTDAccessKeyHolder()
        if let key { holder.offer(key) }
        return EMRTDApplication(chunkSize: chunkSize, accessKeys: holder, randomBytes: random)
    }

    @Test("right MRZ keys: BAC, then protected SELECT and READ BINARY; the MRZ is parsed and marked as read under BAC")
    func readsUnderBAC() throws {
        var card = SyntheticBACCard()
        let reading = try Self.application(offering: SyntheticBACCard.key, chunkSize: 64).read(from: &card)
        guard case .machineReadableZone(let document) = reading.outcome else {
            Issue.record("expected an MRZ, got \(reading.outcome)")
            return
        }
        #expect(reading.access == .basicAccessControl)
        #expect(document.isValid)
        #expect(document.fields?.documentNumber == "AA1234567")
        #expect(document.fields?.fin?.text == "2QW3ER5")
        #expect(card.commands.map(\.ins) == [0xA4, 0x84, 0x82, 0xA4, 0xB0, 0xB0, 0xB0])
        #expect(card.commands.map(\.cla) == [0x00, 0x00, 0x00, 0x0C, 0x0C, 0x0C, 0x0C])
        #expect(card.commands[2].data.count == 40)
        #expect(!card.commands.dropFirst(3).contains { $0.data.contains(0x01) && $0.data == [0x01, 0x01] }, "DG1's id travels encrypted")
        #expect(CardWatch.readingText(reading, reveal: false).hasPrefix("emrtd (BAC): TD1 ID AZE valid documentNumber AA*******"))
    }

    @Test("larger chunks are capped at 223 bytes under secure messaging so answers fit in 256 bytes")
    func chunkCap() throws {
        var card = SyntheticBACCard()
        let reading = try Self.application(offering: SyntheticBACCard.key, chunkSize: 256).read(from: &card)
        #expect(reading.access == .basicAccessControl)
        #expect(card.commands.count == 6)
    }

    @Test("wrong MRZ keys: the chip answers 6300 to EXTERNAL AUTHENTICATE; the reading says BAC failed")
    func wrongKeys() throws {
        var card = SyntheticBACCard()
        let wrong = try BACAccessKey(documentNumber: "AA1234567", birthDate: "010203", expiryDate: "340204")
        let reading = try Self.application(offering: wrong).read(from: &card)
        guard case .basicAccessControlFailed(let problem) = reading.outcome else {
            Issue.record("expected BAC failed, got \(reading.outcome)")
            return
        }
        #expect(problem.contains("6300"))
        #expect(card.commands.map(\.ins) == [0xA4, 0x84, 0x82])
        #expect(CardWatch.readingText(reading, reveal: false).hasPrefix("emrtd: BAC failed: the chip refused EXTERNAL AUTHENTICATE (6300"))
        if case .object(let members) = CardWatch.readingJSON(reading, reveal: false) {
            #expect(members.first { $0.0 == "outcome" }?.1 == .string("basicAccessControlFailed"))
        }
    }

    @Test("no MRZ keys on a BAC chip: access denied (6982), nothing else tried; withdrawn keys behave the same")
    func accessDenied() throws {
        var card = SyntheticBACCard()
        #expect(try Self.application(offering: nil).read(from: &card).outcome == .accessControlRequired)
        #expect(card.commands.map(\.ins) == [0xA4, 0xA4])
        let holder = EMRTDAccessKeyHolder()
        holder.offer(SyntheticBACCard.key)
        holder.withdraw()
        #expect(holder.current == nil)
        var again = SyntheticBACCard()
        #expect(try EMRTDApplication(accessKeys: holder, randomBytes: Self.random).read(from: &again).outcome == .accessControlRequired)
        var plainOnly = SyntheticBACCard()
        #expect(try EMRTDApplication().read(from: &plainOnly).outcome == .accessControlRequired)
    }

    @Test("keys given but the chip has no BAC (GET CHALLENGE refused): read in plain mode")
    func plainFallback() throws {
        var card = SyntheticBACCard()
        card.withoutBAC = true
        let reading = try Self.application(offering: SyntheticBACCard.key, chunkSize: 64).read(from: &card)
        #expect(reading.access == .plain)
        #expect(card.commands.map(\.ins) == [0xA4, 0x84, 0xA4, 0xB0, 0xB0, 0xB0])
        guard case .machineReadableZone(let document) = reading.outcome else {
            Issue.record("expected an MRZ, got \(reading.outcome)")
            return
        }
        #expect(document.fields?.documentNumber == "AA1234567")
    }

    @Test("a broken MAC in a protected answer: secure messaging failed, reading stops")
    func macMismatch() throws {
        var card = SyntheticBACCard()
        card.corruptMACAt = 2
        let reading = try Self.application(offering: SyntheticBACCard.key).read(from: &card)
        #expect(reading.outcome == .secureMessagingFailed("secure-messaging checksum (DO 8E) does not match"))
        #expect(card.commands.count == 5)
    }

    @Test("card pulled during the secure session (or reader unplugged): the channel error is thrown", arguments: [4, 5, 6])
    func removedDuringSession(at command: Int) {
        for error in [CardReaderError.cardAbsent, .readerUnplugged] {
            var card = SyntheticBACCard()
            card.failure = (command, error)
            #expect(throws: error) { try Self.application(offering: SyntheticBACCard.key).read(from: &card) }
        }
    }

    @Test("the key's description hides the key bytes")
    func keyDescription() {
        #expect("\(SyntheticBACCard.key)" == "BAC access key (hidden)")
        #expect(!"\(EMRTDAccessKeyHolder().current as Any)".contains("0x"))
    }
}
