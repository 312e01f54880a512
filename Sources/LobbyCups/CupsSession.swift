import CCups
import LobbyPrinting

/// The libcups state of one `CupsThread`: the server and one HTTP connection to it. Only ever
/// used on that thread.
final class CupsSession {
    let server: CupsServer
    private var http: OpaquePointer?
    /// Per-request HTTP timeout in seconds.
    let requestTimeoutSeconds: Double

    init(server: CupsServer, requestTimeoutSeconds: Double) {
        self.server = server
        self.requestTimeoutSeconds = requestTimeoutSeconds
    }

    deinit { disconnect() }

    /// Sets the calling thread's libcups server (must be the CUPS thread).
    func configureThread() {
        cupsSetServer(server.description)
    }

    func disconnect() {
        if let http { httpClose(http) }
        http = nil
    }

    /// The open connection, connecting first if needed.
    func connection() throws(PrinterPortError) -> OpaquePointer {
        if let http { return http }
        guard let opened = httpConnect2(server.host, server.port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 5000, nil) else {
            throw .serverUnreachable(server: server.description, message: String(cString: cupsLastErrorString()))
        }
        httpSetTimeout(opened, requestTimeoutSeconds, nil, nil)
        http = opened
        return opened
    }

    /// The error libcups recorded for the last request on this thread, naming the queue.
    func lastError(_ printer: PrinterID, operation: String) -> PrinterPortError {
        let status = cupsLastError()
        let message = String(cString: cupsLastErrorString())
        if status == IPP_STATUS_ERROR_NOT_FOUND { return .queueNotFound(printer, server: server.description) }
        if status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL {
            disconnect()
            return .serverUnreachable(server: server.description, message: message)
        }
        return .requestFailed(printer, operation: operation, status: String(cString: ippErrorString(status)), message: message)
    }

    static func printerURI(_ printer: PrinterID) -> String { "ipp://localhost/printers/\(printer.name)" }

    /// A new IPP request addressed to a printer (and optionally a job).
    func request(_ operation: ipp_op_t, printer: PrinterID, job: PrintJobID? = nil, attributes: [String] = []) -> OpaquePointer {
        let request = ippNewRequest(operation)!
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(printer))
        if let job { ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job.value) }
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        if !attributes.isEmpty {
            let copies = attributes.map { UnsafePointer(strdup($0)) }
            defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
            ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", Int32(copies.count), nil, copies)
        }
        return request
    }

    /// Sends a request (consumed) and returns the response; the caller deletes it.
    func send(_ request: OpaquePointer, printer: PrinterID, operation: String) throws(PrinterPortError) -> OpaquePointer {
        let http = try connection()
        guard let response = cupsDoRequest(http, request, "/") else { throw lastError(printer, operation: operation) }
        if ippGetStatusCode(response).rawValue > IPP_STATUS_OK_EVENTS_COMPLETE.rawValue {
            ippDelete(response)
            throw lastError(printer, operation: operation)
        }
        return response
    }

    // MARK: Reading attributes

    static func integer(_ response: OpaquePointer, _ name: String, _ tag: ipp_tag_t) -> Int32? {
        guard let attribute = ippFindAttribute(response, name, tag) else { return nil }
        return ippGetInteger(attribute, 0)
    }

    static func strings(_ response: OpaquePointer, _ name: String, _ tag: ipp_tag_t) -> [String] {
        guard let attribute = ippFindAttribute(response, name, tag) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { index in ippGetString(attribute, index, nil).map { String(cString: $0) } }
    }

    static func boolean(_ response: OpaquePointer, _ name: String) -> Bool? {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_BOOLEAN) else { return nil }
        return ippGetBoolean(attribute, 0) != 0
    }
}
