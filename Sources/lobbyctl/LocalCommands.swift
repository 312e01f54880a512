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

        func run() throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let (json, code) = MRZCommand.run(input: input)
            print(json)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
