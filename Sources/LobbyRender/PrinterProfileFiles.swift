import Foundation
import LobbyEscPos

/// Finds the printer profile a configuration names: a file path (anything with a `/` or ending
/// in `.json`), or a profile name looked up as `NAME.json` in the local folder, then the
/// installed one; `generic-80mm` is also built in. Used by lobbyd and lobbyctl.
public enum PrinterProfileFiles {
    /// Folders searched for a profile name, local additions first.
    public static let folders = ["/etc/lobby/printer-profiles", "/usr/share/lobby/printer-profiles"]

    /// The profile `reference` names; nil gives the built-in generic 80 mm profile.
    public static func load(_ reference: String?) throws(PrinterProfileFileError) -> PrinterProfile {
        guard let reference else { return BuiltinPrintingData.profile() }
        if reference.contains("/") || reference.hasSuffix(".json") { return try read(path: reference) }
        for folder in folders where FileManager.default.fileExists(atPath: "\(folder)/\(reference).json") {
            return try read(path: "\(folder)/\(reference).json")
        }
        let builtin = BuiltinPrintingData.profile()
        if reference == builtin.name { return builtin }
        throw PrinterProfileFileError(reference: reference,
                                      message: "no such profile in \(folders.joined(separator: " or ")) (give a file path or a profile name)")
    }

    private static func read(path: String) throws(PrinterProfileFileError) -> PrinterProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PrinterProfileFileError(reference: path, message: "cannot read the file")
        }
        do {
            return try PrinterProfile(jsonBytes: [UInt8](data), fileName: (path as NSString).lastPathComponent)
        } catch {
            throw PrinterProfileFileError(reference: path, message: "\(error)")
        }
    }
}

/// A printer profile that cannot be found or read.
public struct PrinterProfileFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name or path given.
    public var reference: String
    /// What is wrong.
    public var message: String

    /// `printer profile 'generic-57mm': no such profile in …`.
    public var description: String { "printer profile '\(reference)': \(message)" }
}
