import Glibc

/// A failed system call and its `errno`, with the C library's text for it.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed (`eventfd`, `poll`, `read` …).
    public let call: String
    /// The `errno` it set.
    public let code: Int32

    /// The failure `call` just reported through `errno`.
    public init(call: String, code: Int32 = errno) {
        self.call = call
        self.code = code
    }

    /// `poll: Bad file descriptor (errno 9)`.
    public var description: String { "\(call): \(Self.message(code)) (errno \(code))" }

    /// The C library's text for an `errno` value.
    public static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
