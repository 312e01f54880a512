import Hummingbird
import HTTPTypes
import LobbyQueue

/// Prometheus text exposition of queue and daemon metrics.
enum Metrics {
    static func response(queue: QueueService, health: HealthRegistry, buses: BusBridge? = nil,
                         printing: TicketPrinting? = nil, announcements: AnnouncementService? = nil) async throws -> Response {
        let accepted = await queue.accepted
        let refusals = await queue.refusals
        let durable = await queue.durableSequence
        let batch = await queue.largestBatch
        let subscribers = await queue.subscriberCount
        let devices = await health.all()
        let writeFailures = await queue.writeFailures
        // The queue's part needs its state; when the journal is unavailable, the rest still reports.
        var text = (try? await queue.read { engine in
            render(engine, accepted: accepted, refusals: refusals, durable: durable, batch: batch, subscribers: subscribers, devices: devices)
        }) ?? ""
        text += "# HELP lobby_journal_write_failures_total Journal writes that failed since start (each answered 503).\n"
            + "# TYPE lobby_journal_write_failures_total counter\nlobby_journal_write_failures_total \(writeFailures)\n"
        if let buses { text += BusPresenter.metrics(buses.reports) }
        if let printing { text += await printing.latencies.metrics() }
        if let announcements { text += await announcements.metrics() }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private static func render(_ engine: QueueEngine, accepted: Int, refusals: [String: Int], durable: UInt64, batch: Int,
                               subscribers: Int, devices: [String: String]) -> String {
        let state = engine.state
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ type: String, _ samples: [(String, Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for (labels, v) in samples { lines.append("\(name)\(labels) \(v == v.rounded() ? String(Int(v)) : String(v))") }
        }
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
        let now = QueueService.systemClock()
        let services = engine.configuration.services
        metric("lobby_queue_waiting", "Tickets waiting per service.", "gauge",
               services.map { ("{service=\"\(esc($0.id.rawValue))\"}", Double(state.lines[$0.id]?.count ?? 0)) })
        metric("lobby_queue_oldest_wait_seconds", "How long the oldest waiting ticket of each service has waited.", "gauge",
               services.map { s in
                   let oldest = state.lines[s.id]?.compactMap { state.tickets[$0]?.lineEnteredAt }.min()
                   return ("{service=\"\(esc(s.id.rawValue))\"}", Double(oldest.map { now.seconds(since: $0) } ?? 0))
               })
        metric("lobby_tickets_issued_today", "Tickets issued today per service.", "gauge",
               services.map { ("{service=\"\(esc($0.id.rawValue))\"}", Double(state.issuedToday[$0.id] ?? 0)) })
        metric("lobby_window_open", "1 when the window is open.", "gauge",
               engine.configuration.windows.map { ("{window=\"\($0.id.rawValue)\"}", state.windows[$0.id]?.state == .open ? 1 : 0) })
        metric("lobby_commands_accepted_total", "Commands accepted since start.", "counter", [("", Double(accepted))])
        metric("lobby_commands_refused_total", "Commands refused since start, by reason.", "counter",
               refusals.sorted { $0.key < $1.key }.map { ("{reason=\"\($0.key)\"}", Double($0.value)) })
        metric("lobby_journal_sequence", "The last durable journal record.", "gauge", [("", Double(durable))])
        metric("lobby_journal_largest_batch", "The largest group-commit batch written.", "gauge", [("", Double(batch))])
        metric("lobby_event_subscribers", "Open event streams.", "gauge", [("", Double(subscribers))])
        let day = state.day ?? engine.calendar.localDate(at: now)
        let stats = QueueStatistics.compute(state: state, from: day, to: day, targetWaitSeconds: engine.configuration.targetWaitSeconds, calendar: engine.calendar)
        metric("lobby_wait_within_target_ratio", "Share of today's called tickets called within the target wait.", "gauge",
               [("", stats.overall.withinTargetShare ?? 1)])
        metric("lobby_wait_p90_seconds", "90th percentile of today's waits per service.", "gauge",
               stats.byService.sorted { $0.key < $1.key }.map { ("{service=\"\(esc($0.key.rawValue))\"}", Double($0.value.waiting.p90)) })
        metric("lobby_device_up", "1 when a device or part reports ok.", "gauge",
               devices.sorted { $0.key < $1.key }.map { ("{device=\"\(esc($0.key))\"}", $0.value == "ok" ? 1 : 0) })
        return lines.joined(separator: "\n") + "\n"
    }
}
