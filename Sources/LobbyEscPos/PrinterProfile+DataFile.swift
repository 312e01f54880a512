/// Reading a printer profile from its JSON data file.
extension PrinterProfile {
    /// Parses and validates one profile file. `fileName` is used in errors and must be
    /// `<name>.json` for the profile's `name`.
    public init(jsonBytes: [UInt8], fileName: String) throws(DataFileError) {
        let object = try DataFileObject(file: fileName, bytes: jsonBytes)
        try object.rejectUnknownFields(allowed: Self.fieldNames)

        let name = try object.requiredString("name")
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ Self.nameCharacters.contains($0) }) else {
            throw object.error("name", "'\(name)' must be non-empty lowercase letters, digits and '-'")
        }
        guard fileName == "\(name).json" else {
            throw object.error("name", "'\(name)' does not match the file name (expected \(name).json)")
        }
        let description = try object.string("description", required: false) ?? ""

        let widthValue = try object.integer("widthDots", in: 1...4096)!
        guard let width = PrinterWidth(rawValue: widthValue) else {
            let allowed = PrinterWidth.allCases.map { String($0.dots) }.joined(separator: ", ")
            throw object.error("widthDots", "\(widthValue) is not one of \(allowed)")
        }
        let dpi = try object.integer("dpi", in: 1...2400)!
        guard Self.supportedDotsPerInch.contains(dpi) else {
            let allowed = Self.supportedDotsPerInch.map(String.init).joined(separator: ", ")
            throw object.error("dpi", "\(dpi) is not one of \(allowed)")
        }

        let cutName = try object.choice("cut", of: CutCommand.profileNames)!
        let feedUnits = try object.integer("cutFeedUnits", in: 0...255, required: false)
        let cut: CutCommand
        switch cutName {
        case "feedThenFullCut": cut = .feedThenFullCut(feedUnits: UInt8(feedUnits ?? 0))
        case "feedThenPartialCut": cut = .feedThenPartialCut(feedUnits: UInt8(feedUnits ?? 0))
        case "fullCut": cut = .fullCut
        case "partialCut": cut = .partialCut
        default: cut = .none
        }
        if feedUnits != nil, cutName != "feedThenFullCut", cutName != "feedThenPartialCut" {
            throw object.error("cutFeedUnits", "only applies to cut feedThenFullCut or feedThenPartialCut, not \(cutName)")
        }

        let imageName = try object.choice("imageCommand", of: ImageCommand.allCases.map(\.rawValue))!
        let statusName = try object.choice("status", of: StatusSupport.allCases.map(\.rawValue))!
        let maxBandRows = try object.integer("maxBandRows", in: Self.bandRowsRange)!
        let feedLines = try object.integer("feedLinesBeforeCut", in: 0...255)!
        let printSpeed = try object.integer("printSpeed", in: 10...1000, required: false)

        let text = try object.object("text", required: false).map { section throws(DataFileError) in try TextModeSupport(section) }
        var modes: [TicketMode] = text == nil ? [.raster] : [.text, .raster]
        if let items = try object.array("modes", required: false) {
            modes = []
            for (index, item) in items.enumerated() {
                guard case let .string(name) = item, let mode = TicketMode(rawValue: name) else {
                    throw object.error("modes[\(index)]", "must be \"text\" or \"raster\"")
                }
                guard !modes.contains(mode) else { throw object.error("modes[\(index)]", "'\(name)' is given twice") }
                if mode == .text, text == nil { throw object.error("modes[\(index)]", "'text' needs a \"text\" section") }
                modes.append(mode)
            }
            guard !modes.isEmpty else { throw object.error("modes", "must list at least one mode") }
        }
        self.init(
            name: name, description: description, width: width, dotsPerInch: dpi, cut: cut,
            imageCommand: ImageCommand(rawValue: imageName)!, status: StatusSupport(rawValue: statusName)!,
            maxBandRows: maxBandRows, feedLinesBeforeCut: UInt8(feedLines), text: text, printSpeed: printSpeed
        )
        self.modes = modes
    }

    private static let nameCharacters: Set<Unicode.Scalar> = Set("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)
}
