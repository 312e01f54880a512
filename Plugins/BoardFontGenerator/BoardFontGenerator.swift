import Foundation
import PackagePlugin

/// Generates `BoardFont.swift` for the target with `Firmware/Scripts/make_font.py` from the
/// installed Terminus font: the same script and table the firmware images are built with.
@main
struct BoardFontGenerator: BuildToolPlugin {
    /// Where Debian's xfonts-terminus installs Terminus Bold 8×16 (override with LOBBY_BOARD_FONT).
    static let defaultFont = "/usr/share/fonts/X11/misc/ter-u16b_unicode.pcf.gz"

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let script = context.package.directoryURL.appending(path: "Firmware/Scripts/make_font.py")
        let font = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LOBBY_BOARD_FONT"] ?? Self.defaultFont)
        guard FileManager.default.fileExists(atPath: font.path) else {
            throw GeneratorError(
                "the boards' font \(font.path) is missing: install the Debian package xfonts-terminus (scripts/setup.sh does)")
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BoardFont.swift")
        return [
            .buildCommand(
                displayName: "Generating the board font from \(font.lastPathComponent)",
                executable: URL(fileURLWithPath: "/usr/bin/env"),
                arguments: ["python3", script.path, "--font", font.path, "--swift", output.path, "--import", "LobbyWire"],
                inputFiles: [script, font], outputFiles: [output])
        ]
    }
}

/// A failure the build reports with its reason.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
