/// Turns a keyboard-wedge MRZ reader's key events into candidate MRZ documents (pure; time comes with the events).
///
/// Characters are typed on key press with the fixed `USKeyboardLayout`; Enter ends a line;
/// every key event (also releases and modifiers) counts as activity for the idle timeout;
/// Backspace deletes; autorepeat is ignored (a reader never holds a key, so a repeat is a stuck key
/// and check digits would catch a lost character anyway).
public struct KeyboardWedgeAssembler: Sendable {
    private var text: MRZTextAssembler
    private var leftShiftDown = false
    private var rightShiftDown = false

    /// Creates an assembler.
    public init(configuration: MRZTextAssembler.Configuration = MRZTextAssembler.Configuration()) {
        text = MRZTextAssembler(configuration: configuration)
    }

    /// When `poll` will end the pending document, nil when nothing is pending.
    public var deadline: InputInstant? { text.deadline }

    /// True when characters are waiting.
    public var hasPendingInput: Bool { text.hasPendingInput }

    /// Handles one key event; returns the documents it completed (at most two: one by timeout, one by line count).
    public mutating func handle(_ event: KeyEvent) -> [MRZCandidate] {
        switch event.code {
        case USKeyboardLayout.Keycode.leftShift:
            if event.action != .autorepeat { leftShiftDown = event.action == .press }
            return text.noteActivity(at: event.time)
        case USKeyboardLayout.Keycode.rightShift:
            if event.action != .autorepeat { rightShiftDown = event.action == .press }
            return text.noteActivity(at: event.time)
        default:
            break
        }
        guard event.action == .press else { return text.noteActivity(at: event.time) }
        switch event.code {
        case USKeyboardLayout.Keycode.enter, USKeyboardLayout.Keycode.keypadEnter:
            return text.endLine(at: event.time)
        case USKeyboardLayout.Keycode.backspace:
            return text.deleteLast(at: event.time)
        default:
            guard let scalar = USKeyboardLayout.character(for: event.code, shifted: leftShiftDown || rightShiftDown) else {
                return text.noteActivity(at: event.time)
            }
            return text.append(scalar, at: event.time)
        }
    }

    /// Ends the pending document if the idle timeout has passed at `now`.
    public mutating func poll(now: InputInstant) -> MRZCandidate? { text.poll(now: now) }
}
