import ArgumentParser
import Foundation

/// `lobbyctl account …`: the roster of operators, supervisors and managers (Docs/Accounts.md).
struct AccountCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Manage staff accounts: add, list, disable, enable, passwd, remove.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Passwd.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (asked twice on a terminal).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The login name: lowercase a-z, digits, '.', '-', '_' (2-32 characters).") var name: String
        @Option(help: "operator, supervisor or manager.") var role: String
        @Option(help: "The name to show, e.g. \"Leyla M.\".") var displayName: String?

        func run() throws {
            var body: [String: Any] = ["name": name, "role": role, "password": try PasswordInput.read(for: name)]
            body["displayName"] = displayName
            let o = try connection.call("POST", "/api/v1/accounts", body: body)
            connection.output(o) { "added " + AccountFormat.line(o["account"] as? [String: Any] ?? [:]) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account with its role and state.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let o = try connection.call("GET", "/api/v1/accounts")
            let list = o["accounts"] as? [[String: Any]] ?? []
            connection.output(o) { (["NAME                ROLE        STATE"] + list.map(AccountFormat.line)).joined(separator: "\n") }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end and it cannot sign in.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var name: String

        func run() throws {
            let o = try connection.call("POST", "/api/v1/accounts/\(AccountFormat.path(name))/disable", body: [:])
            connection.output(o) { "disabled " + AccountFormat.line(o["account"] as? [String: Any] ?? [:]) }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable an account again; also lifts a lockout after failed sign-ins.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var name: String

        func run() throws {
            let o = try connection.call("POST", "/api/v1/accounts/\(AccountFormat.path(name))/enable", body: [:])
            connection.output(o) { "enabled " + AccountFormat.line(o["account"] as? [String: Any] ?? [:]) }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password or PIN (read from standard input); ends the account's sessions and lifts a lockout.")
        @OptionGroup var connection: ConnectionOptions
        @Argument var name: String

        func run() throws {
            let o = try connection.call("POST", "/api/v1/accounts/\(AccountFormat.path(name))/password", body: ["password": try PasswordInput.read(for: name)])
            connection.output(o) { "new password for " + AccountFormat.line(o["account"] as? [String: Any] ?? [:]) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account (the journal keeps the name in past records).")
        @OptionGroup var connection: ConnectionOptions
        @Argument var name: String

        func run() throws {
            let o = try connection.call("DELETE", "/api/v1/accounts/\(AccountFormat.path(name))")
            connection.output(o) { "removed \(name)" }
        }
    }
}

/// One account per line for people.
enum AccountFormat {
    /// One account as a line of `account list`.
    static func line(_ a: [String: Any]) -> String {
        var state = (a["disabled"] as? Bool) == true ? "disabled" : "enabled"
        if let until = a["lockedUntil"] as? String { state += ", locked until \(until)" }
        let shown = (a["displayName"] as? String).map { "  (\($0))" } ?? ""
        return Format.pad(a["name"] as? String ?? "?", 20) + Format.pad(a["role"] as? String ?? "", 12) + state + shown
    }

    /// The name as a path segment (names are plain; anything else is escaped and lobbyd refuses it).
    static func path(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
    }
}

/// Reads a password: from a terminal without echo, asked twice; else the first line of standard input.
enum PasswordInput {
    /// The password for `name`.
    static func read(for name: String) throws -> String {
        if isatty(0) == 1 {
            guard let first = getpass("password for \(name): ").map({ String(cString: $0) }),
                  let second = getpass("again: ").map({ String(cString: $0) }) else { throw CLIError.usage("no password given") }
            guard first == second else { throw CLIError.usage("the two passwords differ") }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError.usage("give the password on standard input (one line), e.g. printf '%s\\n' \"$PASSWORD\" | lobbyctl account …")
        }
        return line
    }
}
