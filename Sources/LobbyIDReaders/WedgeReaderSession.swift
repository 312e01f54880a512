import LobbyEvdev
import LobbyMRZ
import LobbyTouch

/// One open, grabbed input node of a keyboard-wedge reader and its assembler. Owned by one thread.
///
/// Key events go through `KeyboardWedgeAssembler` (fixed US layout by keycode: the system's
/// keymap is never consulted). After `SYN_DROPPED` only the Shift state is taken from libevdev's
/// sync events (a synthesised key press must never type a character); the lost characters make
/// the document fail its check digits, and the reading says input was dropped.
final class WedgeReaderSession {
    /// The device.
    let device: EvdevDevice
    /// What the monitor reports about it.
    let attached: AttachedReader
    private var assembler: KeyboardWedgeAssembler
    private var dropped = false

    /// Opens and grabs `path`; the grab comes before any read, so no keystroke of the reader
    /// reaches another reader of the node (a console, a desktop) from then on.
    init(path: String, configuration: MRZReaderConfiguration) throws(EvdevError) {
        let device = try EvdevDevice(path: path)
        try device.grab()
        self.device = device
        assembler = KeyboardWedgeAssembler(configuration: configuration.assembly)
        attached = AttachedReader(path: path, deviceName: device.description.name,
                                  vendorProduct: device.description.identity.vendorProduct.description, exclusive: device.isGrabbed)
    }

    /// Now on the clock the device stamps its events with.
    var now: InputInstant { ReaderClock.now(monotonic: device.usesMonotonicClock) }

    /// When `expire(at:)` has a document to end, nil when nothing is pending.
    var deadline: InputInstant? { assembler.deadline }

    /// Reads everything available; the completed candidates (with whether input was dropped).
    func read() -> (candidates: [(MRZCandidate, Bool)], end: EvdevDevice.ReadEnd) {
        var out: [(MRZCandidate, Bool)] = []
        let end = device.readAvailable { reading in
            switch reading {
            case .event(let event):
                out += handle(event)
            case .resynchronised(_, let syncEvents):
                dropped = true
                for event in syncEvents where event.type == .key
                    && (event.code == USKeyboardLayout.Keycode.leftShift || event.code == USKeyboardLayout.Keycode.rightShift) {
                    out += handle(event)
                }
            }
        }
        return (out, end)
    }

    /// Ends a pending document whose idle timeout passed.
    func expire(at now: InputInstant) -> (MRZCandidate, Bool)? {
        guard let candidate = assembler.poll(now: now) else { return nil }
        return take(candidate)
    }

    /// Ends whatever is pending (the node went away).
    func finish() -> (MRZCandidate, Bool)? {
        expire(at: InputInstant(microseconds: .max))
    }

    private func handle(_ event: InputEvent) -> [(MRZCandidate, Bool)] {
        guard event.type == .key,
              let key = KeyEvent(code: event.code, value: event.value, time: InputInstant(microseconds: event.time.microseconds))
        else { return [] }
        return assembler.handle(key).map(take)
    }

    private func take(_ candidate: MRZCandidate) -> (MRZCandidate, Bool) {
        let wasDropped = dropped
        dropped = false
        return (candidate, wasDropped)
    }
}
