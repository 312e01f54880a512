import Foundation

/// A CCID class descriptor as printed by the CCID driver's `parse` tool, turned back into its 54 bytes.
struct ReaderDump {
    var product: String
    var interface: String
    var fields: [String: String]
    var featureLines: [String]
    var voltageLines: [String]
    var protocolLines: [String]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    /// Every CCID class descriptor in a dump file, in order.
    static func load(_ name: String) throws -> [ReaderDump] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var dumps: [ReaderDump] = []
        var product = ""
        var interface = ""
        var current: ReaderDump?
        var lastKey = ""
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("iProduct:") { product = value(trimmed) }
            if trimmed.hasPrefix("iInterface:") { interface = value(trimmed) }
            if trimmed.hasPrefix("idVendor:"), let done = current { dumps.append(done); current = nil }
            if trimmed == "CCID Class Descriptor" {
                current = ReaderDump(product: product, interface: interface, fields: [:], featureLines: [], voltageLines: [], protocolLines: [])
                continue
            }
            guard current != nil else { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 2, let colon = trimmed.firstIndex(of: ":") {
                lastKey = String(trimmed[..<colon])
                current?.fields[lastKey] = value(trimmed)
            } else if indent >= 3 {
                switch lastKey {
                case "dwFeatures": current?.featureLines.append(trimmed)
                case "bVoltageSupport": current?.voltageLines.append(trimmed)
                case "dwProtocols": current?.protocolLines.append(trimmed)
                default: break
                }
            }
        }
        if let done = current { dumps.append(done) }
        return dumps
    }

    private static func value(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The first number of a field: hex (0x..), decimal, or a clock in MHz returned in kHz.
    func number(_ key: String) -> UInt32 {
        let text = fields[key] ?? ""
        let words = text.split(separator: " ")
        if key == "dwProtocols", words.count >= 2 {
            return UInt32(words[0].dropFirst(2), radix: 16)! << 16 | UInt32(words[1].dropFirst(2), radix: 16)!
        }
        guard let first = words.first else { return 0 }
        if first.hasPrefix("0x") { return UInt32(first.dropFirst(2), radix: 16)! }
        if words.count > 1, words[1] == "MHz" {
            let parts = first.split(separator: ".")
            return UInt32(parts[0])! * 1000 + UInt32(parts[1])!
        }
        return UInt32(first)!
    }

    /// bcdCCID "1.10" → 0x0110.
    var bcdCCID: UInt16 {
        let parts = (fields["bcdCCID"] ?? "0.00").split(separator: ".")
        return UInt16(parts[0], radix: 16)! << 8 | UInt16(parts[1], radix: 16)!
    }

    /// The 54-byte descriptor.
    var bytes: [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(value >> 8)] }
        var out: [UInt8] = [UInt8(number("bLength")), UInt8(number("bDescriptorType"))]
        out += le16(bcdCCID)
        out += [UInt8(number("bMaxSlotIndex")), UInt8(number("bVoltageSupport"))]
        out += le32(number("dwProtocols")) + le32(number("dwDefaultClock")) + le32(number("dwMaximumClock"))
        out += [UInt8(number("bNumClockSupported"))]
        out += le32(number("dwDataRate")) + le32(number("dwMaxDataRate"))
        out += [UInt8(number("bNumDataRatesSupported"))]
        out += le32(number("dwMaxIFSD")) + le32(number("dwSynchProtocols")) + le32(number("dwMechanical"))
        out += le32(number("dwFeatures")) + le32(number("dwMaxCCIDMessageLength"))
        out += [UInt8(number("bClassGetResponse")), UInt8(number("bClassEnvelope"))]
        out += le16(UInt16(number("wLcdLayout")))
        out += [UInt8(number("bPINSupport")), UInt8(number("bMaxCCIDBusySlots"))]
        return out
    }
}
