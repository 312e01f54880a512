/// Decodes ESC/POS bytes of the subset Lobby emits (plus the common text-mode commands other
/// programs send) into commands; used by tests, the printer simulator and `lobbyctl` dumps.
///
/// Strict: an unknown or truncated command is an error that names its byte offset, so a test
/// cannot pass over bytes nobody understands. Native two-dimensional codes (`GS ( k`) are known
/// and described, not rendered.
public struct EscPosDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes the whole input.
    public func decode(_ bytes: [UInt8]) throws(EscPosDecodingError) -> DecodedEscPos {
        var reader = Reader(bytes: bytes)
        var commands: [DecodedEscPos.Command] = []
        while !reader.isAtEnd {
            let start = reader.offset
            let command = try decodeCommand(&reader)
            commands.append(DecodedEscPos.Command(byteOffset: start, command: command))
        }
        return DecodedEscPos(commands: commands)
    }

    private func decodeCommand(_ reader: inout Reader) throws(EscPosDecodingError) -> EscPosCommand {
        let start = reader.offset
        let first = reader.peek(0)!
        switch first {
        case 0x0A:
            reader.skip(1)
            return .lineFeed
        case 0x0D:
            reader.skip(1)
            return .carriageReturn
        case 0x09, 0x20...0x7E, 0x80...0xFF:
            var text: [UInt8] = []
            while let byte = reader.peek(0), byte == 0x09 || (0x20...0x7E).contains(byte) || byte >= 0x80 {
                text.append(byte)
                reader.skip(1)
            }
            return .text(text)
        case 0x1B:
            return try decodeEscape(&reader, start: start)
        case 0x1D:
            return try decodeGroupSeparator(&reader, start: start)
        case 0x10:
            let header = try reader.take(3, command: "DLE EOT", start: start)
            guard header[1] == 0x04 else { throw .unknownCommand(byteOffset: start, bytes: Array(header.prefix(2))) }
            guard let kind = RealTimeStatusKind(rawValue: header[2]) else {
                throw .invalidParameter(command: "DLE EOT", byteOffset: start, parameter: "n", value: Int(header[2]))
            }
            return .realTimeStatusRequest(kind)
        default:
            throw .unknownCommand(byteOffset: start, bytes: [first])
        }
    }

    private func decodeEscape(_ reader: inout Reader, start: Int) throws(EscPosDecodingError) -> EscPosCommand {
        guard let code = reader.peek(1) else {
            throw .truncated(command: "ESC", byteOffset: start, neededBytes: 2, availableBytes: reader.remaining)
        }
        switch code {
        case 0x40:
            reader.skip(2)
            return .initialize
        case 0x32:
            reader.skip(2)
            return .defaultLineSpacing
        case 0x21, 0x33, 0x4A, 0x61, 0x64, 0x74, 0x25, 0x3F, 0x45, 0x47, 0x4D, 0x2D:
            let names: [UInt8: String] = [
                0x21: "ESC !", 0x33: "ESC 3", 0x4A: "ESC J", 0x61: "ESC a", 0x64: "ESC d", 0x74: "ESC t", 0x25: "ESC %",
                0x3F: "ESC ?", 0x45: "ESC E", 0x47: "ESC G", 0x4D: "ESC M", 0x2D: "ESC -",
            ]
            let bytes = try reader.take(3, command: names[code]!, start: start)
            let value = bytes[2]
            switch code {
            case 0x21: return .printMode(value)
            case 0x33: return .lineSpacing(value)
            case 0x4A: return .feedDots(value)
            case 0x64: return .feedLines(value)
            case 0x74: return .selectCodePage(value)
            case 0x25: return .userDefinedCharacterSet(value & 1 == 1)
            case 0x3F:
                guard (0x20...0x7E).contains(value) else {
                    throw .invalidParameter(command: "ESC ?", byteOffset: start, parameter: "n", value: Int(value))
                }
                return .cancelUserDefinedCharacter(value)
            case 0x45: return .emphasis(value & 1 == 1)
            case 0x47: return .doubleStrike(value & 1 == 1)
            case 0x4D:
                // ESC M accepts 0-4 and the ASCII digits '0'-'4'.
                let font = value >= 0x30 ? value - 0x30 : value
                guard font <= 4 else { throw .invalidParameter(command: "ESC M", byteOffset: start, parameter: "n", value: Int(value)) }
                return .selectFont(font)
            case 0x2D:
                let mode = value >= 0x30 ? value - 0x30 : value
                guard mode <= 2 else { throw .invalidParameter(command: "ESC -", byteOffset: start, parameter: "n", value: Int(value)) }
                return .underline(mode)
            default:
                // ESC a accepts 0-2 and the ASCII digits '0'-'2'.
                let normalised = value >= 0x30 ? value - 0x30 : value
                guard let justification = Justification(rawValue: normalised) else {
                    throw .invalidParameter(command: "ESC a", byteOffset: start, parameter: "n", value: Int(value))
                }
                return .justification(justification)
            }
        case 0x2A:
            let header = try reader.take(5, command: "ESC *", start: start)
            guard let density = ColumnImageDensity(rawValue: header[2]) else {
                throw .invalidParameter(command: "ESC *", byteOffset: start, parameter: "m", value: Int(header[2]))
            }
            let columns = Int(header[3]) | Int(header[4]) << 8
            let dataCount = columns * density.bandRows / 8
            let data = try reader.take(dataCount, command: "ESC *", start: start, alreadyRead: 5)
            return .columnImage(ColumnImageCommand(density: density, columns: columns, columnBytes: data))
        case 0x26:
            return try decodeUserDefinedCharacters(&reader, start: start)
        default:
            throw .unknownCommand(byteOffset: start, bytes: [0x1B, code])
        }
    }

    private func decodeGroupSeparator(_ reader: inout Reader, start: Int) throws(EscPosDecodingError) -> EscPosCommand {
        guard let code = reader.peek(1) else {
            throw .truncated(command: "GS", byteOffset: start, neededBytes: 2, availableBytes: reader.remaining)
        }
        switch code {
        case 0x76:
            let header = try reader.take(8, command: "GS v 0", start: start)
            guard header[2] == 0x30 else { throw .unknownCommand(byteOffset: start, bytes: Array(header.prefix(3))) }
            let mode = header[3] >= 0x30 ? header[3] - 0x30 : header[3]
            guard let scale = RasterScale(rawValue: mode) else {
                throw .invalidParameter(command: "GS v 0", byteOffset: start, parameter: "m", value: Int(header[3]))
            }
            let widthBytes = Int(header[4]) | Int(header[5]) << 8
            let rows = Int(header[6]) | Int(header[7]) << 8
            let data = try reader.take(widthBytes * rows, command: "GS v 0", start: start, alreadyRead: 8)
            let bitmap: MonoBitmap
            do {
                bitmap = try MonoBitmap(widthDots: widthBytes * 8, heightDots: rows, bytes: data)
            } catch {
                throw .invalidParameter(command: "GS v 0", byteOffset: start, parameter: "size", value: widthBytes * rows)
            }
            return .rasterImage(RasterImageCommand(scale: scale, bitmap: bitmap))
        case 0x56:
            let header = try reader.take(3, command: "GS V", start: start)
            switch header[2] {
            case 0x00, 0x30: return .cut(.fullCut)
            case 0x01, 0x31: return .cut(.partialCut)
            case 0x41, 0x42:
                let units = try reader.take(1, command: "GS V", start: start, alreadyRead: 3)[0]
                return .cut(header[2] == 0x41 ? .feedThenFullCut(feedUnits: units) : .feedThenPartialCut(feedUnits: units))
            default:
                throw .invalidParameter(command: "GS V", byteOffset: start, parameter: "m", value: Int(header[2]))
            }
        case 0x28:
            let header = try reader.take(5, command: "GS (", start: start)
            guard header[2] == 0x6B else { throw .unknownCommand(byteOffset: start, bytes: Array(header.prefix(3))) }
            let length = Int(header[3]) | Int(header[4]) << 8
            guard length >= 2 else {
                throw .invalidParameter(command: "GS ( k", byteOffset: start, parameter: "pL pH", value: length)
            }
            let body = try reader.take(length, command: "GS ( k", start: start, alreadyRead: 5)
            return .twoDimensionalCode(TwoDimensionalCodeCommand(
                symbol: body[0], function: body[1], parameters: Array(body.dropFirst(2))
            ))
        case 0x61:
            let bytes = try reader.take(3, command: "GS a", start: start)
            return .enableAutomaticStatusBack(bytes[2])
        case 0x21:
            let n = try reader.take(3, command: "GS !", start: start)[2]
            guard n & 0x88 == 0 else { throw .invalidParameter(command: "GS !", byteOffset: start, parameter: "n", value: Int(n)) }
            return .characterSize(width: (n >> 4) + 1, height: (n & 0x07) + 1)
        case 0x42:
            return .reverse(try reader.take(3, command: "GS B", start: start)[2] & 1 == 1)
        default:
            throw .unknownCommand(byteOffset: start, bytes: [0x1D, code])
        }
    }
}

extension EscPosDecoder {
    /// `ESC & y c1 c2 [x d1 … d(y × x)]…`.
    fileprivate func decodeUserDefinedCharacters(_ reader: inout Reader, start: Int) throws(EscPosDecodingError) -> EscPosCommand {
        let header = try reader.take(5, command: "ESC &", start: start)
        let (y, first, last) = (Int(header[2]), header[3], header[4])
        guard (1...4).contains(y) else { throw .invalidParameter(command: "ESC &", byteOffset: start, parameter: "y", value: y) }
        guard (0x20...0x7E).contains(first) else { throw .invalidParameter(command: "ESC &", byteOffset: start, parameter: "c1", value: Int(first)) }
        guard (first...0x7E).contains(last) else { throw .invalidParameter(command: "ESC &", byteOffset: start, parameter: "c2", value: Int(last)) }
        var read = 5
        var glyphs: [MonoBitmap] = []
        for _ in first...last {
            let columns = Int(try reader.take(1, command: "ESC &", start: start, alreadyRead: read)[0])
            read += 1
            let data = try reader.take(columns * y, command: "ESC &", start: start, alreadyRead: read)
            read += data.count
            glyphs.append(UserDefinedCharacters.glyph(verticalBytes: y, columns: columns, bytes: data[...]))
        }
        return .defineCharacters(UserDefinedCharacters(verticalBytes: y, firstCode: first, glyphs: glyphs))
    }
}

/// A cursor over the input bytes.
fileprivate struct Reader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    func peek(_ distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    mutating func skip(_ count: Int) { offset += count }

    /// Takes `count` bytes; `alreadyRead` bytes of the same command were taken before (for the
    /// error message, which counts from the command's start).
    mutating func take(
        _ count: Int, command: String, start: Int, alreadyRead: Int = 0
    ) throws(EscPosDecodingError) -> [UInt8] {
        guard count <= remaining else {
            throw .truncated(
                command: command, byteOffset: start, neededBytes: alreadyRead + count,
                availableBytes: alreadyRead + remaining
            )
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
