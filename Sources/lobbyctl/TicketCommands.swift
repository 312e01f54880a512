import ArgumentParser
import Foundation

/// `lobbyctl ticket …`: issue, show, list, cancel, unpark, reprint, render (votes come only from kiosks and keypads).
struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Issue, find and act on tickets.",
        subcommands: [Issue.self, Show.self, List.self, Cancel.self, Unpark.self, Reprint.self, RenderTicket.self])

    /// The path of a ticket given as its id (17) or its printed number (A002).
    static func path(_ ticket: String) -> String {
        if !ticket.isEmpty, ticket.allSatisfy(\.isASCII), ticket.allSatisfy(\.isNumber) { return "/api/v1/tickets/\(ticket)" }
        let escaped = ticket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ticket
        return "/api/v1/tickets/by-number/\(escaped)"
    }

    /// The id of a ticket given as its id or its printed number (asks lobbyd for a number).
    static func id(_ ticket: String, _ connection: ConnectionOptions) throws -> Int {
        if let id = Int(ticket) { return id }
        guard let id = try connection.call("GET", path(ticket))["id"] as? Int else { throw CLIError.daemon("lobbyd's answer has no ticket id", code: nil) }
        return id
    }

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
        static let configuration = CommandConfiguration(abstract: "Show a ticket of today by its number (A002) or id.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The printed number, e.g. A002, or the ticket id.") var ticket: String

        func run() throws {
            let o = try connection.call("GET", TicketCommand.path(ticket))
            connection.output(o) { Format.ticket(o) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List waiting and parked tickets, in line order, per window or service.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "waiting or parked (default both).") var state: String?
        @Option(help: "Only tickets this window would serve (waiting) or parked here.") var window: Int?
        @Option(help: "Only this service.") var service: String?

        func run() throws {
            var query: [String] = []
            if let state { query.append("state=\(state)") }
            if let window { query.append("window=\(window)") }
            if let service { query.append("service=\(service.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? service)") }
            let o = try connection.call("GET", "/api/v1/tickets" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
            let list = o["tickets"] as? [[String: Any]] ?? []
            connection.output(o) { list.isEmpty ? "no tickets" : list.map(Format.ticket).joined(separator: "\n") }
        }
    }

    struct Reprint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a waiting, called or parked ticket again (a citizen lost it).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The printed number, e.g. A002, or the ticket id.") var ticket: String

        func run() throws {
            let id = try TicketCommand.id(ticket, connection)
            let o = try connection.call("POST", "/api/v1/tickets/\(id)/reprint", body: [:], timeout: 60)
            let t = o["ticket"] as? [String: Any] ?? [:]
            connection.output(o) {
                let delivery = t["delivery"] as? [String: Any]
                let how = delivery?["printer"].map { "printed on \($0)" } ?? (delivery?["reason"].map { "not printed: \($0)" } ?? "")
                return "reprinted " + Format.ticket(t) + (how.isEmpty ? "" : "; " + how)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a waiting or parked ticket (by number or id).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The printed number, e.g. A002, or the ticket id.") var ticket: String

        func run() throws {
            let id = try TicketCommand.id(ticket, connection)
            let o = try connection.call("POST", "/api/v1/tickets/\(id)/cancel", body: [:])
            connection.output(o) { "cancelled " + Format.ticket(o["ticket"] as? [String: Any] ?? [:]) }
        }
    }

    struct Unpark: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a parked ticket to its line (by number or id).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The printed number, e.g. A002, or the ticket id.") var ticket: String
        @Option(help: "front or back.") var position = "front"

        func run() throws {
            let id = try TicketCommand.id(ticket, connection)
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
