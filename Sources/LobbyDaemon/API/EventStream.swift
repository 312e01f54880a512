import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// Server-Sent Events: the display stream (calls only) and the technicians' full stream.
enum EventStream {
    private static func headers() -> HTTPFields {
        var h = HTTPFields()
        h[.contentType] = "text/event-stream; charset=utf-8"
        h[.cacheControl] = "no-store"
        return h
    }

    private static func frame(event: String, id: UInt64?, _ object: Any) -> ByteBuffer {
        var text = "event: \(event)\n"
        if let id { text += "id: \(id)\n" }
        text += "data: " + String(decoding: JSON.data(object), as: UTF8.self) + "\n\n"
        return ByteBuffer(string: text)
    }

    /// Calls for hall displays: first the recent calls, then each new call as it becomes durable.
    static func displayResponse(queue: QueueService) -> Response {
        Response(status: .ok, headers: headers(), body: ResponseBody { writer in
            let stream = await queue.subscribe()
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            try await writer.write(frame(event: "snapshot", id: nil, ["calls": await queue.calls().map(APIRoutes.callObject)]))
            for await n in stream {
                for c in n.calls { try await writer.write(frame(event: "call", id: c.sequence, APIRoutes.callObject(c))) }
            }
            try await writer.finish(nil)
        })
    }

    /// Every durable queue event, for technicians and integrations.
    static func queueResponse(queue: QueueService) -> Response {
        Response(status: .ok, headers: headers(), body: ResponseBody { writer in
            let stream = await queue.subscribe()
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            for await n in stream {
                let r = n.record
                var object: [String: Any] = ["sequence": Int(r.sequence), "command": r.command.name, "at": JSON.iso(r.at),
                                             "events": r.events.map { "\($0)".replacingOccurrences(of: "LobbyQueue.", with: "") }]
                if let t = r.outcome.ticket { object["ticket"] = Int(t.rawValue) }
                try await writer.write(frame(event: "queue", id: r.sequence, object))
            }
            try await writer.finish(nil)
        })
    }
}
