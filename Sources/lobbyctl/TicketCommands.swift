import ArgumentParser
import Foundation

/// `lobbyctl ticket …`: issue, show, cancel, unpark, render (votes come only from kiosks and keypads).
struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Issue and act on tickets.",
        subcommands: [Issue.self, Show.self, Cancel.self, Unpark.self, RenderTicket.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a ticket for a service (as a kiosk would).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The service id (see `lobbyctl services`).") var service: String
        @Option(help: "az, ru or en.") var language = "az"
        @Option(help: "A priority category id.") var priority: String?
        @Option(help: "Request id: repeating it returns the same ticket.") var requestId: String?

        func run() throws {
            var body: [String: Any] = ["service": service, "language": language]
            body["priority"] = priority
            body["requestId"] = requestId
            let o = try connection.call("POST", "/api/v1/tickets", body: body)
            connection.output(o) { "issued " + Format.ticket(o["ticket"] as? [String: Any] ?? [:]) + ((o["repeat"] as? Bool) == true ? " (repeat of an earlier request)" : "") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a ticket of today by id.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: Int

        func run() throws {
            let o = try connection.call("GET", "/api/v1/tickets/\(id)")
            connection.output(o) { Format.ticket(o) }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a waiting or parked ticket.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: Int

        func run() throws {
            let o = try connection.call("POST", "/api/v1/tickets/\(id)/cancel", body: [:])
            connection.output(o) { "cancelled " + Format.ticket(o["ticket"] as? [String: Any] ?? [:]) }
        }
    }

    struct Unpark: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a parked ticket to its line.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var id: Int
        @Option(help: "front or back.") var position = "front"

        func run() throws {
            let o = try connection.call("POST", "/api/v1/tickets/\(id)/unpark", body: ["position": position])
            connection.output(o) { "unparked " + Format.ticket(o["ticket"] as? [String: Any] ?? [:]) }
        }
    }
}

/// `lobbyctl window ACTION N`: the operator's commands and window state.
struct WindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Act at a window: call-next, recall, no-show, start, finish, park, transfer, open, pause, close, sign-in, sign-out.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "call-next, recall, no-show, start, finish, park, transfer, open, pause, close, sign-in or sign-out.") var action: String
    @Argument(help: "The window number.") var number: Int
    @Option(help: "For transfer: the target service.") var service: String?
    @Option(help: "For transfer: front or back.") var position: String?
    @Option(name: .customLong("operator"), help: "For sign-in: the operator's login.") var operatorName: String?
    @Option(help: "Request id: repeating it returns the first result.") var requestId: String?

    static let actions = ["call-next", "recall", "no-show", "start", "finish", "park", "transfer", "open", "pause", "close", "sign-in", "sign-out"]

    func validate() throws {
        guard Self.actions.contains(action) else {
            throw ValidationError("unknown action '\(action)'; expected one of \(Self.actions.joined(separator: ", "))")
        }
        if action == "transfer" && service == nil { throw ValidationError("transfer needs --service") }
    }

    func run() throws {
        var body: [String: Any] = [:]
        body["service"] = service
        body["position"] = position
        body["operator"] = operatorName
        body["requestId"] = requestId
        let o = try connection.call("POST", "/api/v1/windows/\(number)/\(action)", body: body)
        connection.output(o) {
            if let t = o["ticket"] as? [String: Any] { return "\(action): " + Format.ticket(t) }
            if let w = o["window"] as? [String: Any] { return "\(action): window " + Format.window(w) }
            return action
        }
    }
}
