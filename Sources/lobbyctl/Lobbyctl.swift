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
                      MRZCommandGroup.self, TouchCommandGroup.self])
}
