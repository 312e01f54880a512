/// How the backend reaches the printer.
public enum BackendTransport: Equatable, Sendable {
    /// Raw TCP (port 9100 by default), status read back on the same connection.
    case tcp(host: String, port: UInt16)
    /// A serial port (termios), 8N1, no flow control unless `flow=rtscts`.
    case serial(path: String, baud: Int, hardwareFlowControl: Bool)
    /// A USB printer reached through libusb (bulk OUT for the job, bulk IN for status).
    case usb(USBPrinterAddress)
}

/// A parsed `lobby-escpos:` device URI:
/// - `lobby-escpos://HOST[:PORT][/][?options]` (TCP, port 9100 by default)
/// - `lobby-escpos:/dev/ttyUSB0[?baud=19200&flow=rtscts&options]` (serial)
/// - `lobby-escpos:usb/VVVV:PPPP[?serial=…&port=BUS-PORT&interface=N&options]` (USB, IDs in hex;
///   `lobby-escpos:usb?vid=VVVV&pid=PPPP&…` is the same)
///
/// Options (seconds may have decimals): `timeout` (connect, 10), `status-timeout` (each status
/// reply, 3), `write-timeout` (no write progress, 30), `retry-delay` (pause before exit 6 so
/// cupsd does not spin on an offline printer, 5), `status=none` (printer has no read-back),
/// `speed` (paper speed to plan with in mm/s, 50), `dpi` (203), `drain=none` (do not wait for
/// `GS r 1` after the ticket: for printers that do not answer it).
public struct BackendDeviceURI: Equatable, Sendable {
    /// The URI scheme, which is also the backend's file name in CUPS's backend folder.
    public static let scheme = "lobby-escpos"
    /// Serial speeds the backend sets.
    public static let supportedBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]

    /// Where the printer is.
    public var transport: BackendTransport
    /// Connect (TCP) or open (serial) limit.
    public var connectTimeout: Duration = .seconds(10)
    /// Limit for each status reply.
    public var statusTimeout: Duration = .seconds(3)
    /// Limit without any write progress.
    public var writeTimeout: Duration = .seconds(30)
    /// Pause before exiting with "retry later".
    public var retryDelay: Duration = .seconds(5)
    /// False for write-only printers: no polling, no state reasons.
    public var pollsStatus = true
    /// Paper speed to plan with (mm/s): the slowest the printer prints a dense raster.
    public var printSpeed = PrinterPace.defaultPrintMillimetresPerSecond
    /// Resolution, for turning raster rows into paper length.
    public var dotsPerInch = 203
    /// True: after the ticket, wait until the printer has printed it (`GS r 1`, answered in
    /// order) before reporting it printed.
    public var confirmsEnd = true

    /// The pace the backend plans waits with: the serial wire rate (none for TCP and USB) and
    /// the paper speed.
    public var pace: PrinterPace {
        var link: Double?
        if case let .serial(_, baud, _) = transport { link = PrinterPace.serialBytesPerSecond(baud: baud) }
        return PrinterPace(linkBytesPerSecond: link, printMillimetresPerSecond: printSpeed, dotsPerInch: dotsPerInch)
    }

    /// Parses a device URI; errors name the URI part that is wrong.
    public init(parsing uri: String) throws(BackendURIError) {
        let prefix = Self.scheme + ":"
        guard uri.hasPrefix(prefix) else { throw .init(uri: uri, message: "scheme must be '\(Self.scheme):'") }
        var rest = String(uri.dropFirst(prefix.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        var options: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw .init(uri: uri, message: "option '\(pair)' has no value") }
            options[parts[0]] = parts[1]
        }
        if rest.hasPrefix("///") { rest.removeFirst(2) }
        if rest.hasPrefix("//") {
            var authority = String(rest.dropFirst(2))
            if authority.hasSuffix("/") { authority.removeLast() }
            guard !authority.contains("/") else { throw .init(uri: uri, message: "a TCP URI has no path (use HOST:PORT)") }
            let (host, port) = try Self.hostAndPort(authority, uri: uri)
            transport = .tcp(host: host, port: port)
        } else if rest.hasPrefix("/dev/") {
            let baudText = options.removeValue(forKey: "baud") ?? "19200"
            guard let baud = Int(baudText), Self.supportedBaudRates.contains(baud) else {
                throw .init(uri: uri, message: "baud '\(baudText)' is not one of \(Self.supportedBaudRates.map(String.init).joined(separator: ", "))")
            }
            let flow = options.removeValue(forKey: "flow") ?? "none"
            guard flow == "none" || flow == "rtscts" else { throw .init(uri: uri, message: "flow '\(flow)' must be none or rtscts") }
            transport = .serial(path: rest, baud: baud, hardwareFlowControl: flow == "rtscts")
        } else if rest == "usb" || rest.hasPrefix("usb/") {
            transport = .usb(try Self.usbAddress(path: rest, options: &options, uri: uri))
        } else {
            throw .init(uri: uri, message: "expected //HOST:PORT, /dev/PATH or usb/VID:PID after '\(prefix)'")
        }
        for (key, value) in options {
            switch key {
            case "timeout": connectTimeout = try Self.seconds(value, key: key, uri: uri)
            case "status-timeout": statusTimeout = try Self.seconds(value, key: key, uri: uri)
            case "write-timeout": writeTimeout = try Self.seconds(value, key: key, uri: uri)
            case "retry-delay": retryDelay = try Self.seconds(value, key: key, uri: uri, allowZero: true)
            case "status":
                guard value == "none" || value == "realtime" else { throw .init(uri: uri, message: "status '\(value)' must be none or realtime") }
                pollsStatus = value == "realtime"
            case "speed":
                guard let speed = Int(value), (10...1000).contains(speed) else {
                    throw .init(uri: uri, message: "speed '\(value)' must be the paper speed in mm/s, 10...1000")
                }
                printSpeed = Double(speed)
            case "dpi":
                guard let dpi = Int(value), [180, 203, 300].contains(dpi) else { throw .init(uri: uri, message: "dpi '\(value)' must be 180, 203 or 300") }
                dotsPerInch = dpi
            case "drain":
                guard value == "gsr" || value == "none" else { throw .init(uri: uri, message: "drain '\(value)' must be gsr or none") }
                confirmsEnd = value == "gsr"
            default: throw .init(uri: uri, message: "unknown option '\(key)'")
            }
        }
    }

    private static func usbAddress(path: String, options: inout [String: String], uri: String) throws(BackendURIError) -> USBPrinterAddress {
        var vendorText: String
        var productText: String
        if path == "usb" {
            guard let vendor = options.removeValue(forKey: "vid"), let product = options.removeValue(forKey: "pid") else {
                throw .init(uri: uri, message: "a USB URI needs usb/VID:PID (or vid= and pid= options)")
            }
            (vendorText, productText) = (vendor, product)
        } else {
            let ids = path.dropFirst(4).split(separator: ":", omittingEmptySubsequences: false)
            guard ids.count == 2 else { throw .init(uri: uri, message: "expected usb/VID:PID (four hex digits each), not '\(path)'") }
            (vendorText, productText) = (String(ids[0]), String(ids[1]))
        }
        func id(_ text: String, _ name: String) throws(BackendURIError) -> UInt16 {
            guard text.count == 4, text.allSatisfy(\.isHexDigit), let value = UInt16(text, radix: 16) else {
                throw .init(uri: uri, message: "USB \(name) '\(text)' must be four hex digits")
            }
            return value
        }
        var address = USBPrinterAddress(vendorID: try id(vendorText, "vendor ID"), productID: try id(productText, "product ID"))
        if let serial = options.removeValue(forKey: "serial") {
            guard let decoded = USBPrinterAddress.percentDecoded(serial), !decoded.isEmpty else {
                throw .init(uri: uri, message: "serial '\(serial)' has a bad %-escape")
            }
            address.serialNumber = decoded
        }
        if let port = options.removeValue(forKey: "port") {
            guard USBPrinterAddress.isValidPortPath(port) else {
                throw .init(uri: uri, message: "port '\(port)' must be BUS-PORT[.PORT...] as in sysfs, e.g. 1-1.2")
            }
            address.portPath = port
        }
        if let interface = options.removeValue(forKey: "interface") {
            guard let number = UInt8(interface), number < 32 else {
                throw .init(uri: uri, message: "interface '\(interface)' must be a number 0...31")
            }
            address.interfaceNumber = number
        }
        return address
    }

    private static func hostAndPort(_ authority: String, uri: String) throws(BackendURIError) -> (String, UInt16) {
        var host = authority
        var portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .init(uri: uri, message: "unclosed '[' in IPv6 host") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty {
                throw .init(uri: uri, message: "unexpected '\(after)' after IPv6 host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        }
        guard !host.isEmpty else { throw .init(uri: uri, message: "host is empty") }
        guard let portText else { return (host, 9100) }
        guard let port = UInt16(portText), port > 0 else { throw .init(uri: uri, message: "port '\(portText)' is not 1...65535") }
        return (host, port)
    }

    private static func seconds(_ text: String, key: String, uri: String, allowZero: Bool = false) throws(BackendURIError) -> Duration {
        guard let value = Double(text), value.isFinite, value >= 0, value <= 86_400, allowZero || value > 0 else {
            throw .init(uri: uri, message: "option '\(key)' must be a number of seconds\(allowZero ? "" : " above 0"), not '\(text)'")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }
}

/// A device URI the backend cannot use.
public struct BackendURIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URI as given.
    public var uri: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(uri: String, message: String) {
        self.uri = uri
        self.message = message
    }

    /// `device URI 'lobby-escpos:…': …`.
    public var description: String { "device URI '\(uri)': \(message)" }
}
