/// What a printer said about itself, merged from real-time status replies (`DLE EOT n`) and
/// Automatic Status Back reports. `nil` means "not reported yet".
public struct PrinterCondition: Equatable, Hashable, Sendable {
    /// Printer is online (n = 1 bit 3 clear; ASB byte 1 bit 3 clear).
    public var isOnline: Bool?
    /// Cash-drawer kick-out connector pin 3 is high (n = 1 bit 2).
    public var drawerPin3High: Bool?
    /// Waiting for online recovery (n = 1 bit 5).
    public var waitingForOnlineRecovery: Bool?
    /// The paper feed button is being pressed (n = 1 bit 6).
    public var feedButtonPressed: Bool?
    /// Cover is open (n = 2 bit 2; ASB byte 1 bit 5).
    public var isCoverOpen: Bool?
    /// Paper is being fed by the feed button (n = 2 bit 3; ASB byte 1 bit 6).
    public var isFeedingByButton: Bool?
    /// Printing stopped because the paper ran out (n = 2 bit 5).
    public var isStoppedByPaperEnd: Bool?
    /// An error occurred (n = 2 bit 6).
    public var hasError: Bool?
    /// Autocutter error (n = 3 bit 3; ASB byte 2 bit 3).
    public var hasAutocutterError: Bool?
    /// Unrecoverable error (n = 3 bit 5; ASB byte 2 bit 5).
    public var hasUnrecoverableError: Bool?
    /// Automatically recoverable error, e.g. head overheated (n = 3 bit 6; ASB byte 2 bit 6).
    public var hasAutoRecoverableError: Bool?
    /// Roll paper near its end (n = 4 bits 2-3; ASB byte 3 bits 0-1).
    public var isPaperNearEnd: Bool?
    /// Roll paper ended (n = 4 bits 5-6; ASB byte 3 bits 2-3).
    public var isPaperEnd: Bool?

    /// Nothing known.
    public init() {}

    /// The paper as far as known.
    public var paper: PaperState {
        if isPaperEnd == true || isStoppedByPaperEnd == true { return .out }
        if isPaperNearEnd == true { return .nearEnd }
        if isPaperEnd == false { return .present }
        return .unknown
    }

    /// True when something known stops printing (offline, cover, paper out, any error).
    public var preventsPrinting: Bool {
        isOnline == false || isCoverOpen == true || paper == .out || hasError == true
            || hasAutocutterError == true || hasUnrecoverableError == true || hasAutoRecoverableError == true
    }

    /// This condition updated with one validated real-time status reply.
    public func applying(_ reply: RealTimeStatusReply) -> PrinterCondition {
        var updated = self
        let byte = reply.byte
        func bit(_ index: UInt8) -> Bool { byte & (1 << index) != 0 }
        switch reply.kind {
        case .printer:
            updated.drawerPin3High = bit(2)
            updated.isOnline = !bit(3)
            updated.waitingForOnlineRecovery = bit(5)
            updated.feedButtonPressed = bit(6)
        case .offlineCause:
            updated.isCoverOpen = bit(2)
            updated.isFeedingByButton = bit(3)
            updated.isStoppedByPaperEnd = bit(5)
            updated.hasError = bit(6)
        case .errorCause:
            updated.hasAutocutterError = bit(3)
            updated.hasUnrecoverableError = bit(5)
            updated.hasAutoRecoverableError = bit(6)
        case .paperSensor:
            // Vendors set one or both bits of each sensor pair; either counts.
            updated.isPaperNearEnd = byte & 0x0C != 0
            updated.isPaperEnd = byte & 0x60 != 0
        }
        return updated
    }

    /// This condition updated with one Automatic Status Back report (which carries all groups).
    public func applying(_ report: AutomaticStatusReport) -> PrinterCondition {
        var updated = self
        let (first, second, third) = (report.bytes.0, report.bytes.1, report.bytes.2)
        updated.drawerPin3High = first & 0x04 != 0
        updated.isOnline = first & 0x08 == 0
        updated.isCoverOpen = first & 0x20 != 0
        updated.isFeedingByButton = first & 0x40 != 0
        updated.hasAutocutterError = second & 0x08 != 0
        updated.hasUnrecoverableError = second & 0x20 != 0
        updated.hasAutoRecoverableError = second & 0x40 != 0
        updated.isPaperNearEnd = third & 0x03 != 0
        updated.isPaperEnd = third & 0x0C != 0
        return updated
    }
}

/// Roll paper state derived from a `PrinterCondition`.
public enum PaperState: Equatable, Hashable, Sendable {
    /// Not reported yet.
    case unknown
    /// Paper present and not near its end.
    case present
    /// Near end: replace soon.
    case nearEnd
    /// Out of paper: printing stopped.
    case out
}
