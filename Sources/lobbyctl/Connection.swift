import ArgumentParser
import Foundation
import LobbyClient

/// How lobbyctl reaches lobbyd, shared by every command.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "lobbyd's URL, e.g. http://127.0.0.1:8080 (default: the local Unix socket).")
    var url: String?

    @Option(help: "lobbyd's Unix socket (default: $LOBBY_SOCKET alone when set, else /run/lobby/lobbyd.sock, then the user's runtime directory).")
    var socket: String?

    @Option(help: "Bearer token (default: $LOBBY_TOKEN; not needed over the local socket).")
    var token: String?

    @Flag(help: "Print JSON for scripts.")
    var json = false

    /// The client, or exit 3 with a clear message when no daemon can be found.
    func client(timeout: Int = 10) throws -> HTTPClient {
        let token = self.token ?? ProcessInfo.processInfo.environment["LOBBY_TOKEN"]
        if let url {
            guard let endpoint = DaemonEndpoint(url: url) else { throw CLIError.usage("--url must look like http://HOST:PORT, got '\(url)'") }
            return HTTPClient(endpoint: endpoint, token: token, timeout: timeout)
        }
        if let socket { return HTTPClient(endpoint: .socket(socket), token: token, timeout: timeout) }
        switch DaemonDiscovery.locate(environment: ProcessInfo.processInfo.environment, uid: getuid(), probe: DaemonDiscovery.probe) {
        case .found(let path, let notes):
            for note in notes { FileHandle.standardError.write(Data("lobbyctl: note: \(note)\n".utf8)) }
            return HTTPClient(endpoint: .socket(path), token: token, timeout: timeout)
        case .failed(let reason):
            throw CLIError.unreachable(reason)
        }
    }

    /// Sends a request and maps failures to exit codes; returns the JSON object answered.
    /// `using` is a client made before (to know its endpoint); by default one is made now.
    func call(_ method: String, _ path: String, body: [String: Any]? = nil, timeout: Int = 10, using made: HTTPClient? = nil) throws -> [String: Any] {
        let reply: HTTPClient.Reply
        do {
            reply = try (made ?? client(timeout: timeout)).send(method, path, json: body)
        } catch let e as HTTPClient.ConnectionError {
            throw CLIError.unreachable(e.description)
        }
        let object = reply.json ?? [:]
        let message = object["message"] as? String ?? String(decoding: reply.body, as: UTF8.self)
        switch reply.status {
        case 200..<300: return object
        case 401, 403: throw CLIError.unauthorised(message, code: object["error"] as? String)
        case 400, 413, 422: throw CLIError.badRequest(message, code: object["error"] as? String)
        case 404, 409: throw CLIError.refused(message, code: object["error"] as? String)
        default: throw CLIError.daemon("lobbyd answered \(reply.status): \(message)", code: object["error"] as? String)
        }
    }

    /// Prints `object` as JSON (with --json) or as `text`.
    func output(_ object: [String: Any], text: () -> String) {
        if json {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text())
        }
    }
}

/// Failures with their exit codes.
enum CLIError: Error, CustomStringConvertible {
    case refused(String, code: String?)
    case badRequest(String, code: String?)
    case unreachable(String)
    case unauthorised(String, code: String?)
    case daemon(String, code: String?)
    case usage(String)

    var description: String {
        switch self {
        case .refused(let m, _), .badRequest(let m, _), .unauthorised(let m, _), .daemon(let m, _): m
        case .unreachable(let m), .usage(let m): m
        }
    }

    var exitCode: Int32 {
        switch self {
        case .refused: 1
        case .badRequest: 2
        case .unreachable: 3
        case .unauthorised: 4
        case .daemon: 5
        case .usage: 64
        }
    }
}

/// Runs a command body, turning `CLIError`s into a message on stderr (or JSON with --json) and an exit code.
func perform(_ options: ConnectionOptions, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as CLIError {
        if options.json {
            var object: [String: Any] = ["error": e.description, "exitCode": Int(e.exitCode)]
            switch e {
            case .refused(_, let code), .badRequest(_, let code), .unauthorised(_, let code), .daemon(_, let code):
                object["code"] = code
            default: break
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        }
        FileHandle.standardError.write(Data("lobbyctl: \(e.description)\n".utf8))
        throw ExitCode(e.exitCode)
    }
}
