import Foundation
import LobbyPrivacy
import LobbyQueue
import Yams

/// Reads and validates lobbyd's YAML configuration; every error names file, line and field.
public enum ConfigurationLoader {
    /// Reads the file at `path`.
    public static func load(path: String) throws(ConfigFileError) -> DaemonConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigFileError(file: path, line: 0, column: 0, field: "", message: "cannot read the file: \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw YAMLErrorReport.invalidUTF8(data, file: path) }
        return try parse(text, file: path)
    }

    /// Parses configuration text; `file` is used in messages, which never contain the values
    /// of secret fields (API tokens, the person key).
    public static func parse(_ text: String, file: String) throws(ConfigFileError) -> DaemonConfiguration {
        do {
            return try parseUnscrubbed(text, file: file)
        } catch {
            var scrubbed = error
            let secrets = ConfigSecrets.values(in: text)
            scrubbed.message = ConfigSecrets.scrub(error.message, secrets: secrets)
            scrubbed.field = ConfigSecrets.scrub(error.field, secrets: secrets)
            throw scrubbed
        }
    }

    private static func parseUnscrubbed(_ text: String, file: String) throws(ConfigFileError) -> DaemonConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigFileError(file: file, line: 0, column: 0, field: "", message: "the file is empty; expected centre, agencies, services and windows")
            }
            root = node
        } catch let e as ConfigFileError {
            throw e
        } catch let e as YamlError {
            throw YAMLErrorReport.error(e, text: text, file: file)
        } catch {
            throw ConfigFileError(file: file, line: 0, column: 0, field: "", message: "not valid YAML")
        }
        let top = try ConfigNode(node: root, path: "", file: file)
            .mapping(allowed: ["centre", "agencies", "services", "windows", "priorities", "api", "journal", "devices", "privacy"])
        for required in ["centre", "agencies", "services", "windows"] where top[required] == nil {
            throw ConfigFileError(file: file, line: 1, column: 1, field: required, message: "missing; every configuration needs centre, agencies, services and windows")
        }
        var centre = try readCentre(top["centre"]!)
        centre.agencies = try readAgencies(top["agencies"]!)
        centre.priorities = try top["priorities"].map { n throws(ConfigFileError) in try readPriorities(n) } ?? []
        centre.services = try readServices(top["services"]!, agencies: Set(centre.agencies.map(\.id)), centreWindow: centre.checkInWindow)
        centre.windows = try readWindows(top["windows"]!, agencies: Set(centre.agencies.map(\.id)), services: Set(centre.services.map(\.id)))
        let api = try top["api"].map { n throws(ConfigFileError) in try readAPI(n) } ?? APIConfiguration()
        let journal = try top["journal"].map { n throws(ConfigFileError) in try n.string() } ?? "/var/lib/lobby/journal.db"
        var printing: PrintingConfiguration?
        var buses: [BusPortConfiguration] = []
        var kiosk: KioskDeviceConfiguration?
        var audio: AudioDeviceConfiguration?
        if let devices = top["devices"] {
            let d = try devices.mapping(allowed: ["printers", "buses", "kiosk", "audio"])
            if let a = d["audio"] { audio = try readAudio(a) }
            if let k = d["kiosk"] { kiosk = try readKiosk(k) }
            if let p = d["printers"] { printing = try readPrinters(p, api: api) }
            if let b = d["buses"] {
                buses = try readBuses(b, windows: Set(centre.windows.map(\.id)), services: Set(centre.services.map(\.id)))
            }
        }
        let privacy = try top["privacy"].map { n throws(ConfigFileError) in try readPrivacy(n, priorities: Set(centre.priorities.map(\.id))) }
        var configuration = DaemonConfiguration(centre: centre, api: api, journalPath: journal, sourceFile: file, printing: printing,
                                                privacy: privacy, buses: buses, kiosk: kiosk)
        configuration.windowLocations = try readWindowLocations(top["windows"]!)
        configuration.audio = audio
        return configuration
    }

    // MARK: - Sections

    private static func readCentre(_ n: ConfigNode) throws(ConfigFileError) -> CentreConfiguration {
        let m = try n.mapping(allowed: ["name", "timeZone", "hours", "closedDays", "targetWaitMinutes", "recallLimit", "voteWindowSeconds", "retentionDays", "reportRetentionDays",
                                        "numbering", "appointments"])
        guard let nameNode = m["name"] else { throw n.error("missing field 'name' (the centre's name in az/ru/en)") }
        var c = CentreConfiguration(name: try nameNode.localized(), agencies: [], services: [], windows: [])
        if let tz = m["timeZone"] {
            let id = try tz.string()
            guard ServiceCalendar(timeZoneIdentifier: id) != nil else { throw tz.error("unknown IANA time zone '\(id)'; for example Asia/Baku") }
            c.timeZone = id
        }
        if let h = m["hours"] { c.openingHours = try readHours(h) }
        if let d = m["closedDays"] {
            var days = Set<LocalDate>()
            for item in try d.sequence() {
                let text = try item.string()
                let day: LocalDate
                do { day = try LocalDate(validating: text, years: TimestampText.plausibleYears) } catch { throw item.error(error.description) }
                guard days.insert(day).inserted else { throw item.error("\(day) is listed twice") }
            }
            c.closedDays = days
        }
        if let t = m["targetWaitMinutes"] { c.targetWaitSeconds = Int64(try t.int(in: 1...600)) * 60 }
        if let r = m["recallLimit"] { c.recallLimit = try r.int(in: 0...20) }
        if let v = m["voteWindowSeconds"] { c.voteWindowSeconds = Int64(try v.int(in: 10...86_400)) }
        if let r = m["retentionDays"] { c.retentionDays = try r.int(in: 1...3650) }
        if let r = m["reportRetentionDays"] { c.reportRetentionDays = try r.int(in: 1...3650) }
        if let num = m["numbering"] {
            let nm = try num.mapping(allowed: ["first", "last", "wrap"])
            var rule = NumberingRule()
            if let f = nm["first"] { rule.first = try f.int(in: 0...9999) }
            if let l = nm["last"] { rule.last = try l.int(in: 1...9999) }
            if let w = nm["wrap"] { rule.wraps = try w.bool() }
            guard rule.first < rule.last else { throw num.error("'first' (\(rule.first)) must be below 'last' (\(rule.last))") }
            c.numbering = rule
        }
        if let a = m["appointments"] {
            let am = try a.mapping(allowed: ["checkInOpensMinutesBefore", "checkInClosesMinutesAfter"])
            c.checkInWindow = try readCheckInWindow(opens: am["checkInOpensMinutesBefore"], closes: am["checkInClosesMinutesAfter"], default: c.checkInWindow)
        }
        return c
    }

    /// A check-in window from minutes before and after the appointment time (each 0 to 1440);
    /// a side not given keeps `default`'s.
    private static func readCheckInWindow(opens: ConfigNode?, closes: ConfigNode?, default d: CheckInWindow) throws(ConfigFileError) -> CheckInWindow {
        let limit = Int(CheckInWindow.maximumSeconds / 60)
        var w = d
        if let o = opens { w.opensBeforeSeconds = Int64(try o.int(in: 0...limit)) * 60 }
        if let c = closes { w.closesAfterSeconds = Int64(try c.int(in: 0...limit)) * 60 }
        return w
    }

    private static func readHours(_ n: ConfigNode) throws(ConfigFileError) -> [Weekday: [OpeningInterval]] {
        var hours: [Weekday: [OpeningInterval]] = [:]
        for (key, value) in try n.freeMapping() {
            guard let day = Weekday(name: key) else {
                throw value.error("'\(key)' is not a weekday; use monday … sunday")
            }
            let text = try value.string()
            if text.lowercased() == "closed" { continue }
            var intervals: [OpeningInterval] = []
            for part in text.split(separator: ",") {
                let ends = part.trimmingCharacters(in: .whitespaces).split(separator: "-")
                guard ends.count == 2, let open = TimeOfDay(text: String(ends[0])), let close = TimeOfDay(text: String(ends[1])), open < close else {
                    throw value.error("expected opening hours like 09:00-18:00 (several separated by commas) or 'closed', got '\(text)'")
                }
                intervals.append(OpeningInterval(opens: open, closes: close))
            }
            hours[day] = intervals
        }
        return hours
    }

    private static func readAgencies(_ n: ConfigNode) throws(ConfigFileError) -> [AgencyDefinition] {
        var out: [AgencyDefinition] = []
        for item in try n.sequence() {
            let m = try item.mapping(allowed: ["id", "name"])
            let id = try requireID(m, "id", item)
            guard !out.contains(where: { $0.id.rawValue == id }) else { throw m["id"]!.error("agency '\(id)' is defined twice") }
            guard let name = m["name"] else { throw item.error("missing field 'name'") }
            out.append(AgencyDefinition(id: AgencyID(id), name: try name.localized()))
        }
        guard !out.isEmpty else { throw n.error("at least one agency is needed") }
        return out
    }

    private static func readServices(_ n: ConfigNode, agencies: Set<AgencyID>, centreWindow: CheckInWindow) throws(ConfigFileError) -> [ServiceDefinition] {
        var out: [ServiceDefinition] = []
        let allowed = ["id", "agency", "name", "category", "prefix", "dailyCap", "expectedMinutes", "appointmentOnly", "requiresID", "checkIn"]
        for item in try n.sequence() {
            let m = try item.mapping(allowed: allowed)
            let id = try requireID(m, "id", item)
            guard !out.contains(where: { $0.id.rawValue == id }) else { throw m["id"]!.error("service '\(id)' is defined twice") }
            guard let agencyNode = m["agency"] else { throw item.error("missing field 'agency'") }
            let agency = AgencyID(try agencyNode.string())
            guard agencies.contains(agency) else { throw agencyNode.error("unknown agency '\(agency)'; define it under 'agencies'") }
            guard let name = m["name"] else { throw item.error("missing field 'name'") }
            guard let prefixNode = m["prefix"] else { throw item.error("missing field 'prefix' (one or two capital letters)") }
            let prefix = try prefixNode.string()
            guard (1...2).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw prefixNode.error("expected one or two capital letters A-Z, got '\(prefix)'")
            }
            var s = ServiceDefinition(id: ServiceID(id), agency: agency, name: try name.localized(), prefix: prefix)
            if let c = m["category"] { s.categoryPath = try c.sequence().map { x throws(ConfigFileError) in try x.localized() } }
            if let cap = m["dailyCap"] { s.dailyCap = try cap.int(in: 1...100_000) }
            if let e = m["expectedMinutes"] { s.expectedServiceSeconds = Int64(try e.int(in: 1...480)) * 60 }
            if let a = m["appointmentOnly"] { s.appointmentOnly = try a.bool() }
            if let r = m["requiresID"] { s.requiresIDDocument = try r.bool() }
            if let c = m["checkIn"] {
                let cm = try c.mapping(allowed: ["opensMinutesBefore", "closesMinutesAfter"])
                s.checkInWindow = try readCheckInWindow(opens: cm["opensMinutesBefore"], closes: cm["closesMinutesAfter"], default: centreWindow)
            }
            out.append(s)
        }
        guard !out.isEmpty else { throw n.error("at least one service is needed") }
        return out
    }

    private static func readWindows(_ n: ConfigNode, agencies: Set<AgencyID>, services: Set<ServiceID>) throws(ConfigFileError) -> [WindowDefinition] {
        var out: [WindowDefinition] = []
        for item in try n.sequence() {
            let m = try item.mapping(allowed: ["number", "agency", "services", "zone", "floor"])
            guard let numberNode = m["number"] else { throw item.error("missing field 'number'") }
            let number = try numberNode.int(in: 1...9999)
            guard !out.contains(where: { $0.id.rawValue == number }) else { throw numberNode.error("window \(number) is defined twice") }
            guard let agencyNode = m["agency"] else { throw item.error("missing field 'agency'") }
            let agency = AgencyID(try agencyNode.string())
            guard agencies.contains(agency) else { throw agencyNode.error("unknown agency '\(agency)'") }
            guard let svcNode = m["services"] else { throw item.error("missing field 'services' (service: weight)") }
            var weights: [ServiceID: Int] = [:]
            for (key, value) in try svcNode.freeMapping() {
                guard services.contains(ServiceID(key)) else { throw value.error("unknown service '\(key)'") }
                weights[ServiceID(key)] = try value.int(in: 1...100)
            }
            guard !weights.isEmpty else { throw svcNode.error("a window must serve at least one service") }
            out.append(WindowDefinition(id: WindowID(number), agency: agency, services: weights))
        }
        return out
    }

    private static func readPriorities(_ n: ConfigNode) throws(ConfigFileError) -> [PriorityCategory] {
        var out: [PriorityCategory] = []
        for item in try n.sequence() {
            let m = try item.mapping(allowed: ["id", "name", "policy", "maxConsecutive", "boostMinutes", "proof", "kiosk"])
            let id = try requireID(m, "id", item)
            guard let name = m["name"] else { throw item.error("missing field 'name'") }
            guard let policyNode = m["policy"] else { throw item.error("missing field 'policy' (first or boost)") }
            let policy: PriorityPolicy
            switch try policyNode.string() {
            case "first":
                guard m["boostMinutes"] == nil else { throw m["boostMinutes"]!.error("only for policy 'boost'") }
                policy = .first(maxConsecutive: try m["maxConsecutive"]?.int(in: 1...100) ?? 2)
            case "boost":
                guard m["maxConsecutive"] == nil else { throw m["maxConsecutive"]!.error("only for policy 'first'") }
                guard let b = m["boostMinutes"] else { throw item.error("policy 'boost' needs 'boostMinutes'") }
                policy = .boost(seconds: Int64(try b.int(in: 1...600)) * 60)
            case let other:
                throw policyNode.error("expected 'first' or 'boost', got '\(other)'")
            }
            out.append(PriorityCategory(id: PriorityCategoryID(id), name: try name.localized(), policy: policy,
                                        proof: try m["proof"]?.localized(), atKiosk: try m["kiosk"]?.bool() ?? true))
        }
        return out
    }

    private static func readAPI(_ n: ConfigNode) throws(ConfigFileError) -> APIConfiguration {
        let m = try n.mapping(allowed: ["listen", "socket", "allowRemote", "tokens", "maxBodyBytes", "maxConnections",
                                        "headerTimeoutSeconds", "idleTimeoutSeconds", "sessionIdleMinutes", "tls"])
        var api = APIConfiguration()
        if let a = m["allowRemote"] { api.allowRemote = try a.bool() }
        if let l = m["listen"] {
            let text = try l.string()
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
                throw l.error("expected HOST:PORT, for example 127.0.0.1:8080, got '\(text)'")
            }
            let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let loopback = host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
            guard loopback || api.allowRemote else {
                throw l.error("'\(host)' is not a loopback address; set api.allowRemote: true to serve other machines")
            }
            api.host = host
            api.port = port
        }
        if let s = m["socket"] {
            let path = try s.string()
            api.socketPath = path.isEmpty || path == "none" ? nil : path
        }
        if let b = m["maxBodyBytes"] { api.maxBodyBytes = try b.int(in: 1024...10_485_760) }
        if let c = m["maxConnections"] { api.maxConnections = try c.int(in: 16...100_000) }
        if let t = m["headerTimeoutSeconds"] { api.headerTimeoutSeconds = try t.int(in: 1...300) }
        if let t = m["idleTimeoutSeconds"] { api.idleTimeoutSeconds = try t.int(in: 1...3600) }
        if let t = m["sessionIdleMinutes"] { api.sessionIdleMinutes = try t.int(in: 5...720) }
        if let t = m["tls"] {
            // nginx serves the LAN over TLS; lobbyd's plain HTTP stays on loopback (Decision 0052).
            if let a = m["allowRemote"], api.allowRemote {
                throw a.error("with api.tls, nginx serves other machines over TLS and lobbyd's plain HTTP stays on loopback: remove allowRemote")
            }
            api.tls = try readTLS(t)
        }
        if let t = m["tokens"] {
            for item in try t.sequence() {
                let tm = try item.mapping(allowed: ["role", "operator", "token"])
                guard let roleNode = tm["role"] else { throw item.error("missing field 'role'") }
                let roleText = try roleNode.string()
                guard let role = Role(rawValue: roleText), role != .supervisor else {
                    if roleText == "supervisor" {
                        throw roleNode.error("'supervisor' is a person's role: supervisors sign in with accounts (lobbyctl account add), not tokens; expected kiosk, operator, technician, manager or admin")
                    }
                    throw roleNode.error("unknown role \(roleNode.quoted(roleText)); expected kiosk, operator, technician, manager or admin")
                }
                guard let secretNode = tm["token"] else { throw item.error("missing field 'token'") }
                let secret = try secretNode.string()
                guard secret.count >= 16 else { throw secretNode.error("a token must have at least 16 characters") }
                guard !api.tokens.contains(where: { $0.secret == secret }) else { throw secretNode.error("the same token is given twice") }
                var op: OperatorID?
                if role == .operator {
                    guard let o = tm["operator"] else { throw item.error("an operator token needs 'operator' (the operator's login)") }
                    op = OperatorID(try o.string())
                } else if let o = tm["operator"] {
                    throw o.error("only operator tokens name an operator")
                }
                api.tokens.append(APIToken(role: role, operatorID: op, secret: secret))
            }
        }
        return api
    }

    private static func readTLS(_ n: ConfigNode) throws(ConfigFileError) -> TLSConfiguration {
        let m = try n.mapping(allowed: ["listen", "certificate", "key"])
        guard let c = m["certificate"] else { throw n.error("missing field 'certificate' (the server certificate's PEM file, e.g. /etc/lobby/tls/server.crt)") }
        guard let k = m["key"] else { throw n.error("missing field 'key' (the certificate's private key, e.g. /etc/lobby/tls/server.key)") }
        var tls = TLSConfiguration(certificatePath: try c.string(), keyPath: try k.string())
        for (node, path) in [(c, tls.certificatePath), (k, tls.keyPath)] where !path.hasPrefix("/") {
            throw node.error("'\(path)' must be an absolute path (nginx reads it)")
        }
        if let l = m["listen"] {
            let text = try l.string()
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
                throw l.error("expected HOST:PORT, for example 0.0.0.0:443, got '\(text)'")
            }
            tls.host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            tls.port = port
        }
        return tls
    }

    private static func readPrinters(_ n: ConfigNode, api: APIConfiguration) throws(ConfigFileError) -> PrintingConfiguration {
        let m = try n.mapping(allowed: ["cups", "queues", "profile", "template", "statusURL", "ticket", "idleProbeSeconds", "faultProbeSeconds"])
        guard let q = m["queues"] else { throw n.error("missing field 'queues' (CUPS queue names, tried in order)") }
        var printers: [PrinterEntry] = []
        for item in try q.sequence() {
            let entry = try readPrinterEntry(item)
            guard !printers.contains(where: { $0.queue == entry.queue }) else { throw item.error("queue '\(entry.queue)' is listed twice") }
            printers.append(entry)
        }
        guard !printers.isEmpty else { throw q.error("give at least one CUPS queue") }
        let status = try readStatusURL(m["statusURL"], printers: n)
        var printing = PrintingConfiguration(cupsServer: try m["cups"]?.string(), printers: printers, profilePath: try m["profile"]?.string(),
                                             templatePath: try m["template"]?.string(), statusURL: status,
                                             ticket: try m["ticket"].map { t throws(ConfigFileError) in try readTicketExtras(t) } ?? TicketExtras())
        if let idle = m["idleProbeSeconds"] { printing.idleProbeSeconds = try idle.int(in: 1...3600) }
        if let fault = m["faultProbeSeconds"] { printing.faultProbeSeconds = try fault.int(in: 1...3600) }
        return printing
    }

    /// Serial speeds a printer entry may name (the backend's `baud=` values).
    static let printerBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200]

    /// A queue name, or `{queue: NAME, profile: FILE_OR_NAME, baud: 19200}`.
    private static func readPrinterEntry(_ item: ConfigNode) throws(ConfigFileError) -> PrinterEntry {
        if case .scalar = item.node {
            let queue = try item.string()
            guard !queue.isEmpty else { throw item.error("a queue name is empty") }
            return PrinterEntry(queue: queue)
        }
        let e = try item.mapping(allowed: ["queue", "profile", "baud"])
        guard let queueNode = e["queue"] else { throw item.error("missing field 'queue' (the CUPS queue name)") }
        let queue = try queueNode.string()
        guard !queue.isEmpty else { throw queueNode.error("a queue name is empty") }
        var entry = PrinterEntry(queue: queue, profile: try e["profile"]?.string())
        if let baudNode = e["baud"] {
            let baud = try baudNode.int()
            guard printerBaudRates.contains(baud) else {
                throw baudNode.error("baud \(baud) is not one of \(printerBaudRates.map(String.init).joined(separator: ", "))")
            }
            entry.baud = baud
        }
        return entry
    }

    private static func readPrivacy(_ n: ConfigNode, priorities: Set<PriorityCategoryID>) throws(ConfigFileError) -> PrivacyConfiguration {
        let m = try n.mapping(allowed: ["personKey", "agePriority"])
        guard let keyNode = m["personKey"] else { throw n.error("missing field 'personKey' (64 or more hexadecimal digits; see Docs/Privacy.md)") }
        let key = try keyNode.string()
        if let bad = key.firstIndex(where: { !$0.isHexDigit }) {
            throw keyNode.error("expected 64 or more hexadecimal digits (0-9, a-f); character \(key.distance(from: key.startIndex, to: bad) + 1) of \(key.count) is not one")
        }
        guard key.count >= 64, key.count % 2 == 0 else {
            throw keyNode.error("expected an even number of at least 64 hexadecimal digits (32 bytes; openssl rand -hex 32), got \(key.count) digits")
        }
        do { _ = try PersonKeyring(hexKey: key) } catch { throw keyNode.error("the key cannot be used (64 or more hexadecimal digits are needed)") }
        var config = PrivacyConfiguration(personKeyHex: key)
        if let age = m["agePriority"] {
            let a = try age.mapping(allowed: ["minimumAge", "category"])
            guard let min = a["minimumAge"], let cat = a["category"] else { throw age.error("give 'minimumAge' and 'category'") }
            config.agePriorityMinimumAge = try min.int(in: 1...130)
            let category = PriorityCategoryID(try cat.string())
            guard priorities.contains(category) else { throw cat.error("unknown priority category \(cat.quoted(category.rawValue)); define it under 'priorities'") }
            config.agePriorityCategory = category
        }
        return config
    }

    private static func requireID(_ m: [String: ConfigNode], _ key: String, _ item: ConfigNode) throws(ConfigFileError) -> String {
        guard let n = m[key] else { throw item.error("missing field '\(key)'") }
        let id = try n.string()
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw n.error("expected an identifier of letters, digits, '-' and '_', got '\(id)'")
        }
        return id
    }
}
