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

    private enum Item: Sendable {
        case queue(QueueNotification)
        case device(HealthRegistry.Change)
    }

    /// Every durable queue event and every change of a device's health, for technicians and
    /// integrations: first a `devices` snapshot, then `queue` and `device` events as they happen.
    static func queueResponse(queue: QueueService, health: HealthRegistry) -> Response {
        Response(status: .ok, headers: headers(), body: ResponseBody { writer in
            let notifications = await queue.subscribe()
            let changes = await health.subscribe()
            let (items, sink) = AsyncStream.makeStream(of: Item.self)
            let forwarders = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await n in notifications { sink.yield(.queue(n)) } }
                    group.addTask { for await c in changes { sink.yield(.device(c)) } }
                    // Either stream ending (shutdown, client gone) ends the response.
                    await group.next()
                    group.cancelAll()
                }
                sink.finish()
            }
            defer { forwarders.cancel() }
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            try await writer.write(frame(event: "devices", id: nil, ["devices": await health.all()]))
            for await item in items {
                switch item {
                case .queue(let n):
                    let r = n.record
                    var object: [String: Any] = ["sequence": Int(r.sequence), "command": r.command.name, "at": JSON.iso(r.at),
                                                 "events": r.events.map { "\($0)".replacingOccurrences(of: "LobbyQueue.", with: "") }]
                    if let t = r.outcome.ticket { object["ticket"] = Int(t.rawValue) }
                    try await writer.write(frame(event: "queue", id: r.sequence, object))
                case .device(let c):
                    try await writer.write(frame(event: "device", id: nil, [
                        "device": c.part, "state": c.state, "previous": c.previous.map { $0 as Any } ?? NSNull(),
                        "at": JSON.iso(QueueService.systemClock()),
                    ]))
                }
            }
            try await writer.finish(nil)
        })
    }
}
