/// What a DRM card reports about one connector (read by `DRMDisplay`, chosen from here).
public struct ConnectorInfo: Hashable, Sendable {
    /// Whether something is plugged in.
    public enum Connection: Hashable, Sendable {
        /// A panel is attached.
        case connected
        /// Nothing is attached.
        case disconnected
        /// The driver cannot tell (treated as connected when nothing is surely connected).
        case unknown
    }

    /// The connector's object id.
    public var id: UInt32
    /// Its name, e.g. `HDMI-A-1`, `eDP-1`, `Virtual-1`.
    public var name: String
    /// Its state.
    public var connection: Connection
    /// The modes it offers, in the driver's order.
    public var modes: [DisplayMode]
    /// The encoders that can feed it.
    public var encoderIDs: [UInt32]
    /// The encoder feeding it now (0: none).
    public var currentEncoderID: UInt32

    /// A connector from its parts.
    public init(id: UInt32, name: String, connection: Connection, modes: [DisplayMode], encoderIDs: [UInt32], currentEncoderID: UInt32 = 0) {
        self.id = id
        self.name = name
        self.connection = connection
        self.modes = modes
        self.encoderIDs = encoderIDs
        self.currentEncoderID = currentEncoderID
    }

    /// `HDMI-A-1 (connected, 3 modes)`.
    public var summary: String {
        "\(name) (\(connection == .connected ? "connected" : connection == .disconnected ? "disconnected" : "unknown"), \(modes.count) modes)"
    }
}

/// What a DRM card reports about one encoder.
public struct EncoderInfo: Hashable, Sendable {
    /// The encoder's object id.
    public var id: UInt32
    /// The CRTC it is bound to now (0: none).
    public var currentCRTC: UInt32
    /// Bit i set: the card's i-th CRTC can drive it.
    public var possibleCRTCs: UInt32

    /// An encoder from its parts.
    public init(id: UInt32, currentCRTC: UInt32, possibleCRTCs: UInt32) {
        self.id = id
        self.currentCRTC = currentCRTC
        self.possibleCRTCs = possibleCRTCs
    }
}

/// The connector, mode and CRTC to drive: picked from what the card reports (pure).
public struct DisplayPipeChoice: Hashable, Sendable {
    /// The connector.
    public var connector: ConnectorInfo
    /// Index of the chosen mode in `connector.modes`.
    public var modeIndex: Int
    /// The CRTC's object id.
    public var crtcID: UInt32

    /// The chosen mode.
    public var mode: DisplayMode { connector.modes[modeIndex] }

    /// Picks: the named connector (or the first connected one, else the first in unknown state
    /// that has modes); the requested mode (or the preferred one, else the first); the CRTC
    /// already driving the connector's encoder, else the first free CRTC any of its encoders can use.
    public static func choose(card path: String, connectors: [ConnectorInfo], encoders: [EncoderInfo], crtcIDs: [UInt32],
                              connectorName: String? = nil, mode request: DisplayModeRequest? = nil) throws(DisplayError) -> DisplayPipeChoice {
        let names = connectors.map(\.summary)
        let connector: ConnectorInfo
        if let connectorName {
            guard let named = connectors.first(where: { $0.name == connectorName }) else {
                throw .connectorNotFound(path: path, name: connectorName, connectors: names)
            }
            guard named.connection != .disconnected, !named.modes.isEmpty else { throw .noConnectedConnector(path: path, connectors: names) }
            connector = named
        } else if let connected = connectors.first(where: { $0.connection == .connected && !$0.modes.isEmpty })
                    ?? connectors.first(where: { $0.connection == .unknown && !$0.modes.isEmpty }) {
            connector = connected
        } else {
            throw .noConnectedConnector(path: path, connectors: names)
        }
        let modeIndex: Int
        if let request {
            let candidates = connector.modes.indices.filter { request.matches(connector.modes[$0]) }
            guard let best = candidates.max(by: { connector.modes[$0].refresh < connector.modes[$1].refresh }) else {
                throw .modeNotFound(path: path, connector: connector.name, requested: request.description,
                                    available: Array(Set(connector.modes.map(\.description))).sorted())
            }
            modeIndex = best
        } else {
            modeIndex = connector.modes.firstIndex(where: \.preferred) ?? 0
        }
        let byID = Dictionary(encoders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let current = byID[connector.currentEncoderID], current.currentCRTC != 0, crtcIDs.contains(current.currentCRTC) {
            return DisplayPipeChoice(connector: connector, modeIndex: modeIndex, crtcID: current.currentCRTC)
        }
        let busy = Set(encoders.filter { $0.id != connector.currentEncoderID && !connector.encoderIDs.contains($0.id) }.map(\.currentCRTC))
        for encoderID in connector.encoderIDs {
            guard let encoder = byID[encoderID] else { continue }
            for (index, crtc) in crtcIDs.enumerated() where index < 32 && encoder.possibleCRTCs & (1 << UInt32(index)) != 0 && !busy.contains(crtc) {
                return DisplayPipeChoice(connector: connector, modeIndex: modeIndex, crtcID: crtc)
            }
        }
        throw .noCRTC(path: path, connector: connector.name)
    }
}
