/// A `GS ( k` function (`1D 28 6B pL pH cn fn parameters`): native QR / PDF417 symbols.
///
/// Lobby renders its QR codes into the raster (not every printer has native QR), so this is only
/// decoded and described, e.g. when reading another program's output.
public struct TwoDimensionalCodeCommand: Equatable, Sendable {
    /// Symbol type byte `cn` (0x30 PDF417, 0x31 QR, 0x32 MaxiCode, ...).
    public var symbol: UInt8
    /// Function byte `fn` (for QR: 0x41 model, 0x43 module size, 0x45 error correction,
    /// 0x50 store data, 0x51 print, 0x52 transmit size).
    public var function: UInt8
    /// The bytes after `fn`.
    public var parameters: [UInt8]

    /// Creates the command.
    public init(symbol: UInt8, function: UInt8, parameters: [UInt8]) {
        precondition(parameters.count + 2 <= 0xFFFF, "GS ( k parameters too long")
        self.symbol = symbol
        self.function = function
        self.parameters = parameters
    }

    /// Appends the command bytes.
    public func encode(into output: inout [UInt8]) {
        let length = parameters.count + 2
        output += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), symbol, function]
        output += parameters
    }

    /// The symbol type's name.
    public var symbolName: String {
        switch symbol {
        case 0x30: "PDF417"
        case 0x31: "QR"
        case 0x32: "MaxiCode"
        case 0x33: "GS1 DataBar"
        case 0x34: "Composite"
        default: "symbol 0x\(String(symbol, radix: 16))"
        }
    }

    /// For QR "store data" (fn 0x50, parameter `m` = 0x30 then the data): the stored bytes.
    public var storedQRData: [UInt8]? {
        guard symbol == 0x31, function == 0x50, parameters.first == 0x30 else { return nil }
        return Array(parameters.dropFirst())
    }

    /// A short description, e.g. `QR store data (11 bytes)`.
    public var summary: String {
        guard symbol == 0x31 else {
            return "\(symbolName) function 0x\(String(function, radix: 16)) (\(parameters.count) parameter bytes)"
        }
        let value = parameters.last.map { String($0) } ?? "-"
        switch function {
        case 0x41: return "QR select model \(parameters.first.map { String($0 &- 0x30) } ?? "-")"
        case 0x43: return "QR module size \(value)"
        case 0x45: return "QR error correction \(parameters.first.map { String($0 &- 0x30) } ?? "-")"
        case 0x50: return "QR store data (\(max(parameters.count - 1, 0)) bytes)"
        case 0x51: return "QR print stored symbol"
        case 0x52: return "QR transmit size"
        default: return "QR function 0x\(String(function, radix: 16))"
        }
    }
}
