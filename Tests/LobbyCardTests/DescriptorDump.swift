import Foundation

/// The CCID class descriptors printed by the CCID driver's `parse` tool (the reader vectors), turned back
/// into their 54 bytes so they can be placed in a synthetic interface's class-specific bytes.
struct DescriptorDump {
    var product: String
    var fields: [String: String]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    /// The first CCID class descriptor of a vector file.
    static func load(_ name: String) throws -> DescriptorDump {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var product = ""
        var fields: [String: String] = [:]
        var inside = false
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("iProduct:") { product = value(trimmed) }
            if trimmed == "CCID Class Descriptor" {
                if inside { break }
                inside = true
                continue
            }
            guard inside, line.prefix(while: { $0 == " " }).count == 2, let colon = trimmed.firstIndex(of: ":") else { continue }
            fields[String(trimmed[..<colon])] = value(trimmed)
        }
        return DescriptorDump(product: product, fields: fields)
    }

    /// The QEMU descriptor captured in the lab.
    static func qemuBytes() throws -> [UInt8] {
        let text = try String(contentsOf: directory.appendingPathComponent("qemu-7.2-usb-ccid-descriptor.hex"), encoding: .utf8)
        var out: [UInt8] = []
        var digits = Array(text.filter(\.isHexDigit))
        while digits.count >= 2 {
            out.append(UInt8(String(digits[0..<2]), radix: 16)!)
            digits.removeFirst(2)
        }
        return out
    }

    private static func value(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The first number of a field: hex, decimal, or a clock in MHz (returned in kHz).
    func number(_ key: String) -> UInt32 {
        let words = (fields[key] ?? "0").split(separator: " ")
        if key == "dwProtocols", words.count >= 2 {
            return UInt32(words[0].dropFirst(2), radix: 16)! << 16 | UInt32(words[1].dropFirst(2), radix: 16)!
        }
        let first = words.first ?? "0"
        if first.hasPrefix("0x") { return UInt32(first.dropFirst(2), radix: 16)! }
        if words.count > 1, words[1] == "MHz" {
            let parts = first.split(separator: ".")
            return UInt32(parts[0])! * 1000 + UInt32(parts[1])!
        }
        return UInt32(first)!
    }

    /// The 54 descriptor bytes.
    var bytes: [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(value >> 8)] }
        let release = (fields["bcdCCID"] ?? "1.10").split(separator: ".")
        var out: [UInt8] = [UInt8(number("bLength")), UInt8(number("bDescriptorType"))]
        out += le16(UInt16(release[0], radix: 16)! << 8 | UInt16(release[1], radix: 16)!)
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
