/// Collects characters and line ends from an MRZ reader into candidate documents (pure; time is a parameter).
///
/// A document ends when the expected number of lines has arrived, after an idle gap longer
/// than `idleTimeout`, on an empty line, on an explicit end, or at `maximumLineCount` lines.
public struct MRZTextAssembler: Sendable {
    /// Tuning of the assembler.
    public struct Configuration: Sendable, Hashable {
        /// Gap between characters that ends a document.
        public var idleTimeout: Duration
        /// Lines per document; nil infers it from the first line (30 → 3, 36 or 44 → 2).
        public var expectedLineCount: Int?
        /// Characters kept per line; more are dropped and the candidate is marked truncated.
        public var maximumLineLength: Int
        /// Lines after which a document ends regardless.
        public var maximumLineCount: Int

        /// Creates a configuration; defaults suit keyboard wedges and serial readers alike.
        public init(idleTimeout: Duration = .milliseconds(500), expectedLineCount: Int? = nil,
                    maximumLineLength: Int = 128, maximumLineCount: Int = 6) {
            self.idleTimeout = idleTimeout
            self.expectedLineCount = expectedLineCount
            self.maximumLineLength = max(1, maximumLineLength)
            self.maximumLineCount = max(1, maximumLineCount)
        }
    }

    /// The configuration in use.
    public let configuration: Configuration
    private var lines: [String] = []
    private var current = String.UnicodeScalarView()
    private var currentLength = 0
    private var truncated = false
    private var lastInput: InputInstant?

    /// Creates an empty assembler.
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// True when characters or lines are waiting.
    public var hasPendingInput: Bool { !lines.isEmpty || currentLength > 0 }

    /// When `poll` will end the pending document, nil when nothing is pending.
    public var deadline: InputInstant? {
        guard hasPendingInput, let lastInput else { return nil }
        return lastInput.advanced(by: configuration.idleTimeout)
    }

    /// Ends the pending document if the idle timeout has passed at `now`.
    public mutating func poll(now: InputInstant) -> MRZCandidate? {
        guard let deadline, now > deadline else { return nil }
        return finish(.idleTimeout, at: deadline)
    }

    /// Records reader activity that types nothing (a key release, a modifier); it postpones the idle timeout.
    public mutating func noteActivity(at now: InputInstant) -> [MRZCandidate] {
        let out = expire(now)
        lastInput = now
        return out
    }

    /// Adds one character.
    public mutating func append(_ scalar: Unicode.Scalar, at now: InputInstant) -> [MRZCandidate] {
        let out = expire(now)
        lastInput = now
        if currentLength < configuration.maximumLineLength {
            current.append(scalar)
            currentLength += 1
        } else {
            truncated = true
        }
        return out
    }

    /// Removes the last character of the current line (a backspace).
    public mutating func deleteLast(at now: InputInstant) -> [MRZCandidate] {
        let out = expire(now)
        lastInput = now
        if currentLength > 0 {
            current.removeLast()
            currentLength -= 1
        }
        return out
    }

    /// Ends the current line; an empty line after some lines ends the document.
    public mutating func endLine(at now: InputInstant) -> [MRZCandidate] {
        var out = expire(now)
        lastInput = now
        if currentLength == 0 {
            if !lines.isEmpty { out.append(finish(.blankLine, at: now)) }
            return out
        }
        lines.append(String(current))
        current = String.UnicodeScalarView()
        currentLength = 0
        if let expected = expectedLineCount, lines.count >= expected {
            out.append(finish(.expectedLineCount, at: now))
        } else if lines.count >= configuration.maximumLineCount {
            out.append(finish(.lineLimit, at: now))
        }
        return out
    }

    /// Ends the pending document now (ETX/EOT from a serial reader).
    public mutating func endDocument(at now: InputInstant) -> [MRZCandidate] {
        var out = expire(now)
        lastInput = now
        if hasPendingInput { out.append(finish(.endOfTransmission, at: now)) }
        return out
    }

    private var expectedLineCount: Int? {
        if let configured = configuration.expectedLineCount { return configured }
        guard let first = lines.first else { return nil }
        switch first.unicodeScalars.count {
        case MRZFormat.td1.lineLength: return MRZFormat.td1.lineCount
        case MRZFormat.td2.lineLength, MRZFormat.td3.lineLength: return 2
        default: return nil
        }
    }

    private mutating func expire(_ now: InputInstant) -> [MRZCandidate] {
        if let candidate = poll(now: now) { return [candidate] }
        return []
    }

    private mutating func finish(_ completion: MRZCandidate.Completion, at now: InputInstant) -> MRZCandidate {
        if currentLength > 0 { lines.append(String(current)) }
        let candidate = MRZCandidate(
            text: lines.joined(separator: "\n"), lineCount: lines.count, completion: completion,
            completedAt: now, wasTruncated: truncated)
        lines.removeAll()
        current = String.UnicodeScalarView()
        currentLength = 0
        truncated = false
        return candidate
    }
}
