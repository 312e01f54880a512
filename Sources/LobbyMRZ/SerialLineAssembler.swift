/// Turns the byte stream of a CDC-ACM serial MRZ reader into candidate MRZ documents (pure; time is a parameter).
///
/// CR, LF and CRLF end lines (CRLF counts once, also across reads); an empty line, ETX (0x03) or
/// EOT (0x04) ends a document; other control bytes are ignored; bytes ≥ 0x80 become U+FFFD so
/// the parser reports them.
public struct SerialLineAssembler: Sendable {
    private var text: MRZTextAssembler
    private var lastWasCarriageReturn = false

    /// Creates an assembler.
    public init(configuration: MRZTextAssembler.Configuration = MRZTextAssembler.Configuration()) {
        text = MRZTextAssembler(configuration: configuration)
    }

    /// When `poll` will end the pending document, nil when nothing is pending.
    public var deadline: InputInstant? { text.deadline }

    /// Handles bytes read at `now`; returns the documents they completed.
    public mutating func receive<Bytes: Sequence>(_ bytes: Bytes, at now: InputInstant) -> [MRZCandidate] where Bytes.Element == UInt8 {
        var out: [MRZCandidate] = []
        for byte in bytes {
            let afterCarriageReturn = lastWasCarriageReturn
            lastWasCarriageReturn = byte == 0x0D
            switch byte {
            case 0x0D:
                out += text.endLine(at: now)
            case 0x0A:
                if !afterCarriageReturn { out += text.endLine(at: now) }
            case 0x03, 0x04:
                out += text.endDocument(at: now)
            case 0x20...0x7E:
                out += text.append(Unicode.Scalar(byte), at: now)
            case 0x80...0xFF:
                out += text.append("\u{FFFD}", at: now)
            default:
                if let expired = text.poll(now: now) { out.append(expired) }
            }
        }
        return out
    }

    /// Ends the pending document if the idle timeout has passed at `now`.
    public mutating func poll(now: InputInstant) -> MRZCandidate? { text.poll(now: now) }
}
