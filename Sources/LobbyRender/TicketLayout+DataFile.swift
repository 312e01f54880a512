import LobbyEscPos

/// Reading a ticket template from its JSON data file.
extension TicketLayout {
    /// Parses and validates a template file; errors name the file and the field path
    /// (e.g. `blocks[3].size`).
    public init(jsonBytes: [UInt8], fileName: String) throws(DataFileError) {
        let root = try DataFileObject(file: fileName, bytes: jsonBytes)
        try root.rejectUnknownFields(allowed: ["name", "fontFamily", "margins", "blockSpacing", "labels", "blocks"])
        let name = try root.requiredString("name")
        guard fileName == "\(name).json" else {
            throw root.error("name", "'\(name)' does not match the file name (expected \(name).json)")
        }
        let fontFamily = try root.string("fontFamily", required: false) ?? "DejaVu Sans"

        var margins = Margins(top: 16, bottom: 24, left: 8, right: 8)
        if let object = try root.object("margins", required: false) {
            try object.rejectUnknownFields(allowed: ["top", "bottom", "left", "right"])
            margins.top = try object.integer("top", in: 0...400, required: false) ?? margins.top
            margins.bottom = try object.integer("bottom", in: 0...400, required: false) ?? margins.bottom
            margins.left = try object.integer("left", in: 0...100, required: false) ?? margins.left
            margins.right = try object.integer("right", in: 0...100, required: false) ?? margins.right
        }
        let spacing = try root.integer("blockSpacing", in: 0...200, required: false) ?? 8

        var labels: [TicketLanguage: [String: String]] = [:]
        if let object = try root.object("labels", required: false) {
            try object.rejectUnknownFields(allowed: Set(TicketLanguage.allCases.map(\.rawValue)))
            for language in TicketLanguage.allCases {
                guard let table = try object.object(language.rawValue, required: false) else { continue }
                var entries: [String: String] = [:]
                for key in table.members.keys { entries[key] = try table.requiredString(key) }
                labels[language] = entries
            }
        }

        guard let items = try root.array("blocks"), !items.isEmpty else {
            throw root.error("blocks", "must list at least one block")
        }
        var blocks: [TicketBlock] = []
        for (index, item) in items.enumerated() {
            let object = try DataFileObject(file: fileName, path: "blocks[\(index)]", value: item)
            blocks.append(try Self.block(from: object))
        }

        self.init(name: name, fontFamily: fontFamily, margins: margins, blockSpacingDots: spacing, labels: labels, blocks: blocks)

        // Every label a block uses must exist in every language the template declares.
        for (index, block) in blocks.enumerated() {
            let keys: [String]
            var block = block
            while case let .conditional(_, inner) = block { block = inner }
            switch block {
            case let .text(_, template), let .bigNumber(_, template), let .dateTime(_, template): keys = template.labelKeys
            default: keys = []
            }
            for key in keys {
                if labels.isEmpty {
                    throw DataFileError(file: fileName, field: "blocks[\(index)]", message: "uses {label.\(key)} but the template has no labels")
                }
                for language in TicketLanguage.allCases where labels[language] != nil && labels[language]?[key] == nil {
                    throw DataFileError(file: fileName, field: "labels.\(language.rawValue)", message: "misses '\(key)' used by blocks[\(index)]")
                }
            }
        }
    }

    /// Keys every block may have: the condition on a field.
    static let conditionKeys: Set<String> = ["if", "unless"]

    private static func block(from object: DataFileObject) throws(DataFileError) -> TicketBlock {
        let block = try unconditionalBlock(from: object)
        let ifField = try object.choice("if", of: TicketField.allCases.map(\.rawValue), required: false)
        let unlessField = try object.choice("unless", of: TicketField.allCases.map(\.rawValue), required: false)
        if ifField != nil, unlessField != nil { throw object.error("unless", "give either 'if' or 'unless', not both") }
        if let name = ifField ?? unlessField {
            return .conditional(BlockCondition(field: TicketField(rawValue: name)!, whenPresent: ifField != nil), block)
        }
        return block
    }

    private static func unconditionalBlock(from object: DataFileObject) throws(DataFileError) -> TicketBlock {
        let type = try object.choice("type", of: ["text", "bigNumber", "qr", "rule", "spacer", "datetime", "ruler", "logo"])!
        switch type {
        case "text", "bigNumber", "datetime":
            var allowed = Set(["type", "size", "weight", "align"]).union(conditionKeys)
            switch type {
            case "text": allowed.formUnion(["text", "wrap", "inverse"])
            case "bigNumber": allowed.insert("field")
            default: allowed.insert("format")
            }
            try object.rejectUnknownFields(allowed: allowed)
            let template: TextTemplate
            switch type {
            case "text": template = try parseTemplate(object, key: "text", default: nil)
            case "bigNumber":
                let field = try object.choice("field", of: TicketField.allCases.map(\.rawValue), required: false) ?? "ticketNumber"
                template = TextTemplate(segments: [.field(TicketField(rawValue: field)!)])
            default: template = try parseTemplate(object, key: "format", default: "{issueDate} {issueTime}")
            }
            let defaultSize = type == "bigNumber" ? 120 : 24
            let size = try object.integer("size", in: 8...400, required: false) ?? defaultSize
            let weightName = try object.choice("weight", of: TextStyle.Weight.allCases.map(\.rawValue), required: false)
            let alignName = try object.choice("align", of: TextStyle.Alignment.allCases.map(\.rawValue), required: false)
            let weight = weightName.flatMap(TextStyle.Weight.init(rawValue:)) ?? (type == "bigNumber" ? .bold : .normal)
            let alignment = alignName.flatMap(TextStyle.Alignment.init(rawValue:)) ?? (type == "text" ? .left : .center)
            let wraps = type == "text" ? (try object.bool("wrap") ?? true) : false
            let inverse = try object.bool("inverse") ?? false
            let style = TextStyle(sizeDots: Double(size), weight: weight, alignment: alignment, wraps: wraps, inverse: inverse)
            switch type {
            case "text": return .text(style, template)
            case "bigNumber": return .bigNumber(style, template)
            default: return .dateTime(style, template)
            }
        case "qr":
            try object.rejectUnknownFields(allowed: Set(["type", "field", "maxWidthPercent", "align"]).union(conditionKeys))
            let field = try object.choice("field", of: TicketField.allCases.map(\.rawValue), required: false) ?? "statusURL"
            let percent = try object.integer("maxWidthPercent", in: 20...100, required: false) ?? 60
            let alignName = try object.choice("align", of: TextStyle.Alignment.allCases.map(\.rawValue), required: false)
            return .qr(QRBlock(
                field: TicketField(rawValue: field)!, maxWidthPercent: percent,
                alignment: alignName.flatMap(TextStyle.Alignment.init(rawValue:)) ?? .center
            ))
        case "rule":
            try object.rejectUnknownFields(allowed: Set(["type", "thickness", "dashed"]).union(conditionKeys))
            let thickness = try object.integer("thickness", in: 1...32, required: false) ?? 2
            return .rule(RuleBlock(thicknessDots: thickness, dashed: try object.bool("dashed") ?? false))
        case "spacer":
            try object.rejectUnknownFields(allowed: Set(["type", "dots"]).union(conditionKeys))
            return .spacer(heightDots: try object.integer("dots", in: 1...1000)!)
        case "logo":
            try object.rejectUnknownFields(allowed: Set(["type", "align"]).union(conditionKeys))
            let alignName = try object.choice("align", of: TextStyle.Alignment.allCases.map(\.rawValue), required: false)
            return .logo(alignName.flatMap(TextStyle.Alignment.init(rawValue:)) ?? .center)
        default:
            try object.rejectUnknownFields(allowed: Set(["type"]).union(conditionKeys))
            return .ruler
        }
    }

    private static func parseTemplate(_ object: DataFileObject, key: String, default defaultText: String?) throws(DataFileError) -> TextTemplate {
        guard let text = try object.string(key, required: defaultText == nil) ?? defaultText else {
            throw object.error(key, "is missing")
        }
        do {
            return try TextTemplate(parsing: text)
        } catch {
            throw object.error(key, error.message)
        }
    }
}
