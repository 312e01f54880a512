import LobbyCCID
import LobbyEMRTD
import LobbyTestSupport
import Testing

/// `EMRTDSecureReader` without MRZ keys: plain SELECT / READ BINARY of EF.DG1 (the ICAO 9303 TD3 specimen).
@Suite(.tags(.unit))
struct PlainReadTests {
    static let specimenMRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    static var dg1: [UInt8] { [0x61, 0x5B, 0x5F, 0x1F, 0x58] + Array(specimenMRZ.utf8) }

    /// A plain (no BAC) chip holding DG1, answering like a card would.
    struct PlainChip {
        var dg1: [UInt8]
        var selectedApplication = false
        var selectedDG1 = false
        var requireBAC = false
        func answer(_ apdu: [UInt8]) -> [UInt8] {
            switch (apdu[1], apdu[2]) {
            case (0xA4, 0x04): return apdu.count == 12 && Array(apdu[5..<12]) == LDS1.applicationID ? [0x90, 0x00] : [0x6A, 0x82]
            case (0xA4, 0x02): return requireBAC ? [0x69, 0x82] : [0x90, 0x00]
            case (0xB0, _):
                let offset = Int(apdu[2]) << 8 | Int(apdu[3])
                let le = apdu[4] == 0 ? 256 : Int(apdu[4])
                let end = min(offset + le, dg1.count)
                return Array(dg1[offset..<end]) + [0x90, 0x00]
            default: return [0x6D, 0x00]
            }
        }
    }

    @Test func withoutKeysDG1IsReadInPlainChunks() throws {
        var reader = EMRTDSecureReader(chunkSize: 32)
        let chip = PlainChip(dg1: Self.dg1)
        var action = reader.start()
        var sent: [[UInt8]] = []
        for _ in 0..<20 {
            guard case .send(let command) = action else { break }
            let bytes = try command.encoded()
            sent.append(bytes)
            action = reader.handle(response: chip.answer(bytes))
        }
        #expect(action == .finished(dg1: Self.dg1, mrz: Self.specimenMRZ, access: .plain))
        #expect(sent.map { Array($0.prefix(4)) } == [
            [0x00, 0xA4, 0x04, 0x0C], [0x00, 0xA4, 0x02, 0x0C], [0x00, 0xB0, 0x00, 0x00],
            [0x00, 0xB0, 0x00, 0x04], [0x00, 0xB0, 0x00, 0x24], [0x00, 0xB0, 0x00, 0x44],
        ])
        let lastLe: UInt8? = sent.last?[4]
        #expect(lastLe == UInt8(93 - 0x44))
    }

    @Test func withoutKeysAChipThatNeedsBACIsAccessControlRequired() throws {
        var reader = EMRTDSecureReader()
        var chip = PlainChip(dg1: Self.dg1)
        chip.requireBAC = true
        var action = reader.start()
        for _ in 0..<5 {
            guard case .send(let command) = action else { break }
            action = reader.handle(response: chip.answer(try command.encoded()))
        }
        #expect(action == .failed(.accessControlRequired))
    }

    @Test func wrongLeIsRetriedWithTheExactLength() throws {
        var reader = EMRTDSecureReader()
        _ = reader.start()
        _ = reader.handle(response: [0x90, 0x00])
        _ = reader.handle(response: [0x90, 0x00])
        #expect(reader.handle(response: [0x6C, 0x02]) == .send(.readBinary(offset: 0, length: 2)))
    }
}
