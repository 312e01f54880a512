import Foundation
import NIOCore
import NIOHTTPTypes
import Synchronization

/// How long a connection may take for each part of a request, and how many may be open at once.
public struct ConnectionLimits: Sendable, Hashable {
    /// The most connections open at once on one listener.
    public var maxConnections: Int
    /// From connecting to a complete request head (the first request).
    public var headerTimeout: TimeAmount
    /// From the end of a response to the next request's complete head (keep-alive).
    public var idleTimeout: TimeAmount
    /// From a request's head to the end of its body.
    public var bodyTimeout: TimeAmount

    /// Creates limits.
    public init(maxConnections: Int = 1000, headerTimeout: TimeAmount = .seconds(10), idleTimeout: TimeAmount = .seconds(60),
                bodyTimeout: TimeAmount = .seconds(30)) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
    }
}

/// The open connections of one listener. When the cap is reached, a new connection evicts the
/// connection that has waited longest without a request in progress (an idle flood only churns
/// itself); when every connection is busy, the new one is closed at once.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        var idle: Bool
    }

    private let entries = Mutex<[ObjectIdentifier: (order: UInt64, entry: Entry)]>([:])
    private let counter = Atomic<UInt64>(0)
    /// The limits of the listener.
    let limits: ConnectionLimits
    /// Connections closed because the cap was reached or a timeout passed (for metrics).
    let closedByGuard = Atomic<Int>(0)

    init(limits: ConnectionLimits) { self.limits = limits }

    /// Number of open connections.
    var count: Int { entries.withLock { $0.count } }

    /// Admits a connection; false when it must be closed (cap reached, nobody idle to evict).
    func admit(_ channel: any Channel) -> Bool {
        let order = counter.add(1, ordering: .relaxed).newValue
        let (admitted, evicted) = entries.withLock { map -> (Bool, (any Channel)?) in
            var victim: (any Channel)?
            if map.count >= limits.maxConnections {
                guard let oldest = map.filter({ $0.value.entry.idle }).min(by: { $0.value.order < $1.value.order }) else { return (false, nil) }
                victim = oldest.value.entry.channel
                map[oldest.key] = nil
            }
            map[ObjectIdentifier(channel)] = (order, Entry(channel: channel, idle: true))
            return (true, victim)
        }
        if let evicted {
            closedByGuard.add(1, ordering: .relaxed)
            evicted.close(promise: nil)
        }
        if !admitted { closedByGuard.add(1, ordering: .relaxed) }
        return admitted
    }

    /// Marks a connection busy (a request in progress) or idle (waiting for the next one).
    func mark(_ channel: any Channel, idle: Bool) {
        entries.withLock { $0[ObjectIdentifier(channel)]?.entry.idle = idle }
    }

    /// Forgets a closed connection.
    func remove(_ channel: any Channel) {
        entries.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}

/// Enforces `ConnectionLimits` on one connection: closes it when a request head, a body or the
/// next request does not arrive in time (a half-sent head is never kept), and registers it with
/// the listener's `ConnectionRegistry`. A response being written (an event stream) has no limit.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let registry: ConnectionRegistry
    private var timer: Scheduled<Void>?
    private var admitted = false

    init(registry: ConnectionRegistry) { self.registry = registry }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !admitted else { return }
        admitted = true
        guard registry.admit(context.channel) else {
            context.close(promise: nil)
            return
        }
        arm(context, after: registry.limits.headerTimeout)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        registry.remove(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            registry.mark(context.channel, idle: false)
            arm(context, after: registry.limits.bodyTimeout)
        case .end:
            timer?.cancel()
            timer = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            registry.mark(context.channel, idle: true)
            arm(context, after: registry.limits.idleTimeout)
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        registry.remove(context.channel)
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        timer?.cancel()
        let channel = context.channel
        let registry = self.registry
        timer = context.eventLoop.scheduleTask(in: delay) {
            registry.closedByGuard.add(1, ordering: .relaxed)
            channel.close(promise: nil)
        }
    }
}
