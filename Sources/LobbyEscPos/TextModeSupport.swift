/// What a printer offers for printing a ticket as text (the `text` section of a printer profile):
/// its Font A cell, the code pages it has and the `ESC t n` number of each, user-defined
/// characters (`ESC &`/`ESC %`), character sizes (`GS !`) and its own QR codes (`GS ( k`).
public struct TextModeSupport: Equatable, Sendable {
    /// A code page the printer has and the number `ESC t n` selects it with (vendor specific).
    public struct CodePageSlot: Equatable, Sendable {
        /// The table.
        public var table: CodePage
        /// `n` of `ESC t n`.
        public var number: UInt8

        /// Creates a slot.
        public init(table: CodePage, number: UInt8) {
            self.table = table
            self.number = number
        }
    }

    /// Width of a Font A character cell in dots (12 on 203 dpi printers).
    public var fontWidthDots: Int
    /// Height of a Font A character cell in dots (24).
    public var fontHeightDots: Int
    /// The code pages, most preferred first (ties in coverage go to the earlier one).
    public var codePages: [CodePageSlot]
    /// Whether `ESC &` downloads characters and `ESC %` selects them.
    public var userDefinedCharacters: Bool
    /// Largest width and height factor `GS !` accepts (1-8).
    public var maxCharacterScale: Int
    /// Whether `GS ( k` prints QR codes.
    public var nativeQR: Bool
    /// Line spacing set with `ESC 3 n`, in dots.
    public var lineSpacingDots: Int

    /// Creates the section.
    public init(
        fontWidthDots: Int = 12, fontHeightDots: Int = 24, codePages: [CodePageSlot], userDefinedCharacters: Bool = true,
        maxCharacterScale: Int = 8, nativeQR: Bool = true, lineSpacingDots: Int = 30
    ) {
        self.fontWidthDots = fontWidthDots
        self.fontHeightDots = fontHeightDots
        self.codePages = codePages
        self.userDefinedCharacters = userDefinedCharacters
        self.maxCharacterScale = maxCharacterScale
        self.nativeQR = nativeQR
        self.lineSpacingDots = lineSpacingDots
    }

    /// Characters per line at a width factor, for a printable width.
    public func charactersPerLine(widthDots: Int, scale: Int) -> Int {
        max(1, widthDots / (fontWidthDots * scale))
    }

    /// The table `ESC t number` selects, if the profile lists it.
    public func table(number: UInt8) -> CodePage? {
        codePages.first { $0.number == number }?.table
    }

    /// The code page that prints the most of `scalars` (beyond ASCII), earlier slots winning ties;
    /// nil when the profile lists none.
    public func bestCodePage(for scalars: Set<Unicode.Scalar>) -> CodePageSlot? {
        var best: (slot: CodePageSlot, count: Int)?
        for slot in codePages {
            let count = scalars.filter { slot.table.byte(for: $0) != nil }.count
            if best == nil || count > best!.count { best = (slot, count) }
        }
        return best?.slot
    }

    /// Every field the `text` section may have.
    public static let fieldNames: Set<String> = [
        "font", "codePages", "userDefinedCharacters", "maxCharacterScale", "nativeQR", "lineSpacingDots",
    ]

    /// Reads the `text` section of a profile file.
    public init(_ object: DataFileObject) throws(DataFileError) {
        try object.rejectUnknownFields(allowed: Self.fieldNames)
        var width = 12, height = 24
        if let font = try object.object("font", required: false) {
            try font.rejectUnknownFields(allowed: ["widthDots", "heightDots"])
            width = try font.integer("widthDots", in: 8...16, required: false) ?? width
            height = try font.integer("heightDots", in: 16...32, required: false) ?? height
            guard height % 8 == 0 else { throw font.error("heightDots", "\(height) is not a multiple of 8 (ESC & sends whole bytes)") }
        }
        guard let items = try object.array("codePages"), !items.isEmpty else {
            throw object.error("codePages", "must list at least one code page")
        }
        var slots: [CodePageSlot] = []
        for (index, item) in items.enumerated() {
            let entry = try DataFileObject(file: object.file, path: object.fieldPath("codePages[\(index)]"), value: item)
            try entry.rejectUnknownFields(allowed: ["table", "escT"])
            let name = try entry.choice("table", of: CodePage.all.keys.sorted())!
            let number = UInt8(try entry.integer("escT", in: 0...255)!)
            if slots.contains(where: { $0.number == number }) { throw entry.error("escT", "\(number) is given twice") }
            if slots.contains(where: { $0.table.name == name }) { throw entry.error("table", "'\(name)' is given twice") }
            slots.append(CodePageSlot(table: CodePage.all[name]!, number: number))
        }
        self.init(
            fontWidthDots: width, fontHeightDots: height, codePages: slots,
            userDefinedCharacters: try object.bool("userDefinedCharacters") ?? false,
            maxCharacterScale: try object.integer("maxCharacterScale", in: 1...8, required: false) ?? 8,
            nativeQR: try object.bool("nativeQR") ?? false,
            lineSpacingDots: try object.integer("lineSpacingDots", in: 24...255, required: false) ?? 30
        )
    }
}

/// How a ticket is sent to a printer.
public enum TicketMode: String, Equatable, Hashable, Sendable, CaseIterable {
    /// Printer fonts, code pages, user-defined characters, `GS !` sizes and native QR: a few KB.
    case text
    /// One 1-bit picture of the whole ticket (`GS v 0` or `ESC *`): tens of KB, works everywhere.
    case raster
}
