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
        guard (200..<300).contains(reply.status) else { throw Self.failure(reply) }
        return reply.json ?? [:]
    }

    /// Follows a Server-Sent Events stream of lobbyd (see `HTTPClient.stream`); a refusal keeps
    /// lobbyd's code and exit code as `call` does, a lost connection is `lobbyd-unreachable`.
    func stream(_ path: String, timeout: Int = 0, line: (String) -> Bool) throws {
        let client = try client(timeout: timeout)
        do {
            try client.stream(path, line: line)
        } catch let e as HTTPClient.ConnectionError {
            throw CLIError.unreachable(e.description)
        } catch let e as HTTPClient.StreamRefused {
            throw Self.failure(e.reply)
        }
    }

    /// The failure lobbyd's non-2xx answer means: its code, its message and the exit code of its status.
    static func failure(_ reply: HTTPClient.Reply) -> CLIError {
        let object = reply.json ?? [:]
        let message = object["message"] as? String ?? String(decoding: reply.body, as: UTF8.self)
        let code = object["error"] as? String
        var error: CLIError
        switch reply.status {
        case 401, 403: error = .unauthorised(message, code: code)
        case 400, 413, 422: error = .badRequest(message, code: code)
        case 404, 409: error = .refused(message, code: code)
        default: error = .daemon("lobbyd answered \(reply.status): \(message)", code: code)
        }
        error.status = reply.status
        return error
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
