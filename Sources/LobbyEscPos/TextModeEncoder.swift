/// Turns a `TextTicket` into ESC/POS text-mode commands for one printer profile: `ESC @`, the code
/// page that prints most of the ticket's characters (`ESC t n`), the missing characters downloaded
/// once as user-defined characters (`ESC &`) and printed between `ESC % 1` and `ESC % 0`, sizes
/// with `GS !`, the printer's own QR code (`GS ( k`), pictures only for what needs them, the cut.
///
/// Characters that neither the code page nor a downloaded glyph can print make their whole line a
/// picture (`TextModeGlyphs.picture(of:…)`); only if that is impossible too do they print as `?`.
public struct TextModeEncoder: Sendable {
    /// The profile; it has a `text` section.
    public let profile: PrinterProfile
    /// Its text-mode facts.
    public let support: TextModeSupport

    /// An encoder, or nil when the profile has no text mode.
    public init?(profile: PrinterProfile) {
        guard let support = profile.text else { return nil }
        self.profile = profile
        self.support = support
    }

    /// The printable width in dots.
    public var widthDots: Int { profile.width.dots }

    /// What the encoder decided for a ticket.
    public struct Plan: Equatable, Sendable {
        /// The code page selected once for the ticket.
        public var codePage: TextModeSupport.CodePageSlot
        /// The characters downloaded as user-defined characters, with their codes.
        public var userDefined: [Unicode.Scalar: UInt8]
        /// Characters printed neither way (their lines become pictures, or `?`).
        public var missing: Set<Unicode.Scalar>
    }

    /// The result: commands, bytes and the decisions.
    public struct Encoded: Equatable, Sendable {
        /// Every command in order.
        public var commands: [EscPosCommand]
        /// The bytes for the printer.
        public var bytes: [UInt8]
        /// The decisions.
        public var plan: Plan
        /// Lines sent as pictures because of missing characters.
        public var pictureLines: Int
        /// Characters printed as `?`.
        public var replacedCharacters: Int
    }

    /// Encodes a ticket; `glyphs` draws the characters the code page lacks.
    public func encode(_ ticket: TextTicket, glyphs: any TextModeGlyphs) -> Encoded {
        let plan = plan(for: ticket, glyphs: glyphs)
        var commands: [EscPosCommand] = [.initialize, .selectCodePage(plan.codePage.number), .lineSpacing(UInt8(support.lineSpacingDots))]
        commands += definitions(plan: plan, glyphs: glyphs)
        var state = LineState()
        var pictureLines = 0, replaced = 0
        for element in ticket.elements {
            switch element {
            case let .line(line):
                let lacking = line.text.unicodeScalars.contains { plan.missing.contains(Self.printable($0)) }
                if lacking, let picture = glyphs.picture(of: line, widthDots: widthDots, cellHeightDots: support.fontHeightDots) {
                    commands += state.justify(line.justification)
                    commands += imageCommands(picture)
                    pictureLines += 1
                    continue
                }
                commands += state.style(line)
                replaced += appendText(line.text, plan: plan, to: &commands)
                commands.append(.lineFeed)
            case let .image(bitmap, justification):
                commands += state.justify(justification)
                commands += imageCommands(bitmap)
            case let .qrCode(data, moduleDots, justification):
                commands += state.justify(justification)
                commands += Self.qrCommands(data: data, moduleDots: moduleDots)
            case let .feed(dots):
                var left = dots
                while left > 0 {
                    commands.append(.feedDots(UInt8(min(left, 255))))
                    left -= 255
                }
            }
        }
        commands += state.style(TextLine(""))
        if profile.feedLinesBeforeCut > 0 { commands.append(.feedLines(profile.feedLinesBeforeCut)) }
        if profile.cut != .none { commands.append(.cut(profile.cut)) }
        return Encoded(commands: commands, bytes: EscPosCommand.bytes(of: commands), plan: plan, pictureLines: pictureLines,
                       replacedCharacters: replaced)
    }

    /// The code page, downloads and missing characters for a ticket.
    public func plan(for ticket: TextTicket, glyphs: any TextModeGlyphs) -> Plan {
        var needed = Set<Unicode.Scalar>()
        for line in ticket.lines {
            for scalar in line.text.unicodeScalars where !(0x20...0x7E).contains(scalar.value) { needed.insert(Self.printable(scalar)) }
        }
        needed.remove(" ")
        let slot = support.bestCodePage(for: needed) ?? TextModeSupport.CodePageSlot(table: .pc437, number: 0)
        let lacking = needed.filter { slot.table.byte(for: $0) == nil }.sorted { $0.value < $1.value }
        var userDefined: [Unicode.Scalar: UInt8] = [:]
        var missing = Set<Unicode.Scalar>()
        var used = Set<UInt8>()
        for scalar in lacking {
            guard support.userDefinedCharacters,
                  glyphs.glyph(for: scalar, widthDots: support.fontWidthDots, heightDots: support.fontHeightDots) != nil,
                  let code = Self.code(for: scalar, avoiding: used) else {
                missing.insert(scalar)
                continue
            }
            used.insert(code)
            userDefined[scalar] = code
        }
        return Plan(codePage: slot, userDefined: userDefined, missing: missing)
    }

    /// `ESC &` commands, one per run of consecutive codes.
    private func definitions(plan: Plan, glyphs: any TextModeGlyphs) -> [EscPosCommand] {
        let byCode = plan.userDefined.map { ($0.value, $0.key) }.sorted { $0.0 < $1.0 }
        var commands: [EscPosCommand] = []
        var run: [(UInt8, MonoBitmap)] = []
        func flush() {
            guard let first = run.first else { return }
            commands.append(.defineCharacters(UserDefinedCharacters(
                verticalBytes: support.fontHeightDots / 8, firstCode: first.0, glyphs: run.map(\.1))))
            run = []
        }
        for (code, scalar) in byCode {
            let glyph = glyphs.glyph(for: scalar, widthDots: support.fontWidthDots, heightDots: support.fontHeightDots)!
            if let last = run.last, last.0 + 1 != code { flush() }
            run.append((code, glyph))
        }
        flush()
        return commands
    }

    /// Appends a line's characters; returns how many printed as `?`.
    private func appendText(_ text: String, plan: Plan, to commands: inout [EscPosCommand]) -> Int {
        var replaced = 0
        var resident: [UInt8] = []
        var downloaded: [UInt8] = []
        func flushResident() {
            if !resident.isEmpty { commands.append(.text(resident)); resident = [] }
        }
        func flushDownloaded() {
            guard !downloaded.isEmpty else { return }
            commands += [.userDefinedCharacterSet(true), .text(downloaded), .userDefinedCharacterSet(false)]
            downloaded = []
        }
        for original in text.unicodeScalars {
            let scalar = Self.printable(original)
            if let code = plan.userDefined[scalar] {
                flushResident()
                downloaded.append(code)
            } else {
                flushDownloaded()
                if let byte = plan.codePage.table.byte(for: scalar) {
                    resident.append(byte)
                } else {
                    resident.append(0x3F)
                    replaced += 1
                }
            }
        }
        flushResident()
        flushDownloaded()
        return replaced
    }

    /// A picture with the profile's image command; `ESC *` changes the line spacing, so it is set again.
    private func imageCommands(_ bitmap: MonoBitmap) -> [EscPosCommand] {
        var commands = EscPosEncoder(profile: profile).imageCommands(for: bitmap)
        if profile.imageCommand == .columnESCStar { commands.append(.lineSpacing(UInt8(support.lineSpacingDots))) }
        return commands
    }

    /// The `GS ( k` functions for a QR code: model 2, module size, error correction M, store, print.
    public static func qrCommands(data: [UInt8], moduleDots: UInt8) -> [EscPosCommand] {
        [
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x41, parameters: [0x32, 0x00])),
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x43, parameters: [moduleDots])),
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x45, parameters: [0x31])),
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x50, parameters: [0x30] + data)),
            .twoDimensionalCode(TwoDimensionalCodeCommand(symbol: 0x31, function: 0x51, parameters: [0x30])),
        ]
    }

    /// A no-break space prints as a space.
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar { scalar == "\u{00A0}" ? " " : scalar }

    /// The code a downloaded character gets: an ASCII look-alike when free (so a printer that
    /// ignored `ESC %` would still print something close), else the first free code from `!`.
    static func code(for scalar: Unicode.Scalar, avoiding used: Set<UInt8>) -> UInt8? {
        if let likeness = lookAlikes[scalar], !used.contains(likeness) { return likeness }
        return (UInt8(0x21)...0x7E).first { !used.contains($0) }
    }

    /// ASCII stand-ins for characters that are often downloaded.
    static let lookAlikes: [Unicode.Scalar: UInt8] = [
        "Ə": 0x45, "ə": 0x65, "№": 0x4E, "—": 0x2D, "–": 0x2D, "─": 0x2D, "«": 0x22, "»": 0x22, "“": 0x22, "”": 0x22,
        "„": 0x22, "‘": 0x27, "’": 0x27, "·": 0x2E, "…": 0x2E, "★": 0x2A, "Ğ": 0x47, "ğ": 0x67, "Ş": 0x53, "ş": 0x73,
        "İ": 0x49, "ı": 0x69, "Ç": 0x43, "ç": 0x63, "Ö": 0x4F, "ö": 0x6F, "Ü": 0x55, "ü": 0x75,
    ]
}

/// Draws what the printer's code page lacks (implemented with fonts by `LobbyRender`).
public protocol TextModeGlyphs {
    /// A `widthDots` × `heightDots` glyph of one character for `ESC &`, or nil when there is none.
    func glyph(for scalar: Unicode.Scalar, widthDots: Int, heightDots: Int) -> MonoBitmap?
    /// A whole line as a picture at the line's size, at most `widthDots` wide, or nil.
    func picture(of line: TextLine, widthDots: Int, cellHeightDots: Int) -> MonoBitmap?
}

/// The print modes currently set, so each line sends only what changes.
private struct LineState {
    var justification: Justification = .left
    var width = 1, height = 1
    var bold = false, inverse = false

    mutating func justify(_ wanted: Justification) -> [EscPosCommand] {
        guard wanted != justification else { return [] }
        justification = wanted
        return [.justification(wanted)]
    }

    mutating func style(_ line: TextLine) -> [EscPosCommand] {
        var commands = justify(line.justification)
        if line.widthScale != width || line.heightScale != height {
            (width, height) = (line.widthScale, line.heightScale)
            commands.append(.characterSize(width: UInt8(width), height: UInt8(height)))
        }
        if line.bold != bold {
            bold = line.bold
            commands.append(.emphasis(bold))
        }
        if line.inverse != inverse {
            inverse = line.inverse
            commands.append(.reverse(inverse))
        }
        return commands
    }
}
