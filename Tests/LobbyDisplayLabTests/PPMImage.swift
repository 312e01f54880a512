import Foundation

/// A binary PPM (P6, 8-bit) as QEMU's `screendump` writes it.
struct PPMImage {
    let width: Int
    let height: Int
    let rgb: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        let bytes = [UInt8](data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            }
            let start = index
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        index += 1  // the single whitespace after the maximum value
        guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255",
              bytes.count - index >= width * height * 3 else {
            throw Failure(description: "\(path) is not an 8-bit P6 PPM (header \(fields))")
        }
        self.width = width
        self.height = height
        self.rgb = Array(bytes[index..<(index + width * height * 3)])
    }

    /// The pixel at (`x`, `y`) as 0xRRGGBB.
    func pixel(x: Int, y: Int) -> UInt32 {
        let offset = (y * width + x) * 3
        return UInt32(rgb[offset]) << 16 | UInt32(rgb[offset + 1]) << 8 | UInt32(rgb[offset + 2])
    }
}
