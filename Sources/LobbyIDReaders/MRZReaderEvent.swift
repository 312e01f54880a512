import LobbyMRZ

/// What the reader monitor reports: readers coming and going (health), documents, noise.
public struct MRZReaderEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// A reader node was opened (and, for a wedge, grabbed).
        case attached(AttachedReader)
        /// An open reader node went away (unplugged) or failed while reading.
        case detached(AttachedReader, reason: String)
        /// No reader is there (at start, or after it failed); the reason says what was looked for.
        case missing(reason: String)
        /// A reader is there but cannot be used (permissions, grabbed by another process, bad baud).
        case failed(problem: String)
        /// A document was read: the parsed MRZ, valid or with its errors.
        case document(MRZReading)
        /// Input that is not an MRZ (a stray key, a barcode, line noise).
        case noise(MRZNoise)
    }

    /// The configured reader's name.
    public var reader: String
    /// What happened.
    public var kind: Kind

    /// An event.
    public init(reader: String, kind: Kind) {
        self.reader = reader
        self.kind = kind
    }

    /// The reader's health after this event, nil for events that do not change it.
    public var health: MRZReaderHealth? {
        switch kind {
        case .attached: .present
        case .detached(_, let reason), .missing(let reason): .absent(reason: reason)
        case .failed(let problem): .failed(problem: problem)
        case .document, .noise: nil
        }
    }
}

/// Whether a reader can be used: the state the daemon shows on its status page.
public enum MRZReaderHealth: Sendable, Hashable, CustomStringConvertible {
    /// At least one node of the reader is open.
    case present
    /// The reader is not connected.
    case absent(reason: String)
    /// The reader is there but cannot be used.
    case failed(problem: String)

    /// `present`, `absent: …`, `failed: …`.
    public var description: String {
        switch self {
        case .present: "present"
        case .absent(let reason): "absent: \(reason)"
        case .failed(let problem): "failed: \(problem)"
        }
    }
}

/// An open reader node.
public struct AttachedReader: Sendable, Hashable {
    /// The node (`/dev/input/event5`, `/dev/ttyACM0`).
    public var path: String
    /// The kernel's device name (wedge), empty for a serial port.
    public var deviceName: String
    /// `vvvv:pppp` for a wedge, nil for a serial port.
    public var vendorProduct: String?
    /// Whether this process holds the node exclusively (EVIOCGRAB, or TIOCEXCL and flock).
    public var exclusive: Bool
    /// The baud rate of a serial reader.
    public var baud: UInt32?

    /// A description of an open node.
    public init(path: String, deviceName: String = "", vendorProduct: String? = nil, exclusive: Bool, baud: UInt32? = nil) {
        self.path = path
        self.deviceName = deviceName
        self.vendorProduct = vendorProduct
        self.exclusive = exclusive
        self.baud = baud
    }
}

/// A document read by a reader.
public struct MRZReading: Sendable, Hashable {
    /// The node it came from.
    public var path: String
    /// The assembled characters, why they ended, and when.
    public var candidate: MRZCandidate
    /// The parsed zone (`isValid`, fields, errors).
    public var document: MRZDocument
    /// Microseconds from the end of the document (its last line end, or the idle deadline) to
    /// the event; nil when the reader's clock is not the monotonic one.
    public var latencyMicroseconds: Int64?
    /// Whether the kernel dropped events while this document was typed (SYN_DROPPED).
    public var inputWasDropped: Bool

    /// A reading.
    public init(path: String, candidate: MRZCandidate, document: MRZDocument, latencyMicroseconds: Int64?, inputWasDropped: Bool = false) {
        self.path = path
        self.candidate = candidate
        self.document = document
        self.latencyMicroseconds = latencyMicroseconds
        self.inputWasDropped = inputWasDropped
    }
}

/// Input that did not look like an MRZ.
public struct MRZNoise: Sendable, Hashable {
    /// The node it came from.
    public var path: String
    /// What arrived (personal data may hide in it: shown only on `--reveal`).
    public var candidate: MRZCandidate

    /// A noise report.
    public init(path: String, candidate: MRZCandidate) {
        self.path = path
        self.candidate = candidate
    }

    /// The number of characters (without line ends).
    public var characterCount: Int { candidate.text.unicodeScalars.filter { $0 != "\n" }.count }
}
