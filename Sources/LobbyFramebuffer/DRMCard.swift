import CFramebuffer
import Glibc

/// An open DRM card node (`/dev/dri/cardN`) and its mode-setting objects: connectors with their
/// modes, encoders, CRTCs. Owns the file descriptor; `DRMDisplay` drives the screen with it.
final class DRMCard {
    /// The node's path.
    let path: String
    /// The open descriptor (`O_RDWR | O_CLOEXEC`).
    let fileDescriptor: Int32
    /// The CRTC ids, in the card's order (bit i of `possible_crtcs` is `crtcIDs[i]`).
    private(set) var crtcIDs: [UInt32] = []
    /// The connectors as the pure choice sees them.
    private(set) var connectors: [ConnectorInfo] = []
    /// The encoders.
    private(set) var encoders: [EncoderInfo] = []
    /// Per connector id, the kernel's mode structures (same order as `ConnectorInfo.modes`).
    private(set) var rawModes: [UInt32: [drm_mode_modeinfo]] = [:]

    /// Opens the node and reads its objects; throws when it is missing, not permitted, or not a KMS card
    /// with dumb buffers.
    init(path: String) throws(DisplayError) {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw DisplayError.from(errno: errno, path: path, call: "open") }
        self.path = path
        self.fileDescriptor = fd
        var dumb: UInt64 = 0
        let capability = lobby_drm_get_cap(fd, UInt64(DRM_CAP_DUMB_BUFFER), &dumb)
        guard capability == 0 else {
            Glibc.close(fd)
            throw Self.classify(-capability, path: path, call: "DRM_IOCTL_GET_CAP")
        }
        guard dumb == 1 else {
            Glibc.close(fd)
            throw .notADisplay(path: path, reason: "the driver offers no dumb buffers")
        }
        do { try reload() } catch {
            Glibc.close(fd)
            throw error
        }
    }

    deinit { Glibc.close(fileDescriptor) }

    /// Reads the resources, connectors (probing them) and encoders again.
    func reload() throws(DisplayError) {
        var resources = drm_mode_card_res()
        var crtcs: [UInt32] = [], connectorIDs: [UInt32] = [], encoderIDs: [UInt32] = []
        for _ in 0..<5 {
            resources = drm_mode_card_res()
            try check(lobby_drm_get_resources(fileDescriptor, &resources), "DRM_IOCTL_MODE_GETRESOURCES")
            crtcs = Array(repeating: 0, count: Int(resources.count_crtcs))
            connectorIDs = Array(repeating: 0, count: Int(resources.count_connectors))
            encoderIDs = Array(repeating: 0, count: Int(resources.count_encoders))
            let counts = (resources.count_crtcs, resources.count_connectors, resources.count_encoders)
            let status = crtcs.withUnsafeMutableBufferPointer { c in
                connectorIDs.withUnsafeMutableBufferPointer { k in
                    encoderIDs.withUnsafeMutableBufferPointer { e in
                        var filled = drm_mode_card_res()
                        filled.count_crtcs = counts.0
                        filled.count_connectors = counts.1
                        filled.count_encoders = counts.2
                        filled.crtc_id_ptr = Self.address(c.baseAddress)
                        filled.connector_id_ptr = Self.address(k.baseAddress)
                        filled.encoder_id_ptr = Self.address(e.baseAddress)
                        let status = lobby_drm_get_resources(fileDescriptor, &filled)
                        resources = filled
                        return status
                    }
                }
            }
            try check(status, "DRM_IOCTL_MODE_GETRESOURCES")
            if (resources.count_crtcs, resources.count_connectors, resources.count_encoders) == counts { break }
        }
        crtcIDs = crtcs
        var connectors: [ConnectorInfo] = []
        var rawModes: [UInt32: [drm_mode_modeinfo]] = [:]
        for id in connectorIDs {
            let (info, modes) = try connector(id)
            connectors.append(info)
            rawModes[id] = modes
        }
        var encoders: [EncoderInfo] = []
        for id in encoderIDs {
            var encoder = drm_mode_get_encoder()
            encoder.encoder_id = id
            try check(lobby_drm_get_encoder(fileDescriptor, &encoder), "DRM_IOCTL_MODE_GETENCODER")
            encoders.append(EncoderInfo(id: id, currentCRTC: encoder.crtc_id, possibleCRTCs: encoder.possible_crtcs))
        }
        self.connectors = connectors
        self.rawModes = rawModes
        self.encoders = encoders
    }

    /// The current state of a CRTC (to restore it later).
    func crtc(_ id: UInt32) throws(DisplayError) -> drm_mode_crtc {
        var crtc = drm_mode_crtc()
        crtc.crtc_id = id
        try check(lobby_drm_get_crtc(fileDescriptor, &crtc), "DRM_IOCTL_MODE_GETCRTC")
        return crtc
    }

    /// Throws the right error for a negative status.
    func check(_ status: Int32, _ call: String) throws(DisplayError) {
        guard status != 0 else { return }
        throw Self.classify(-status, path: path, call: call)
    }

    /// The error for an errno of a DRM call.
    static func classify(_ value: Int32, path: String, call: String) -> DisplayError {
        switch value {
        case EOPNOTSUPP, ENOTTY: .notADisplay(path: path, reason: "\(call) is not supported (a render node, or no mode setting)")
        case EACCES, EPERM: call == "open" ? .permissionDenied(path: path) : .busy(path: path)
        default: DisplayError.from(errno: value, path: path, call: call)
        }
    }

    private func connector(_ id: UInt32) throws(DisplayError) -> (ConnectorInfo, [drm_mode_modeinfo]) {
        for _ in 0..<5 {
            var probe = drm_mode_get_connector()
            probe.connector_id = id
            try check(lobby_drm_get_connector(fileDescriptor, &probe), "DRM_IOCTL_MODE_GETCONNECTOR")
            var modes = Array(repeating: drm_mode_modeinfo(), count: Int(probe.count_modes))
            var encoderIDs = Array(repeating: UInt32(0), count: Int(probe.count_encoders))
            var filled = drm_mode_get_connector()
            filled.connector_id = id
            filled.count_modes = probe.count_modes
            filled.count_encoders = probe.count_encoders
            let status = modes.withUnsafeMutableBufferPointer { m in
                encoderIDs.withUnsafeMutableBufferPointer { e in
                    filled.modes_ptr = Self.address(m.baseAddress)
                    filled.encoders_ptr = Self.address(e.baseAddress)
                    return lobby_drm_get_connector(fileDescriptor, &filled)
                }
            }
            try check(status, "DRM_IOCTL_MODE_GETCONNECTOR")
            // The connector may have changed between the two calls (a hotplug): ask again.
            guard filled.count_modes == probe.count_modes, filled.count_encoders == probe.count_encoders else { continue }
            let connection: ConnectorInfo.Connection = switch filled.connection {
            case 1: .connected
            case 2: .disconnected
            default: .unknown
            }
            let info = ConnectorInfo(
                id: id, name: "\(Self.connectorTypeName(filled.connector_type))-\(filled.connector_type_id)",
                connection: connection, modes: modes.map(Self.mode), encoderIDs: encoderIDs, currentEncoderID: filled.encoder_id)
            return (info, modes)
        }
        throw .systemCall(path: path, call: "DRM_IOCTL_MODE_GETCONNECTOR (connector \(id) keeps changing)", errno: EAGAIN)
    }

    static func mode(_ raw: drm_mode_modeinfo) -> DisplayMode {
        var refresh = Int(raw.vrefresh)
        if refresh == 0, raw.htotal > 0, raw.vtotal > 0 {
            refresh = Int((Double(raw.clock) * 1000 / (Double(raw.htotal) * Double(raw.vtotal))).rounded())
        }
        return DisplayMode(width: Int(raw.hdisplay), height: Int(raw.vdisplay), refresh: refresh, preferred: raw.type & (1 << 3) != 0)
    }

    static func address<T>(_ pointer: UnsafeMutablePointer<T>?) -> UInt64 {
        UInt64(UInt(bitPattern: pointer))
    }

    /// The kernel's connector type names (`drm_connector_enum_list`).
    static func connectorTypeName(_ type: UInt32) -> String {
        let names = ["Unknown", "VGA", "DVI-I", "DVI-D", "DVI-A", "Composite", "SVIDEO", "LVDS", "Component", "DIN", "DP",
                     "HDMI-A", "HDMI-B", "TV", "eDP", "Virtual", "DSI", "DPI", "Writeback", "SPI", "USB"]
        return Int(type) < names.count ? names[Int(type)] : "Type\(type)"
    }
}
