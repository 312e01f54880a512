import LobbyEscPos

/// Status probes: jobs of `DLE EOT` requests only, which print nothing; our backend polls the
/// printer and sets or clears its state reasons. They keep the health of idle printers true
/// (Decision 0023).
extension PrinterPool {
    /// Probes one printer: resumes its queue first when `resume` is true and the daemon wants it
    /// enabled (bringing a stopped printer back once its fault is cleared), then sends a status
    /// probe job. The backend clears the reasons that recovered, or sets them (and stops the
    /// queue again on paper out or cover open); a printer that does not answer is offline for
    /// the pool until a later probe or job gets an answer. Returns the probe's outcome (nil when
    /// it could not be sent).
    @discardableResult
    public func probe(_ printer: PrinterID, resume: Bool = true) async -> PrintOutcome? {
        guard healthByPrinter[printer]?.desired == .enabled else { return nil }
        busy[printer, default: 0] += 1
        defer { busy[printer, default: 1] -= 1 }
        do {
            if resume { try await port.resume(printer: printer) }
            let bytes = Self.probeJobBytes
            let job = try await port.submit(printer: printer, title: "status probe", bytes: bytes)
            let settled = await settle(printer: printer, job: job, layout: EscPosJobLayout(bytes), pace: PrinterPace(), deadline: policy.probeDeadline)
            await refreshStatus(of: printer)
            switch settled {
            case .printed: return .printed
            case let .notPrinted(outcome): return outcome
            case let .unresolved(reason): return .retryLater(reason: reason)
            }
        } catch {
            update(printer) { $0.lastError = error }
            return nil
        }
    }

    /// Probes the printers that are due: an idle printer that looks fine every
    /// `idleProbeInterval`, one with a fault (offline, paper low or out, cover open, stopped
    /// queue) every `faultProbeInterval`; a stopped queue is resumed first. Printers with a job in
    /// flight, disabled printers and printers on an unreachable CUPS are left alone. The daemon
    /// calls this every few seconds.
    public func pollIdle() async {
        for printer in order {
            guard healthByPrinter[printer]?.desired == .enabled, busy[printer, default: 0] == 0 else { continue }
            await refreshStatus(of: printer)
            guard let health = healthByPrinter[printer], health.lastError == nil else { continue }
            let faulty = health.isQueueStopped || health.isOffline || health.isCoverOpen || health.paper == .out || health.paper == .low
            let interval = faulty ? policy.faultProbeInterval : policy.idleProbeInterval
            if let last = health.lastContactAfter, age - last < interval { continue }
            await probe(printer, resume: health.isQueueStopped)
        }
    }
}
