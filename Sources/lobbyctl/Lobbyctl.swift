import Foundation
import ArgumentParser

/// The technicians' and operators' command line for lobbyd.
@main
struct Lobbyctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobbyctl",
        abstract: "Operate and diagnose a Lobby installation.",
        discussion: """
        Talks to lobbyd over its Unix socket (found without options) or to --url.
        Exit codes: 0 done; 1 refused by the queue; 2 bad request; 3 lobbyd not reachable;
        4 not authorised; 5 lobbyd failed; 64 wrong usage.
        """,
        subcommands: [Status.self, Services.self, Windows.self, TicketCommand.self, WindowCommand.self, Stats.self, Events.self,
                      MRZCommandGroup.self, TouchCommandGroup.self, KioskCommandGroup.self, CardCommandGroup.self,
                      BusCommandGroup.self, BoardCommandGroup.self, KeypadCommandGroup.self, PrinterCommandGroup.self,
                      JournalCommandGroup.self])
}

extension Lobbyctl {
    /// Runs the command; a `CLIError` not handled by the command becomes its message and exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let e as CLIError {
            FileHandle.standardError.write(Data("lobbyctl: \(e.description)\n".utf8))
            Glibc.exit(e.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
