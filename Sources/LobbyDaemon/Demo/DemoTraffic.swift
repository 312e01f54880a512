import Foundation
import LobbyQueue
import Logging
import ServiceLifecycle

/// Simulated citizens and operators for `lobbyd --demo`, at a realistic (optionally faster) pace.
///
/// Citizens take tickets for random services; each window's operator calls, serves, finishes,
/// sometimes recalls or marks a no-show, and most citizens vote. All through the same queue
/// commands a kiosk and a keypad would send.
struct DemoTraffic: Service {
    let queue: QueueService
    let logger: Logger
    /// Time compression: 1 is real time, 2 twice as fast.
    let speed: Double
    /// Windows left for a person: never opened, signed in or called here.
    var humanWindows: Set<WindowID> = []

    private enum Phase { case idle, called(until: Double, recalls: Int), serving(until: Double), voting(ticket: TicketID, until: Double) }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            logger.info("demo traffic stopped")
        }
    }

    private func loop() async throws {
        let config = queue.configuration
        let simulated = config.windows.filter { !humanWindows.contains($0.id) }
        var rng = SystemRandomNumberGenerator()
        let session = UUID().uuidString.prefix(8)
        var counter = 0
        func next() -> RequestID {
            counter += 1
            return RequestID("demo-\(session)-\(counter)")
        }
        func send(_ c: QueueCommand) async -> CommandOutcome? {
            do { return try await queue.submit(CommandRequest(next(), c)).outcome } catch { return nil }
        }
        for w in simulated {
            _ = await send(.setWindowState(window: w.id, state: .open))
            _ = await send(.signIn(window: w.id, operator: OperatorID("op\(w.id.rawValue)")))
        }
        let walkIn = config.services.filter { !$0.appointmentOnly && !$0.requiresIDDocument }
        var phases = Dictionary(uniqueKeysWithValues: simulated.map { ($0.id, Phase.idle) })
        var clock = 0.0
        var nextArrival = 0.0
        let tick = 0.25
        logger.info("demo traffic started", metadata: ["speed": "\(speed)"])
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(Int(tick * 1000 / speed)))
            clock += tick
            if clock >= nextArrival, let s = walkIn.randomElement(using: &rng) {
                let roll = Int.random(in: 0..<100, using: &rng)
                let priority: PriorityCategoryID? = roll < 5 ? "disabled" : (roll < 12 ? "aged65" : nil)
                let language = [Language.az, .az, .az, .ru, .en].randomElement(using: &rng)!
                _ = await send(.issueTicket(TicketRequest(service: s.id, language: language, priority: config.priority(priority ?? "") == nil ? nil : priority)))
                nextArrival = clock + Double.random(in: 1.5...5, using: &rng)
            }
            for (window, phase) in phases {
                switch phase {
                case .idle:
                    if Int.random(in: 0..<8, using: &rng) == 0, await send(.callNext(window: window)) != nil {
                        phases[window] = .called(until: clock + Double.random(in: 3...8, using: &rng), recalls: 0)
                    }
                case .called(let until, let recalls):
                    guard clock >= until else { continue }
                    let roll = Int.random(in: 0..<100, using: &rng)
                    if roll < 8 && recalls < config.recallLimit {
                        _ = await send(.recall(window: window))
                        phases[window] = .called(until: clock + 6, recalls: recalls + 1)
                    } else if roll < 12 {
                        _ = await send(.noShow(window: window))
                        phases[window] = .idle
                    } else {
                        _ = await send(.startService(window: window))
                        phases[window] = .serving(until: clock + Double.random(in: 15...60, using: &rng))
                    }
                case .serving(let until):
                    guard clock >= until else { continue }
                    if case .ticket(let t)? = await send(.finishService(window: window)) {
                        phases[window] = .voting(ticket: t, until: clock + Double.random(in: 2...6, using: &rng))
                    } else {
                        phases[window] = .idle
                    }
                case .voting(let ticket, let until):
                    guard clock >= until else { continue }
                    if Int.random(in: 0..<100, using: &rng) < 80 {
                        let score = [5, 5, 5, 4, 4, 3, 2, 1, 5, 4].randomElement(using: &rng)!
                        _ = await send(.vote(VoteRequest(ticket: ticket, score: score, window: window)))
                    }
                    phases[window] = .idle
                }
            }
        }
    }
}
