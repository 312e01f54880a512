/// Command-line options of `lobby-card-probe`.
struct ProbeOptions {
    /// `list` or `watch`.
    var command = "watch"
    /// JSON lines.
    var json = false
    /// Unmasked MRZ fields.
    var reveal = false
    /// Marker lines for the lab (`LOBBY-PROBE …`).
    var lab = false
    /// Exit after the first reader removal.
    var untilReaderRemoved = false
    /// Exit after this many identifications (0: never).
    var identifications = 0
    /// Overall time limit in seconds (0: none).
    var seconds = 0.0
    /// Response limit for card commands, milliseconds.
    var cardTimeout = 5_000
    /// MRZ text (as a kiosk's MRZ reader delivers it) whose BAC keys are offered to every card read.
    var bacMRZ: String?

    /// Parses `argv` without the program name; nil and a message on a usage error.
    static func parse(_ arguments: [String]) -> (ProbeOptions?, String?) {
        var options = ProbeOptions()
        var index = 0
        if let first = arguments.first, !first.hasPrefix("--") {
            options.command = first
            index = 1
        }
        guard ["list", "watch"].contains(options.command) else { return (nil, "unknown command \(options.command)") }
        while index < arguments.count {
            let word = arguments[index]
            func value() -> String? {
                index += 1
                return index < arguments.count ? arguments[index] : nil
            }
            switch word {
            case "--json": options.json = true
            case "--reveal": options.reveal = true
            case "--lab": options.lab = true
            case "--until-reader-removed": options.untilReaderRemoved = true
            case "--identifications":
                guard let text = value(), let number = Int(text), number >= 0 else { return (nil, "--identifications needs a count") }
                options.identifications = number
            case "--seconds":
                guard let text = value(), let number = Double(text), number >= 0 else { return (nil, "--seconds needs a number") }
                options.seconds = number
            case "--card-timeout-ms":
                guard let text = value(), let number = Int(text), number > 0 else { return (nil, "--card-timeout-ms needs milliseconds") }
                options.cardTimeout = number
            case "--bac-mrz":
                guard let text = value(), !text.isEmpty else { return (nil, "--bac-mrz needs the MRZ text") }
                options.bacMRZ = text
            default:
                return (nil, "unknown option \(word)")
            }
            index += 1
        }
        return (options, nil)
    }

    /// The usage text.
    static let usage = """
        usage: lobby-card-probe list [--json]
               lobby-card-probe watch [--json] [--reveal] [--lab] [--until-reader-removed]
                                      [--identifications N] [--seconds S] [--card-timeout-ms MS]
                                      [--bac-mrz MRZ]
        list   the CCID readers and their slots (what `lobbyctl card list` prints)
        watch  reader and card events, reading each inserted card (what `lobbyctl card watch` prints);
               personal MRZ fields are masked unless --reveal; --lab adds LOBBY-PROBE marker lines;
               --bac-mrz gives the MRZ read at the kiosk (lines joined): DG1 is read under BAC with its keys
        """
}
