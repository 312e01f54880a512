import LobbyCCID
import LobbyCard

/// A test double of a powered eMRTD chip holding a SYNTHETIC Azerbaijani TD1 MRZ (no real person).
struct SyntheticCard: CardChannel {
    static let mrz = "IDAZEAA123456782QW3ER5<<<<<<<<" + "0102030M3402030AZE<<<<<<<<<<<7" + "NUMUNOV<<SINAQ<TEST<<<<<<<<<<<"
    static var dg1: [UInt8] {
        let inner: [UInt8] = [0x5F, 0x1F, UInt8(mrz.utf8.count)] + Array(mrz.utf8)
        return [0x61, UInt8(inner.count)] + inner
    }

    let answerToReset = try! AnswerToReset(bytes: [0x3B, 0x85, 0x81, 0x31, 0xFE, 0x45, 0x4C, 0x4F, 0x42, 0x42, 0x59, 0xD4])
    /// DG1 refused with 6982 (a BAC chip).
    var needsAccessControl = false
    /// No eMRTD application (6A82 on SELECT).
    var withoutApplication = false
    /// Fail the n-th command with this error (reader unplugged, card pulled).
    var failure: (at: Int, error: CardReaderError)?
    /// Commands received.
    var commands: [CommandAPDU] = []
    private var selected = false
    private var file: [UInt8]?

    mutating func transmit(_ command: CommandAPDU) throws(CardReaderError) -> ResponseAPDU {
        commands.append(command)
        if let failure, failure.at == commands.count { throw failure.error }
        let bytes: [UInt8]
        switch (command.ins, command.p1) {
        case (0xA4, 0x04):
            selected = !withoutApplication && command.data == LDS1.applicationID
            bytes = selected ? [0x90, 0x00] : [0x6A, 0x82]
        case (0xA4, 0x02):
            if needsAccessControl { bytes = [0x69, 0x82] } else if selected && command.data == [0x01, 0x01] {
                file = Self.dg1
                bytes = [0x90, 0x00]
            } else {
                bytes = [0x6A, 0x82]
            }
        case (0xB0, _):
            guard let file else { return try! ResponseAPDU(bytes: [0x69, 0x86]) }
            let offset = Int(command.p1) << 8 | Int(command.p2)
            let chunk = Array(file[min(offset, file.count)..<min(offset + (command.le ?? 256), file.count)])
            bytes = chunk + (chunk.count == command.le ? [0x90, 0x00] : [0x62, 0x82])
        default:
            bytes = [0x6D, 0x00]
        }
        return try! ResponseAPDU(bytes: bytes)
    }
}
