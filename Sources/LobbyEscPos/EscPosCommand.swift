/// One ESC/POS command of the subset Lobby sends, or recognises when decoding.
public enum EscPosCommand: Equatable, Sendable {
    /// `ESC @`: reset the printer to its power-on settings.
    case initialize
    /// Printable bytes (0x20-0x7E, 0x80-0xFF, tab) in the printer's current code page.
    case text([UInt8])
    /// `LF`: print the line buffer and feed one line.
    case lineFeed
    /// `CR`: carriage return (ignored by most thermal printers).
    case carriageReturn
    /// `ESC d n`: print and feed `n` lines.
    case feedLines(UInt8)
    /// `ESC J n`: print and feed `n` motion units (dots).
    case feedDots(UInt8)
    /// `ESC 3 n`: line spacing of `n` motion units.
    case lineSpacing(UInt8)
    /// `ESC 2`: default line spacing.
    case defaultLineSpacing
    /// `ESC ! n`: character print mode bits (font, emphasis, double height/width, underline).
    case printMode(UInt8)
    /// `ESC a n`: justification of text and images.
    case justification(Justification)
    /// `GS v 0`: one raster image band.
    case rasterImage(RasterImageCommand)
    /// `ESC *`: one band of column (bit) image.
    case columnImage(ColumnImageCommand)
    /// `GS V`: cut the paper (never `.none` when decoded).
    case cut(CutCommand)
    /// `GS ( k`: a two-dimensional code function (native QR, PDF417), kept as parameters.
    case twoDimensionalCode(TwoDimensionalCodeCommand)
    /// `GS a n`: enable Automatic Status Back for the events in bit mask `n` (0 disables).
    case enableAutomaticStatusBack(UInt8)
    /// `DLE EOT n`: real-time status request (n = 1...4).
    case realTimeStatusRequest(RealTimeStatusKind)
    /// `ESC t n`: select the character code table (vendor-specific `n`, see the printer profile).
    case selectCodePage(UInt8)
    /// `ESC % n`: select (`true`) or cancel the user-defined character set.
    case userDefinedCharacterSet(Bool)
    /// `ESC &`: define user-defined characters.
    case defineCharacters(UserDefinedCharacters)
    /// `ESC ? n`: cancel one user-defined character.
    case cancelUserDefinedCharacter(UInt8)
    /// `GS ! n`: character size, width and height factors 1-8.
    case characterSize(width: UInt8, height: UInt8)
    /// `ESC E n`: emphasized (bold) on or off.
    case emphasis(Bool)
    /// `ESC G n`: double-strike on or off.
    case doubleStrike(Bool)
    /// `GS B n`: white on black on or off.
    case reverse(Bool)
    /// `ESC M n`: character font (0 Font A, 1 Font B, …).
    case selectFont(UInt8)
    /// `ESC - n`: underline off (0), one dot (1) or two dots (2).
    case underline(UInt8)

    /// Appends the bytes of this command.
    public func encode(into output: inout [UInt8]) {
        switch self {
        case .initialize:
            output += [0x1B, 0x40]
        case let .text(bytes):
            output += bytes
        case .lineFeed:
            output.append(0x0A)
        case .carriageReturn:
            output.append(0x0D)
        case let .feedLines(count):
            output += [0x1B, 0x64, count]
        case let .feedDots(count):
            output += [0x1B, 0x4A, count]
        case let .lineSpacing(units):
            output += [0x1B, 0x33, units]
        case .defaultLineSpacing:
            output += [0x1B, 0x32]
        case let .printMode(bits):
            output += [0x1B, 0x21, bits]
        case let .justification(justification):
            output += [0x1B, 0x61, justification.rawValue]
        case let .rasterImage(image):
            image.encode(into: &output)
        case let .columnImage(image):
            image.encode(into: &output)
        case let .cut(cut):
            output += cut.bytes
        case let .twoDimensionalCode(code):
            code.encode(into: &output)
        case let .enableAutomaticStatusBack(mask):
            output += [0x1D, 0x61, mask]
        case let .realTimeStatusRequest(kind):
            output += kind.requestBytes
        case let .selectCodePage(number):
            output += [0x1B, 0x74, number]
        case let .userDefinedCharacterSet(on):
            output += [0x1B, 0x25, on ? 1 : 0]
        case let .defineCharacters(definition):
            definition.encode(into: &output)
        case let .cancelUserDefinedCharacter(code):
            output += [0x1B, 0x3F, code]
        case let .characterSize(width, height):
            precondition((1...8).contains(width) && (1...8).contains(height), "GS ! factors are 1-8")
            output += [0x1D, 0x21, (width - 1) << 4 | (height - 1)]
        case let .emphasis(on):
            output += [0x1B, 0x45, on ? 1 : 0]
        case let .doubleStrike(on):
            output += [0x1B, 0x47, on ? 1 : 0]
        case let .reverse(on):
            output += [0x1D, 0x42, on ? 1 : 0]
        case let .selectFont(font):
            output += [0x1B, 0x4D, font]
        case let .underline(mode):
            output += [0x1B, 0x2D, mode]
        }
    }

    /// The bytes of a sequence of commands.
    public static func bytes(of commands: [EscPosCommand]) -> [UInt8] {
        var output: [UInt8] = []
        for command in commands { command.encode(into: &output) }
        return output
    }

    /// A short human-readable description, e.g. for `lobbyctl` dumps.
    public var summary: String {
        switch self {
        case .initialize: "ESC @ initialize"
        case let .text(bytes): "text \(bytes.count) bytes"
        case .lineFeed: "LF"
        case .carriageReturn: "CR"
        case let .feedLines(count): "ESC d feed \(count) lines"
        case let .feedDots(count): "ESC J feed \(count) dots"
        case let .lineSpacing(units): "ESC 3 line spacing \(units)"
        case .defaultLineSpacing: "ESC 2 default line spacing"
        case let .printMode(bits): "ESC ! print mode 0x\(String(bits, radix: 16))"
        case let .justification(justification): "ESC a \(justification)"
        case let .rasterImage(image):
            "GS v 0 raster \(image.bitmap.widthDots)x\(image.bitmap.heightDots) \(image.scale)"
        case let .columnImage(image):
            "ESC * column image \(image.bitmap.widthDots)x\(image.bitmap.heightDots) \(image.density)"
        case let .cut(cut): "GS V \(cut.profileName)"
        case let .twoDimensionalCode(code): "GS ( k \(code.summary)"
        case let .enableAutomaticStatusBack(mask): "GS a ASB mask 0x\(String(mask, radix: 16))"
        case let .realTimeStatusRequest(kind): "DLE EOT \(kind.rawValue)"
        case let .selectCodePage(number): "ESC t code page \(number)"
        case let .userDefinedCharacterSet(on): "ESC % user-defined characters \(on ? "on" : "off")"
        case let .defineCharacters(definition):
            "ESC & define \(definition.glyphs.count) characters 0x\(String(definition.firstCode, radix: 16))-0x\(String(definition.lastCode, radix: 16))"
        case let .cancelUserDefinedCharacter(code): "ESC ? cancel character 0x\(String(code, radix: 16))"
        case let .characterSize(width, height): "GS ! size \(width)x\(height)"
        case let .emphasis(on): "ESC E bold \(on ? "on" : "off")"
        case let .doubleStrike(on): "ESC G double-strike \(on ? "on" : "off")"
        case let .reverse(on): "GS B reverse \(on ? "on" : "off")"
        case let .selectFont(font): "ESC M font \(font)"
        case let .underline(mode): "ESC - underline \(mode)"
        }
    }
}

/// Justification for `ESC a`.
public enum Justification: UInt8, Equatable, Sendable {
    /// Flush left.
    case left = 0
    /// Centred.
    case center = 1
    /// Flush right.
    case right = 2
}
