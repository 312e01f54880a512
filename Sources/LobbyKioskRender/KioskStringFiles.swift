#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LobbyKiosk
import LobbyQueue

/// Reads the translation files `<directory>/{az,ru,en}.json` into validated `KioskStrings`.
public enum KioskStringFiles {
    /// The files in this source tree (`Sources/LobbyKiosk/Strings`), for development, tests and tools.
    public static var sourceDirectory: String {
        let file = "\(#filePath)"
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)  // KioskStringFiles.swift, LobbyKioskRender
        return parts.joined(separator: "/") + "/LobbyKiosk/Strings"
    }

    /// Loads and validates the three files.
    public static func load(directory: String = sourceDirectory) throws(KioskRenderError) -> KioskStrings {
        var files: [Language: [UInt8]] = [:]
        for language in Language.allCases {
            files[language] = try readFile("\(directory)/\(language.rawValue).json")
        }
        do {
            return try KioskStrings(files: files)
        } catch {
            throw .strings(error.description)
        }
    }

    /// The bytes of a file.
    public static func readFile(_ path: String) throws(KioskRenderError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw .file(path: path, errno: errno) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { throw .file(path: path, errno: errno) }
        return bytes
    }

    /// Writes bytes to a file, replacing it.
    public static func writeFile(_ path: String, _ bytes: [UInt8]) throws(KioskRenderError) {
        guard let file = fopen(path, "wb") else { throw .file(path: path, errno: errno) }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw .file(path: path, errno: errno) }
    }
}
