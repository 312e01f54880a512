import LobbyCard
import LobbyMRZ

/// The lines of `lobbyctl mrz watch`: one text or JSON line per event (pure).
///
/// Personal data is masked unless `reveal` (as `card watch` does, with `MRZDisclosure`): the
/// document number keeps its first two characters, names, dates, sex, nationality and FIN show
/// `***`, errors are named by field only. Noise shows its length only (it may be a piece of
/// an MRZ). `--reveal` prints everything, including the raw lines.
public enum MRZWatchFormat {
    /// The line for an event, without the newline.
    public static func line(_ event: MRZReaderEvent, style: CardOutputStyle) -> String {
        style.json ? JSONLine.render(json(event, reveal: style.reveal)) : text(event, reveal: style.reveal)
    }

    /// The text line.
    public static func text(_ event: MRZReaderEvent, reveal: Bool) -> String {
        let head = "\(event.reader): "
        switch event.kind {
        case .attached(let node):
            return head + "reader attached " + nodeText(node)
        case .detached(let node, let reason):
            return head + "reader detached \(node.path): \(reason)"
        case .missing(let reason):
            return head + "reader missing: \(reason)"
        case .failed(let problem):
            return head + "reader failed: \(problem)"
        case .document(let reading):
            var parts: [String] = []
            for (key, value) in MRZDisclosure.fields(of: reading.document, reveal: reveal) {
                switch (key, value) {
                case ("format", .string(let text)), ("documentCode", .string(let text)), ("issuingState", .string(let text)):
                    parts.append(text)
                case ("format", .null):
                    parts.append("unknown format")
                case ("valid", .bool(let valid)):
                    parts.append(valid ? "valid" : "INVALID")
                case (_, .string(let text)):
                    parts.append("\(key) \(text)")
                case (_, .array(let items)) where !items.isEmpty:
                    parts.append("\(key) " + items.map { if case .string(let text) = $0 { text } else { "?" } }.joined(separator: " | "))
                default:
                    break
                }
            }
            var out = head + "document " + parts.joined(separator: " ")
            out += " (" + completionText(reading.candidate)
            if let latency = reading.latencyMicroseconds { out += ", \(milliseconds(latency)) ms after the last line" }
            if reading.inputWasDropped { out += ", kernel dropped input" }
            out += ")"
            if reveal { out += " lines " + reading.candidate.text.split(separator: "\n").joined(separator: " / ") }
            return out
        case .noise(let noise):
            var out = head + "noise \(noise.characterCount) characters in \(noise.candidate.lineCount) line(s) (\(noise.candidate.completion.rawValue))"
            if reveal { out += " text " + JSONLine.quoted(noise.candidate.text) }
            return out
        }
    }

    /// The JSON object.
    public static func json(_ event: MRZReaderEvent, reveal: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = []
        switch event.kind {
        case .attached(let node):
            members = [("event", .string("attached")), ("reader", .string(event.reader))] + nodeJSON(node)
        case .detached(let node, let reason):
            members = [("event", .string("detached")), ("reader", .string(event.reader)), ("path", .string(node.path)),
                       ("reason", .string(reason))]
        case .missing(let reason):
            members = [("event", .string("missing")), ("reader", .string(event.reader)), ("reason", .string(reason))]
        case .failed(let problem):
            members = [("event", .string("failed")), ("reader", .string(event.reader)), ("problem", .string(problem))]
        case .document(let reading):
            members = [
                ("event", .string("document")), ("reader", .string(event.reader)), ("path", .string(reading.path)),
                ("mrz", .object(MRZDisclosure.fields(of: reading.document, reveal: reveal))),
                ("lineCount", .integer(reading.candidate.lineCount)),
                ("completion", .string(reading.candidate.completion.rawValue)),
                ("truncated", .bool(reading.candidate.wasTruncated)),
                ("inputDropped", .bool(reading.inputWasDropped)),
                ("latencyMicroseconds", reading.latencyMicroseconds.map { .integer(Int($0)) } ?? .null),
            ]
            if reveal { members.append(("lines", .array(reading.candidate.text.split(separator: "\n").map { .string(String($0)) }))) }
        case .noise(let noise):
            members = [
                ("event", .string("noise")), ("reader", .string(event.reader)), ("path", .string(noise.path)),
                ("characters", .integer(noise.characterCount)), ("lineCount", .integer(noise.candidate.lineCount)),
                ("completion", .string(noise.candidate.completion.rawValue)),
            ]
            if reveal { members.append(("text", .string(noise.candidate.text))) }
        }
        return .object(members)
    }

    private static func nodeText(_ node: AttachedReader) -> String {
        var out = node.path
        if !node.deviceName.isEmpty { out += " \"\(node.deviceName)\"" }
        if let id = node.vendorProduct { out += " \(id)" }
        if let baud = node.baud { out += " \(baud) baud" }
        out += node.exclusive ? (node.baud == nil ? " grabbed" : " exclusive") : " shared"
        return out
    }

    private static func nodeJSON(_ node: AttachedReader) -> [(String, JSONValue)] {
        [("path", .string(node.path)), ("name", .string(node.deviceName)), ("vendorProduct", .optional(node.vendorProduct)),
         ("baud", node.baud.map { .integer(Int($0)) } ?? .null), ("exclusive", .bool(node.exclusive))]
    }

    private static func completionText(_ candidate: MRZCandidate) -> String {
        let why: String
        switch candidate.completion {
        case .expectedLineCount: why = "complete"
        case .idleTimeout: why = "ended by timeout"
        case .blankLine: why = "ended by an empty line"
        case .endOfTransmission: why = "ended by ETX/EOT"
        case .lineLimit: why = "cut at the line limit"
        }
        return "\(candidate.lineCount) line\(candidate.lineCount == 1 ? "" : "s"), \(why)" + (candidate.wasTruncated ? ", truncated" : "")
    }

    /// `12.345` without Foundation.
    static func milliseconds(_ microseconds: Int64) -> String {
        let fraction = String(microseconds % 1_000)
        return "\(microseconds / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
