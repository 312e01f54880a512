/// An ISO/IEC 7816-4 status word SW1 SW2 with its meaning.
public struct StatusWord: Sendable, Hashable, CustomStringConvertible {
    /// SW1.
    public var sw1: UInt8
    /// SW2.
    public var sw2: UInt8

    /// Creates a status word from its two bytes.
    public init(_ sw1: UInt8, _ sw2: UInt8) {
        self.sw1 = sw1
        self.sw2 = sw2
    }

    /// Creates a status word from a 16-bit value such as 0x9000.
    public init(_ value: UInt16) { self.init(UInt8(value >> 8), UInt8(truncatingIfNeeded: value)) }

    /// The 16-bit value.
    public var value: UInt16 { UInt16(sw1) << 8 | UInt16(sw2) }

    /// 9000.
    public static let success = StatusWord(0x9000)

    /// True for 9000 and 61xx (normal processing).
    public var isSuccess: Bool { sw1 == 0x90 && sw2 == 0 || sw1 == 0x61 }

    /// For 61xx: bytes still available with GET RESPONSE (00 means 256).
    public var bytesAvailable: Int? { sw1 == 0x61 ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    /// For 6Cxx: the exact Le the card wants (00 means 256).
    public var exactLength: Int? { sw1 == 0x6C ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    /// A short English name of the condition.
    public var name: String {
        switch (sw1, sw2) {
        case (0x90, 0x00): return "success"
        case (0x61, _): return "success, \(bytesAvailable ?? 0) more bytes available (GET RESPONSE)"
        case (0x62, 0x81): return "warning: returned data may be corrupted"
        case (0x62, 0x82): return "warning: end of file reached before Le bytes"
        case (0x62, 0x83): return "warning: selected file deactivated"
        case (0x63, 0x00): return "warning: authentication failed (e.g. wrong BAC keys)"
        case (0x63, let x) where x & 0xF0 == 0xC0: return "warning: verification failed, \(x & 0x0F) tries left"
        case (0x64, 0x00): return "execution error, state unchanged"
        case (0x65, 0x81): return "memory failure"
        case (0x67, 0x00): return "wrong length"
        case (0x68, 0x82): return "secure messaging not supported"
        case (0x69, 0x82): return "security status not satisfied (access control such as BAC/PACE needed)"
        case (0x69, 0x83): return "authentication method blocked"
        case (0x69, 0x85): return "conditions of use not satisfied"
        case (0x69, 0x86): return "command not allowed (no current EF)"
        case (0x69, 0x87): return "expected secure messaging data objects missing"
        case (0x69, 0x88): return "incorrect secure messaging data objects"
        case (0x6A, 0x80): return "incorrect data field"
        case (0x6A, 0x81): return "function not supported"
        case (0x6A, 0x82): return "file or application not found"
        case (0x6A, 0x86): return "incorrect parameters P1-P2"
        case (0x6A, 0x87): return "Lc inconsistent with P1-P2"
        case (0x6A, 0x88): return "referenced data not found"
        case (0x6B, 0x00): return "wrong parameters (offset outside the file)"
        case (0x6C, _): return "wrong Le; exact length is \(exactLength ?? 0)"
        case (0x6D, 0x00): return "instruction not supported"
        case (0x6E, 0x00): return "class not supported"
        case (0x6F, 0x00): return "no precise diagnosis"
        default: return "status \(hex(sw1))\(hex(sw2))"
        }
    }

    /// "6A82 file or application not found".
    public var description: String { "\(hex(sw1))\(hex(sw2)) \(name)" }
}
