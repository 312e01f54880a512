import Foundation
import LobbyAnnouncement
import Synchronization

/// A sound card simulator: plays at the real speed of its sample rate (or `speed` times faster),
/// records what was played and when, and fails as a card fails (absent, or gone mid-stream).
public final class SimulatedSoundOutput: SoundOutput, @unchecked Sendable {
    /// One played stream.
    public struct Played: Sendable {
        /// The audio.
        public let pcm: PCM
        /// When its first sample was accepted (monotonic nanoseconds).
        public let started: UInt64
        /// When it ended (monotonic nanoseconds).
        public let ended: UInt64
    }

    /// How the simulated card fails.
    public enum Fault: Sendable, Equatable {
        /// It works.
        case none
        /// Opening fails (no such card).
        case absent
        /// The card goes away after this many frames of the next stream.
        case goneAfter(frames: Int)
    }

    /// The device's name.
    public let deviceName: String
    /// 1 plays in real time; larger values play faster.
    public let speed: Double
    private let state = Mutex<(played: [Played], fault: Fault, playing: Bool, overlaps: Int)>(([], .none, false, 0))

    /// A simulated card named `deviceName`.
    public init(deviceName: String = "simulated", speed: Double = 1) {
        self.deviceName = deviceName
        self.speed = speed
    }

    /// Everything played so far, in order.
    public var played: [Played] { state.withLock { $0.played } }
    /// How many times a stream was started while another was playing (must stay 0).
    public var overlaps: Int { state.withLock { $0.overlaps } }

    /// Makes the card fail as `fault` says.
    public func setFault(_ fault: Fault) { state.withLock { $0.fault = fault } }

    /// Succeeds unless the card is absent.
    public func probe() throws(SoundOutputError) {
        if state.withLock({ $0.fault }) == .absent { throw SoundOutputError(device: deviceName, reason: "cannot open: No such device") }
    }

    /// Plays `pcm` at the card's pace in 20 ms periods.
    public func play(_ pcm: PCM, firstSample: @Sendable () -> Void) throws(SoundOutputError) {
        let fault: Fault = state.withLock { s in
            if s.playing { s.overlaps += 1 }
            s.playing = true
            return s.fault
        }
        defer { state.withLock { $0.playing = false } }
        if fault == .absent { throw SoundOutputError(device: deviceName, reason: "cannot open: No such device") }
        let period = max(1, pcm.sampleRate / 50)
        let started = DispatchTime.now().uptimeNanoseconds
        var offset = 0
        while offset < pcm.samples.count {
            if case .goneAfter(let frames) = fault, offset >= frames {
                throw SoundOutputError(device: deviceName, reason: "write failed: No such device")
            }
            offset = min(pcm.samples.count, offset + period)
            if offset <= period { firstSample() }
            // The card consumes a period in its real time.
            let due = started + UInt64(Double(offset) / Double(pcm.sampleRate) / speed * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(UInt32((due - now) / 1_000)) }
        }
        let ended = DispatchTime.now().uptimeNanoseconds
        state.withLock { $0.played.append(Played(pcm: pcm, started: started, ended: ended)) }
    }
}
