import ArgumentParser
import Foundation

/// A failed lobbyctl command: a stable kebab-case code, a message for people and the exit code
/// (Docs/lobbyctl.md, "Failures and the --json error object"; Decision 0050).
struct CLIError: Error, CustomStringConvertible {
    /// Stable kebab-case code: lobbyd's own code when lobbyd refused, else one of lobbyctl's.
    var code: String
    /// What went wrong and where, for people.
    var message: String
    /// The process's exit status (the same with and without --json).
    var exitCode: Int32
    /// The HTTP status when lobbyd answered.
    var status: Int?
    /// What the command found before it failed (a read-back that differs, a damaged journal …).
    var result: AnyJSON?

    var description: String { message }

    /// The queue (or a device) refused: exit 1.
    static func refused(_ message: String, code: String?) -> CLIError {
        CLIError(code: code ?? "refused", message: message, exitCode: 1)
    }

    /// lobbyd said the request was wrong: exit 2.
    static func badRequest(_ message: String, code: String?) -> CLIError {
        CLIError(code: code ?? "bad-request", message: message, exitCode: 2)
    }

    /// No lobbyd answers where lobbyctl looked: exit 3.
    static func unreachable(_ message: String) -> CLIError {
        CLIError(code: "lobbyd-unreachable", message: message, exitCode: 3)
    }

    /// A serial port to work on directly cannot be opened: exit 3, like an unreachable lobbyd.
    static func portUnavailable(_ message: String) -> CLIError {
        CLIError(code: "port-unavailable", message: message, exitCode: 3)
    }

    /// A device on a port opened directly did not answer or refused (lobbyd says `device-error` too): exit 1.
    static func deviceError(_ message: String) -> CLIError {
        CLIError(code: "device-error", message: message, exitCode: 1)
    }

    /// No or wrong token, or the role may not: exit 4.
    static func unauthorised(_ message: String, code: String?) -> CLIError {
        CLIError(code: code ?? "unauthorised", message: message, exitCode: 4)
    }

    /// lobbyd failed (5xx): exit 5.
    static func daemon(_ message: String, code: String?) -> CLIError {
        CLIError(code: code ?? "lobbyd-failed", message: message, exitCode: 5)
    }

    /// Wrong arguments or options: exit 64, as the parser's own usage errors.
    static func usage(_ message: String) -> CLIError {
        CLIError(code: "usage", message: message, exitCode: 64)
    }

    /// A check or an operation that ran but failed (exit 1 unless said), with what it found.
    static func failed(_ code: String, _ message: String, exitCode: Int32 = 1, result: AnyJSON? = nil) -> CLIError {
        CLIError(code: code, message: message, exitCode: exitCode, result: result)
    }

    /// The --json error object: `{"code": …, "message": …, "exitCode": …}`, with `status` and `result` when known.
    struct Report: Encodable {
        let code: String
        let message: String
        let exitCode: Int32
        let status: Int?
        let result: AnyJSON?
    }

    /// The error object as one line of JSON.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let report = Report(code: code, message: message, exitCode: exitCode, status: status, result: result)
        // Encoding strings, numbers and decoded JSON cannot fail.
        return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self)
    }

    /// Any error a command or the parser threw, as a `CLIError`: the parser's usage errors keep
    /// their exit code (64) and become `usage`; other errors keep the exit code ArgumentParser
    /// gives them.
    static func from(_ error: any Error) -> CLIError {
        if let e = error as? CLIError { return e }
        let exit = Lobbyctl.exitCode(for: error).rawValue
        var message = Lobbyctl.message(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        return CLIError(code: exit == ExitCode.validationFailure.rawValue ? "usage" : "failed", message: message, exitCode: exit)
    }
}
