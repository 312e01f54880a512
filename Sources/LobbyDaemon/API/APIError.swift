import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// An error answered to an API client: status, stable code and a sentence.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable machine-readable code.
    public let code: String
    /// What is wrong, for people.
    public let message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The answer for a refused queue command.
    static func from(_ failure: QueueService.Failure) -> APIError {
        switch failure {
        case .refused(let e):
            let status: HTTPResponse.Status = e.isNotFound ? .notFound
                : e.code == "request-id-reused" ? .unprocessableContent : e.code == "invalid-supervisor-action" ? .badRequest : .conflict
            return APIError(status, e.code, e.description)
        case .journalUnavailable(let reason):
            return APIError(.serviceUnavailable, "journal-unavailable", "the command was not recorded: \(reason); try again")
        }
    }

    /// The JSON response.
    var response: Response {
        JSON.response(["error": code, "message": message], status: status)
    }
}

/// Small helpers to write JSON responses from dictionaries.
enum JSON {
    static func data(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    static func response(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data(object))))
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

    static func iso(_ instant: Instant?) -> Any {
        guard let instant else { return NSNull() }
        return Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000).ISO8601Format()
    }
}
