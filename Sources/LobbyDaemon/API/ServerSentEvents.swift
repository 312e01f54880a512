import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Ends every open event stream when lobbyd stops, so that the HTTP servers can drain at once
/// instead of waiting for streams that may never write again.
public final class StreamLifetimes: Sendable {
    private let state = Mutex<(closed: Bool, waiters: [UUID: CheckedContinuation<Void, Never>])>((false, [:]))

    /// A registry with every stream open.
    public init() {}

    /// Ends every stream, now and from now on.
    public func closeAll() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.closed = true
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume() }
    }

    /// Returns when streams are to end, or when the calling task is cancelled.
    func waitUntilClosed() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.closed || Task.isCancelled { return true }
                    s.waiters[id] = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}

/// A Server-Sent Events response: a prologue, then one frame per item, with a comment line every
/// `heartbeat` (a client that went away is noticed at the next write, and proxies keep the
/// connection), until the items end, the client goes away, or lobbyd stops.
enum ServerSentEvents {
    /// How often an idle stream writes a comment.
    static let heartbeat: Duration = .seconds(15)

    private enum Tick<Item: Sendable>: Sendable {
        case item(Item)
        case heartbeat
        case stop
    }

    /// The response; `encode` turns an item into its frame text (nil: skip it).
    static func response<S: AsyncSequence & Sendable>(
        _ items: S, lifetimes: StreamLifetimes, prologue: @escaping @Sendable () async -> [String],
        encode: @escaping @Sendable (S.Element) -> String?
    ) -> Response where S.Element: Sendable {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            for text in await prologue() { try await writer.write(ByteBuffer(string: text)) }
            let (ticks, sink) = AsyncStream<Tick<S.Element>>.makeStream(bufferingPolicy: .bufferingNewest(1024))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await item in items { sink.yield(.item(item)) }
                    sink.yield(.stop)
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: heartbeat)
                        sink.yield(.heartbeat)
                    }
                }
                group.addTask {
                    await lifetimes.waitUntilClosed()
                    sink.yield(.stop)
                }
                defer { group.cancelAll() }
                loop: for await tick in ticks {
                    switch tick {
                    case .item(let item):
                        if let text = encode(item) { try await writer.write(ByteBuffer(string: text)) }
                    case .heartbeat:
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    case .stop:
                        break loop
                    }
                }
            }
            try await writer.finish(nil)
        })
    }

    /// One frame: `event: NAME`, an optional `id:`, and the data line.
    static func frame(event: String, id: UInt64? = nil, data: String) -> String {
        var text = "event: \(event)\n"
        if let id { text += "id: \(id)\n" }
        return text + "data: " + data + "\n\n"
    }
}
