import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// Server-Sent Events: the display stream (calls only) and the technicians' full stream.
enum EventStream {
    /// Calls for hall displays: first the recent calls, then each new call as it becomes durable.
    static func displayResponse(queue: QueueService, lifetimes: StreamLifetimes) async -> Response {
        let stream = await queue.subscribe()
        return ServerSentEvents.response(stream, lifetimes: lifetimes, prologue: {
            [ServerSentEvents.frame(event: "snapshot", data: String(decoding: JSON.data(["calls": await queue.calls().map(APIRoutes.callObject)]), as: UTF8.self))]
        }, encode: { n in
            n.calls.map { ServerSentEvents.frame(event: "call", id: $0.sequence, data: String(decoding: JSON.data(APIRoutes.callObject($0)), as: UTF8.self)) }
                .joined()
        })
    }

    private enum Item: Sendable {
        case queue(QueueNotification)
        case device(HealthRegistry.Change)
    }

    /// Every durable queue record and every change of a device's health, for technicians and
    /// integrations: first a `devices` snapshot, then `queue` and `device` events as they happen.
    static func queueResponse(queue: QueueService, health: HealthRegistry, lifetimes: StreamLifetimes) async -> Response {
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
        sink.onTermination = { _ in forwarders.cancel() }
        return ServerSentEvents.response(items, lifetimes: lifetimes, prologue: {
            [ServerSentEvents.frame(event: "devices", data: String(decoding: JSON.data(["devices": await health.all()]), as: UTF8.self))]
        }, encode: { item in
            switch item {
            case .queue(let n):
                return ServerSentEvents.frame(event: "queue", id: n.record.sequence,
                                              data: QueueEventPayload.json(QueueRecordPayload(n.record, numbers: n.numbers)))
            case .device(let c):
                return ServerSentEvents.frame(event: "device", data: String(decoding: JSON.data([
                    "device": c.part, "state": c.state, "previous": c.previous.map { $0 as Any } ?? NSNull(),
                    "at": JSON.iso(QueueService.systemClock()),
                ]), as: UTF8.self))
            }
        })
    }
}
