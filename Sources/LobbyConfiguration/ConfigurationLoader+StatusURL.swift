/// The address printed in tickets' QR codes (`devices.printers.statusURL`): it must be one that
/// citizens' phones reach, and it must carry the ticket's unguessable token (Decision 0025).
extension ConfigurationLoader {
    /// An example of a good value, for error messages.
    static let statusURLExample = "https://queue.example.az/t/{token}"

    /// Validates `statusURL`; `printers` is the section, for the error when the field is missing.
    static func readStatusURL(_ node: ConfigNode?, printers: ConfigNode) throws(ConfigFileError) -> String {
        guard let node else {
            let e = printers.error("")
            throw ConfigFileError(file: e.file, line: e.line, column: e.column, field: printers.path + ".statusURL",
                                  message: "missing; the QR code on printed tickets must open an address citizens' phones reach, for example \(statusURLExample)")
        }
        let url = try node.string()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw node.error("expected an http:// or https:// address, got '\(url)'")
        }
        if url.contains("{id}") {
            throw node.error("'{id}' makes every ticket's page guessable (ids are sequential); use '{token}', for example \(statusURLExample)")
        }
        guard url.components(separatedBy: "{token}").count == 2 else {
            throw node.error("must contain '{token}' once (the ticket's unguessable token), for example \(statusURLExample)")
        }
        let host = statusURLHost(url)
        guard !host.isEmpty else { throw node.error("'\(url)' names no host") }
        if isLoopbackOrUnspecified(host) {
            throw node.error("'\(host)' is this machine's own address: a citizen's phone cannot open it; give the public address of the ticket page, for example \(statusURLExample)")
        }
        return url
    }

    /// The host of an http(s) address, lowercased, without brackets or port.
    static func statusURLHost(_ url: String) -> String {
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) ?? ""
        let authority = afterScheme.split(separator: "@").last.map(String.init) ?? ""
        if authority.hasPrefix("[") {
            return String(authority.dropFirst().prefix { $0 != "]" }).lowercased()
        }
        return String(authority.prefix { $0 != ":" && $0 != "?" && $0 != "#" }).lowercased()
    }

    /// True for names and addresses that mean "this machine" or "any address".
    static func isLoopbackOrUnspecified(_ host: String) -> Bool {
        let h = host.hasSuffix(".") ? String(host.dropLast()) : host
        if h == "localhost" || h.hasSuffix(".localhost") || h == "ip6-localhost" || h == "ip6-loopback" { return true }
        if h == "::1" || h == "::" || h == "0:0:0:0:0:0:0:1" || h == "0.0.0.0" || h == "0" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }), octets.first == "127" { return true }
        if h.hasPrefix("::ffff:127.") { return true }
        return false
    }
}
