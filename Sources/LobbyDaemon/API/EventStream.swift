import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// Server-Sent Events: the display stream (calls only) and the technicians' full stream.
enum EventStream {
    /// Calls for hall displays: first the recent calls and the hall's settings (`hall`), then each
    /// new call as it becomes durable and the hall object again whenever a supervisor changes it.
    static func displayResponse(queue: QueueService, hall: HallBoard?, lifetimes: StreamLifetimes,
                                hallJSON: @escaping @Sendable () async -> String?) async -> Response {
        let calls = await queue.subscribe()
        let changes = await hall?.subscribe()
        let (items, sink) = AsyncStream.makeStream(of: DisplayItem.self)
        let forwarders = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { for await n in calls { sink.yield(.calls(n.calls)) } }
                if let changes {
                    // The first value is the state at subscription: the prologue already sent it.
                    group.addTask {
                        for await _ in changes.dropFirst() {
                            if let json = await hallJSON() { sink.yield(.hall(ServerSentEvents.frame(event: "hall", data: json))) }
                        }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            sink.finish()
        }
        sink.onTermination = { _ in forwarders.cancel() }
        return ServerSentEvents.response(items, lifetimes: lifetimes, prologue: {
            var frames = [ServerSentEvents.frame(event: "snapshot", data: String(decoding: JSON.data(["calls": await queue.calls().map(APIRoutes.callObject)]), as: UTF8.self))]
            if let json = await hallJSON() { frames.append(ServerSentEvents.frame(event: "hall", data: json)) }
            return frames
        }, encode: { item in
            switch item {
            case .calls(let calls):
                return calls.map { ServerSentEvents.frame(event: "call", id: $0.sequence, data: String(decoding: JSON.data(APIRoutes.callObject($0)), as: UTF8.self)) }
                    .joined()
            case .hall(let frame):
                return frame
            }
        })
    }

    private enum DisplayItem: Sendable {
        case calls([DisplayCall])
        case hall(String)
    }

    private enum Item: Sendable {
        case queue(QueueNotification)
        case device(HealthRegistry.Change)
    }

    /// Every durable queue record and every change of a device's health, for technicians and
    /// integrations: first a `devices` snapshot, then `queue` and `device` events as they happen.
    /// A client that sends `Last-Event-ID` (the sequence of the last `queue` event it got) first
    /// gets the records it missed, or one `reset` event when lobbyd no longer holds them
    /// (Decision 0045).
    static func queueResponse(queue: QueueService, health: HealthRegistry, lifetimes: StreamLifetimes,
                              lastEventID: UInt64? = nil) async -> Response {
        let resumption = await queue.subscribe(resumingAfter: lastEventID ?? .max)
        let notifications = resumption.stream
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
        // A record made durable while the client subscribed may also come live: it is sent once.
        let missed = lastEventID == nil ? [] : resumption.missed
        let sentUpTo: UInt64 = missed.map { m in max(lastEventID ?? 0, m.last?.record.sequence ?? 0) } ?? 0
        return ServerSentEvents.response(items, lifetimes: lifetimes, prologue: {
            var frames = [ServerSentEvents.frame(event: "devices", data: String(decoding: JSON.data(["devices": await health.all()]), as: UTF8.self))]
            if let missed {
                frames += missed.map(queueFrame)
            } else if let lastEventID {
                frames.append(resetFrame(lastEventID: lastEventID, durable: resumption.durableSequence))
            }
            return frames
        }, encode: { item in
            switch item {
            case .queue(let n):
                return n.record.sequence <= sentUpTo ? nil : queueFrame(n)
            case .device(let c):
                return ServerSentEvents.frame(event: "device", data: String(decoding: JSON.data([
                    "device": c.part, "state": c.state, "previous": c.previous.map { $0 as Any } ?? NSNull(),
                    "at": JSON.iso(QueueService.systemClock()),
                ]), as: UTF8.self))
            }
        })
    }

    private static func queueFrame(_ n: QueueNotification) -> String {
        ServerSentEvents.frame(event: "queue", id: n.record.sequence, data: QueueEventPayload.json(QueueRecordPayload(n.record, numbers: n.numbers)))
    }

    /// The records after `lastEventID` cannot be sent: the client must read the state afresh.
    /// Its id is the journal's last durable sequence, where the stream continues.
    private static func resetFrame(lastEventID: UInt64, durable: UInt64) -> String {
        let reason = lastEventID > durable
            ? "event \(lastEventID) is past the journal's last record \(durable) (the journal was started afresh)"
            : "the records after event \(lastEventID) are no longer held (lobbyd restarted, or more than \(QueueService.resumableChanges) records since)"
        return ServerSentEvents.frame(event: "reset", id: durable, data: QueueEventPayload.json(
            StreamReset(reason: reason, lastEventId: String(lastEventID), journalSequence: durable)))
    }
}

/// The `reset` event of `GET /api/v1/events`: the records a resuming client missed cannot be
/// sent; it reads the state afresh (`/api/v1/status`, `/api/v1/windows`, …).
struct StreamReset: Codable, Sendable, Equatable {
    /// Why the missed records cannot be sent.
    var reason: String
    /// The `Last-Event-ID` the client sent.
    var lastEventId: String
    /// The last durable sequence; the stream continues after it.
    var journalSequence: UInt64
}
