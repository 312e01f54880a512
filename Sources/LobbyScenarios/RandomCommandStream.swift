import LobbyQueue

/// A deterministic pseudo-random generator (SplitMix64), so a seed reproduces a whole scenario.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Seeds the generator.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A reproducible stream of commands over a centre: command `i` depends only on the seed and `i`.
///
/// Some commands are invalid in the state they meet (that is intended: refusals must not
/// change state). About one in twenty repeats the previous request id (a retry).
public struct RandomCommandStream: Sendable {
    /// The centre the commands address.
    public let configuration: CentreConfiguration
    /// The seed.
    public let seed: UInt64
    /// The instant of command 0.
    public let start: Instant
    /// Milliseconds between consecutive commands.
    public let stepMilliseconds: Int64
    /// Whether about one command in six is an appointment command (booking, cancelling, moving,
    /// checking in). Off by default, so existing seeds keep producing the same streams.
    public let includesAppointments: Bool

    /// Creates a stream.
    public init(configuration: CentreConfiguration, seed: UInt64, start: Instant, stepMilliseconds: Int64 = 7_000,
                includesAppointments: Bool = false) {
        self.configuration = configuration
        self.seed = seed
        self.start = start
        self.stepMilliseconds = stepMilliseconds
        self.includesAppointments = includesAppointments
    }

    /// The instant at which command `index` is executed.
    public func time(of index: Int) -> Instant { start.adding(milliseconds: Int64(index) * stepMilliseconds) }

    /// The request of command `index`.
    public func request(_ index: Int) -> CommandRequest {
        var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
        if index > 0, rng.next() % 20 == 0 {
            return request(index - 1)  // a retry of the previous request, same id and command
        }
        let windows = configuration.windows.map(\.id)
        let services = configuration.services.map(\.id)
        let window = windows[Int(rng.next() % UInt64(windows.count))]
        if includesAppointments, rng.next() % 6 == 0 {
            return CommandRequest(RequestID("r\(seed)-\(index)"), appointmentCommand(index, rng: &rng))
        }
        let roll = rng.next() % 100
        let command: QueueCommand
        switch roll {
        case 0..<30:
            let service = services[Int(rng.next() % UInt64(services.count))]
            let p = rng.next() % 10
            let priority: PriorityCategoryID? = p == 0 ? "disabled" : (p == 1 ? "aged65" : nil)
            let language = [Language.az, .ru, .en][Int(rng.next() % 3)]
            command = .issueTicket(TicketRequest(service: service, language: language, priority: priority))
        case 30..<48: command = .callNext(window: window)
        case 48..<52: command = .recall(window: window)
        case 52..<55: command = .noShow(window: window)
        case 55..<62: command = .startService(window: window)
        case 62..<78: command = .finishService(window: window)
        case 78..<80:
            command = .transfer(window: window, to: services[Int(rng.next() % UInt64(services.count))],
                                position: rng.next() % 2 == 0 ? .front : .back)
        case 80..<81: command = .park(window: window)
        case 81..<83: command = .unpark(ticket: TicketID(rng.next() % UInt64(index / 3 + 1) + 1), position: .back)
        case 83..<85: command = .cancel(ticket: TicketID(rng.next() % UInt64(index / 3 + 1) + 1))
        case 85..<91:
            command = .vote(VoteRequest(ticket: TicketID(rng.next() % UInt64(index / 3 + 1) + 1), score: Int(rng.next() % 6) + 1,
                                        window: rng.next() % 2 == 0 ? window : nil))
        case 91..<95: command = .setWindowState(window: window, state: [.open, .open, .paused, .closed][Int(rng.next() % 4)])
        case 95..<98: command = .signIn(window: window, operator: OperatorID("op\(rng.next() % UInt64(windows.count + 2))"))
        default: command = .signOut(window: window)
        }
        return CommandRequest(RequestID("r\(seed)-\(index)"), command)
    }

    /// The booking codes of a seed, numbered; bookings use the numbers of the current slot of
    /// 40 commands, the other appointment commands those of the last ten slots, so they meet.
    public func bookingCode(_ k: Int) -> BookingCode { BookingCode(payload: seed &* 1_000_003 &+ UInt64(k)) }

    /// A small pool of synthetic person keys (not hashes of any real number).
    public static func personKey(_ k: Int) -> PersonKey {
        PersonKey(String(repeating: "5a", count: 31) + String(k % 10) + "f")
    }

    private func appointmentCommand(_ index: Int, rng: inout SplitMix64) -> QueueCommand {
        let now = time(of: index)
        let services = configuration.services.map(\.id)
        let slot = index / 40
        let recent = max(0, slot - Int(rng.next() % 10)) * 8 + Int(rng.next() % 8)
        let code = bookingCode(recent)
        let minute: Int64 = 60
        switch rng.next() % 100 {
        case 0..<40:
            let code = bookingCode(slot * 8 + Int(rng.next() % 8))
            var at = now.adding(seconds: (Int64(rng.next() % 26) - 5) * 5 * minute)  // 25 min ago … 100 min ahead
            if rng.next() % 10 == 0 { at = at.adding(seconds: 86_400) }
            let person = rng.next() % 10 < 6 ? Self.personKey(Int(rng.next() % 8)) : nil
            return .bookAppointment(AppointmentBooking(code: code, service: services[Int(rng.next() % UInt64(services.count))], at: at, personKey: person))
        case 40..<75:
            return .checkIn(AppointmentCheckIn(.bookingCode(code), language: [Language.az, .ru, .en][Int(rng.next() % 3)]))
        case 75..<88:
            return .checkIn(AppointmentCheckIn(.person(Self.personKey(Int(rng.next() % 8)))))
        case 88..<94:
            return .cancelAppointment(code: code)
        default:
            return .rescheduleAppointment(code: code, at: now.adding(seconds: Int64(rng.next() % 20) * 5 * minute))
        }
    }

    /// Requests to open every window with an operator, so a scenario starts with traffic.
    public func openingRequests() -> [CommandRequest] {
        configuration.windows.flatMap { w in
            [CommandRequest(RequestID("open-\(w.id)"), .setWindowState(window: w.id, state: .open)),
             CommandRequest(RequestID("signin-\(w.id)"), .signIn(window: w.id, operator: OperatorID("op\(w.id.rawValue)")))]
        }
    }
}
