/// Why bytes could not be decoded as the ESC/POS subset Lobby knows; every case has the byte
/// offset where the offending command starts.
public enum EscPosDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A byte or escape sequence outside the known subset.
    case unknownCommand(byteOffset: Int, bytes: [UInt8])
    /// A command whose parameters or data run past the end of the input.
    case truncated(command: String, byteOffset: Int, neededBytes: Int, availableBytes: Int)
    /// A known command with a parameter value it does not allow.
    case invalidParameter(command: String, byteOffset: Int, parameter: String, value: Int)

    /// The offset of the offending command.
    public var byteOffset: Int {
        switch self {
        case let .unknownCommand(offset, _), let .truncated(_, offset, _, _), let .invalidParameter(_, offset, _, _):
            offset
        }
    }

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case let .unknownCommand(offset, bytes):
            let hex = bytes.map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: " ")
            return "unknown command at byte \(offset): \(hex)"
        case let .truncated(command, offset, needed, available):
            return "\(command) at byte \(offset) is truncated: needs \(needed) bytes, \(available) left"
        case let .invalidParameter(command, offset, parameter, value):
            return "\(command) at byte \(offset): invalid \(parameter) \(value)"
        }
    }
}
