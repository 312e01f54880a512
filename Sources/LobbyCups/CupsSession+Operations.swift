import CCups
import LobbyPrinting

extension CupsSession {
    /// Create-Job + Send-Document (raw) through the destination API.
    func submit(printer: PrinterID, title: String, bytes: [UInt8]) throws(PrinterPortError) -> PrintJobID {
        let http = try connection()
        guard let destination = cupsGetNamedDest(http, printer.name, nil) else {
            throw lastError(printer, operation: "Get-Printer-Attributes")
        }
        defer { cupsFreeDests(1, destination) }
        guard let info = cupsCopyDestInfo(http, destination) else { throw lastError(printer, operation: "Get-Printer-Attributes") }
        defer { cupsFreeDestInfo(info) }
        var jobNumber: Int32 = 0
        let created = cupsCreateDestJob(http, destination, info, &jobNumber, title, 0, nil)
        guard created.rawValue <= IPP_STATUS_OK_EVENTS_COMPLETE.rawValue, jobNumber > 0 else {
            throw lastError(printer, operation: "Create-Job")
        }
        let job = PrintJobID(jobNumber)
        func abandon(_ operation: String) -> PrinterPortError {
            let error = lastError(printer, operation: operation)
            if let http = try? connection() { _ = cupsCancelDestJob(http, destination, jobNumber) }
            return error
        }
        guard cupsStartDestDocument(http, destination, info, jobNumber, title, CUPS_FORMAT_RAW, 0, nil, 1) == HTTP_STATUS_CONTINUE else {
            throw abandon("Send-Document")
        }
        let written = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cupsWriteRequestData(http, $0.baseAddress, buffer.count) }
        }
        guard written == HTTP_STATUS_CONTINUE else { throw abandon("Send-Document data") }
        let finished = cupsFinishDestDocument(http, destination, info)
        guard finished.rawValue <= IPP_STATUS_OK_EVENTS_COMPLETE.rawValue else { throw abandon("Send-Document finish") }
        return job
    }

    /// Get-Printer-Attributes.
    func printerStatus(printer: PrinterID) throws(PrinterPortError) -> PrinterStatus {
        let request = request(
            IPP_OP_GET_PRINTER_ATTRIBUTES, printer: printer,
            attributes: ["printer-state", "printer-state-reasons", "printer-is-accepting-jobs", "printer-state-message"]
        )
        let response = try send(request, printer: printer, operation: "Get-Printer-Attributes")
        defer { ippDelete(response) }
        let stateValue = Self.integer(response, "printer-state", IPP_TAG_ENUM) ?? 0
        guard let state = PrinterState(rawValue: stateValue) else {
            throw .requestFailed(printer, operation: "Get-Printer-Attributes", status: "bad reply", message: "printer-state \(stateValue) is not 3, 4 or 5")
        }
        return PrinterStatus(
            state: state,
            reasons: Self.strings(response, "printer-state-reasons", IPP_TAG_KEYWORD),
            isAcceptingJobs: Self.boolean(response, "printer-is-accepting-jobs") ?? false,
            message: Self.strings(response, "printer-state-message", IPP_TAG_TEXT).first ?? ""
        )
    }

    /// Get-Job-Attributes.
    func jobStatus(printer: PrinterID, job: PrintJobID) throws(PrinterPortError) -> JobStatus {
        let request = request(
            IPP_OP_GET_JOB_ATTRIBUTES, printer: printer, job: job,
            attributes: ["job-state", "job-state-reasons", "job-printer-state-message", "job-state-message", "job-media-progress"]
        )
        let response: OpaquePointer
        do {
            response = try send(request, printer: printer, operation: "Get-Job-Attributes")
        } catch {
            if case .queueNotFound = error { throw .jobNotFound(printer, job) }
            throw error
        }
        defer { ippDelete(response) }
        let stateValue = Self.integer(response, "job-state", IPP_TAG_ENUM) ?? 0
        guard let state = JobState(rawValue: stateValue) else {
            throw .requestFailed(printer, operation: "Get-Job-Attributes", status: "bad reply", message: "job-state \(stateValue) of \(job) is not 3...9")
        }
        let message = Self.strings(response, "job-printer-state-message", IPP_TAG_TEXT).first
            ?? Self.strings(response, "job-state-message", IPP_TAG_TEXT).first ?? ""
        return JobStatus(job: job, state: state, reasons: Self.strings(response, "job-state-reasons", IPP_TAG_KEYWORD), message: message,
                         progress: Self.integer(response, "job-media-progress", IPP_TAG_INTEGER).map(Int.init))
    }

    /// Cancel-Job, then Get-Job-Attributes (a completed job cannot be cancelled and stays completed).
    func cancel(printer: PrinterID, job: PrintJobID) throws(PrinterPortError) -> JobStatus {
        let request = request(IPP_OP_CANCEL_JOB, printer: printer, job: job)
        do {
            let response = try send(request, printer: printer, operation: "Cancel-Job")
            ippDelete(response)
        } catch {
            // "not possible" means the job already finished: its state says how.
            if case .serverUnreachable = error { throw error }
        }
        return try jobStatus(printer: printer, job: job)
    }

    /// Resume-Printer and CUPS-Accept-Jobs.
    func resume(printer: PrinterID) throws(PrinterPortError) {
        ippDelete(try send(request(IPP_OP_RESUME_PRINTER, printer: printer), printer: printer, operation: "Resume-Printer"))
        ippDelete(try send(request(IPP_OP_CUPS_ACCEPT_JOBS, printer: printer), printer: printer, operation: "CUPS-Accept-Jobs"))
    }
}
