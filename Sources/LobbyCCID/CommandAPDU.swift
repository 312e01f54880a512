/// Why a command APDU cannot be encoded.
public enum APDUError: Error, Sendable, Hashable, CustomStringConvertible {
    /// More than 65,535 data bytes.
    case dataTooLong(Int)
    /// Le outside 1…65,536.
    case invalidLe(Int)
    /// A short APDU was requested but Lc > 255 or Le > 256.
    case needsExtendedLength
    /// A response has fewer than 2 bytes (no status word).
    case responseTooShort(Int)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case .dataTooLong(let count): return "APDU data of \(count) bytes exceeds 65535"
        case .invalidLe(let le): return "Le \(le) is outside 1...65536"
        case .needsExtendedLength: return "APDU needs extended length fields, which the reader does not support"
        case .responseTooShort(let count): return "response APDU of \(count) bytes has no status word"
        }
    }
}

/// An ISO/IEC 7816-4 command APDU: header, optional data (Lc) and optional expected length (Le).
public struct CommandAPDU: Sendable, Hashable {
    /// CLA.
    public var cla: UInt8
    /// INS.
    public var ins: UInt8
    /// P1.
    public var p1: UInt8
    /// P2.
    public var p2: UInt8
    /// Command data (Lc = its length; empty means no Lc).
    public var data: [UInt8]
    /// Expected response length 1…65,536 (256 in short form, 65,536 in extended form encode as zeros); nil for no Le.
    public var le: Int?

    /// Creates a command.
    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    /// True when short length fields cannot hold Lc or Le.
    public var requiresExtendedLength: Bool { data.count > 255 || (le ?? 0) > 256 }

    /// Encodes the APDU; `extended` nil picks short form when it fits.
    public func encoded(extended: Bool? = nil) throws(APDUError) -> [UInt8] {
        guard data.count <= 65_535 else { throw .dataTooLong(data.count) }
        if let le, !(1...65_536).contains(le) { throw .invalidLe(le) }
        let useExtended = extended ?? requiresExtendedLength
        if !useExtended && requiresExtendedLength { throw .needsExtendedLength }
        var out = [cla, ins, p1, p2]
        if useExtended {
            if !data.isEmpty { out += [0x00, UInt8(data.count >> 8), UInt8(truncatingIfNeeded: data.count)] + data }
            if let le {
                let value = le == 65_536 ? 0 : le
                if data.isEmpty { out.append(0x00) }
                out += [UInt8(value >> 8), UInt8(truncatingIfNeeded: value)]
            }
        } else {
            if !data.isEmpty { out += [UInt8(data.count)] + data }
            if let le { out.append(le == 256 ? 0 : UInt8(le)) }
        }
        return out
    }

    /// SELECT by DF name (AID), first or only occurrence, no response data (P2 = 0C).
    public static func select(aid: [UInt8]) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid)
    }

    /// SELECT an elementary file by its 2-byte identifier under the current DF, no response data.
    public static func selectFile(id: UInt16) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [UInt8(id >> 8), UInt8(truncatingIfNeeded: id)])
    }

    /// READ BINARY of the current EF from an offset (0…32,767).
    public static func readBinary(offset: Int, length: Int) -> CommandAPDU {
        let clamped = min(max(offset, 0), 0x7FFF)
        return CommandAPDU(ins: 0xB0, p1: UInt8(clamped >> 8), p2: UInt8(truncatingIfNeeded: clamped), le: length)
    }

    /// READ BINARY selecting the EF by short file identifier (1…30) with an offset 0…255.
    public static func readBinary(shortFileID: UInt8, offset: UInt8, length: Int) -> CommandAPDU {
        CommandAPDU(ins: 0xB0, p1: 0x80 | (shortFileID & 0x1F), p2: offset, le: length)
    }

    /// GET RESPONSE after 61xx.
    public static func getResponse(length: Int) -> CommandAPDU { CommandAPDU(ins: 0xC0, p1: 0, p2: 0, le: length) }
}

/// An ISO/IEC 7816-4 response APDU: data and status word.
public struct ResponseAPDU: Sendable, Hashable {
    /// Response data.
    public var data: [UInt8]
    /// Status word.
    public var status: StatusWord

    /// Splits response bytes into data and SW1 SW2.
    public init(bytes: [UInt8]) throws(APDUError) {
        guard bytes.count >= 2 else { throw .responseTooShort(bytes.count) }
        data = Array(bytes.dropLast(2))
        status = StatusWord(bytes[bytes.count - 2], bytes[bytes.count - 1])
    }
}
