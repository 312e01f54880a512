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
        Exit codes: 0 done; 1 refused by the queue, a device or a check;
        2 bad request; 3 lobbyd (or a serial port) not reachable; 4 not
        authorised; 5 lobbyd failed; 64 wrong usage; 65 bad data; 66 unreadable
        file; 73 cannot write; 78 configuration error.
        With --json every command prints JSON on standard output (watch
        commands one object per line); a failure prints the error object
        {"code": …, "message": …, "exitCode": …} there too.

        ENVIRONMENT
          LOBBY_SOCKET     lobbyd's socket, and no other (not the default places)
          LOBBY_TOKEN      bearer token for --url when --token is not given
          XDG_RUNTIME_DIR  $XDG_RUNTIME_DIR/lobby/lobbyd.sock is one of the
                           default places of the socket
          SSH_CONNECTION, SSH_CLIENT, SSH_TTY
                           when set, mrz watch --reveal is refused: personal
                           data is shown only at the machine itself
        See Docs/lobbyctl.md.
        """,
        subcommands: [Status.self, Services.self, Windows.self, TicketCommand.self, WindowCommand.self, Stats.self, Events.self,
                      MRZCommandGroup.self, TouchCommandGroup.self, KioskCommandGroup.self, CardCommandGroup.self,
                      BusCommandGroup.self, BoardCommandGroup.self, KeypadCommandGroup.self, PrinterCommandGroup.self,
                      JournalCommandGroup.self, AudioCommandGroup.self, ReportCommand.self, AccountCommandGroup.self, TLSCommandGroup.self,
                      HallCommandGroup.self])
}

extension Lobbyctl {
    /// Runs the command. Every failure, the parser's included, ends here: its message on standard
    /// error (with the usage for a usage error), with --json also the error object on standard
    /// output, and its exit code (the same with and without --json).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if Self.exitCode(for: error) == .success || !Self.wantsJSON(arguments) { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            fail(CLIError.from(error), json: true, alreadySaid: true)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode where code == .success {
            Glibc.exit(0)
        } catch let error as CLIError {
            fail(error, json: Self.wantsJSON(arguments), alreadySaid: false)
        } catch {
            // Said as ArgumentParser says it (a usage error with the usage).
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            fail(CLIError.from(error), json: Self.wantsJSON(arguments), alreadySaid: true)
        }
    }

    /// Whether the command line asks for JSON (`--json` before any `--`).
    static func wantsJSON(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }

    /// Reports a failure and exits with its code.
    private static func fail(_ error: CLIError, json: Bool, alreadySaid: Bool) -> Never {
        if json { print(error.json) }
        if !alreadySaid { FileHandle.standardError.write(Data("lobbyctl: \(error.message)\n".utf8)) }
        Glibc.exit(error.exitCode)
    }
}
