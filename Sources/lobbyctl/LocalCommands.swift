import ArgumentParser
import Foundation
import LobbyEscPos
import LobbyMRZ
import LobbyRender

/// `lobbyctl mrz …`: machine-readable zones of ID documents.
struct MRZCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mrz", abstract: "Machine-readable zones (ICAO 9303): parse them, watch the readers.", subcommands: [Parse.self, MRZWatchCommand.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read MRZ lines from standard input and print their fields as JSON (exit 0 valid, 1 invalid).")

        @Flag(help: "Print JSON (the report is JSON anyway; with --json an invalid zone prints the error object with the report as its result).")
        var json = false

        func run() throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let document = MRZParser.parse(input)
            let report = MRZReport(document: document)
            guard document.isValid else {
                if !json { print(report.text, terminator: "") }
                let reasons = document.errors.map(\.description).joined(separator: "; ")
                throw CLIError.failed("invalid-mrz", reasons.isEmpty ? "the zone is not valid" : reasons,
                                      exitCode: MRZCommand.invalidExitCode, result: AnyJSON(text: report.text))
            }
            print(report.text, terminator: "")
        }
    }
}
