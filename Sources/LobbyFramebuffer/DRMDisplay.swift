import CFramebuffer
import Glibc

/// The kiosk screen on a DRM/KMS card: a connected connector in its preferred (or configured)
/// mode, XRGB8888 dumb buffers mapped into memory, and frames copied in with their damage.
///
/// With `.double` buffering it draws into the back buffer and page-flips (waiting for the
/// flip event); a driver without page flips falls back to one buffer, which then gets
/// `DIRTYFB` after each copy for drivers that scan out from a shadow. Closing restores the
/// CRTC as it was (the console or the previous mode). A vanished device turns every later
/// call into `DisplayError.deviceGone`; nothing crashes.
public final class DRMDisplay: DisplayOutput {
    /// How many scan-out buffers to use.
    public enum Buffering: Hashable, Sendable {
        /// One buffer, written in place (may tear).
        case single
        /// Two buffers and page flips (falls back to one when the driver cannot flip).
        case double
    }

    /// The card's path.
    public let path: String
    /// The connector, mode and CRTC in use.
    public let choice: DisplayPipeChoice
    /// How the kiosk picture is turned.
    public let rotation: DisplayRotation
    /// The scan-out pixel format.
    public let format: FramebufferFormat = .xrgb8888
    /// The drawing size (the mode turned by the rotation).
    public let size: DisplaySize
    /// Whether frames are page-flipped between two buffers now.
    public private(set) var isDoubleBuffered: Bool
    /// Counters of the presents so far.
    public private(set) var statistics = DisplayStatistics()
    /// The framebuffer the CRTC showed before (restored by `close`; 0: none).
    public var previousFramebuffer: UInt32 { saved?.fb_id ?? 0 }

    private let card: DRMCard
    private var buffers: [DumbBuffer] = []
    private var front = 0
    private var plan: DamagePlan
    private var saved: drm_mode_crtc?
    private var failure: DisplayError?
    private var isClosed = false
    private var flipPending = false
    private var dirtySupported = true

    /// Opens `path` and shows a black screen on the chosen connector (see `DisplayPipeChoice.choose`).
    public init(path: String, connector: String? = nil, mode: DisplayModeRequest? = nil, rotation: DisplayRotation = .none,
                buffering: Buffering = .double) throws(DisplayError) {
        let card = try DRMCard(path: path)
        let choice = try DisplayPipeChoice.choose(card: path, connectors: card.connectors, encoders: card.encoders,
                                                  crtcIDs: card.crtcIDs, connectorName: connector, mode: mode)
        self.card = card
        self.path = path
        self.choice = choice
        self.rotation = rotation
        self.size = rotation.kioskSize(panel: choice.mode.size)
        self.isDoubleBuffered = buffering == .double
        self.plan = DamagePlan(size: size, bufferCount: buffering == .double ? 2 : 1)
        do {
            saved = try card.crtc(choice.crtcID)
            for _ in 0..<(buffering == .double ? 2 : 1) {
                buffers.append(try DumbBuffer(card: card, size: choice.mode.size, format: format))
            }
            try setCRTC(buffers[0].framebufferID)
            front = 0
        } catch {
            release()
            throw error
        }
    }

    deinit { close() }

    /// `drm /dev/dri/card0 Virtual-1 1920x1080@60 rotation 90 double-buffered`.
    public var summary: String {
        "drm \(path) \(choice.connector.name) \(choice.mode) rotation \(rotation) \(isDoubleBuffered ? "double" : "single")-buffered"
    }

    public func present(_ frame: FrameView, damage: DisplayDamage) throws(DisplayError) {
        if isClosed { throw .closed }
        if let failure { throw failure }
        guard frame.size == size else { throw .frameSizeMismatch(expected: size, got: frame.size) }
        do {
            try presentChecked(frame, damage: damage)
        } catch {
            if case .deviceGone = error { failure = error }
            throw error
        }
    }

    private func presentChecked(_ frame: FrameView, damage: DisplayDamage) throws(DisplayError) {
        // An unplugged card answers every ioctl with ENODEV and its buffer mappings are torn
        // down: ask first, so the copy below never touches a revoked mapping.
        var alive: UInt64 = 0
        try card.check(lobby_drm_get_cap(card.fileDescriptor, UInt64(DRM_CAP_DUMB_BUFFER), &alive), "DRM_IOCTL_GET_CAP")
        if flipPending { try waitForFlip(timeout: 1_000) }
        let target = isDoubleBuffered ? 1 - front : front
        let rects = plan.rects(for: target, damage: damage)
        let buffer = buffers[target]
        for rect in rects {
            FramebufferBlit.copy(frame.bytes, sourceStride: frame.stride, kiosk: size, into: buffer.memory,
                                 destinationStride: buffer.pitch, format: format, rotation: rotation, rect: rect)
        }
        statistics.frames += 1
        statistics.pixelsCopied += rects.reduce(0) { $0 + $1.area }
        if isDoubleBuffered {
            let status = lobby_drm_page_flip(card.fileDescriptor, choice.crtcID, buffer.framebufferID, 1)
            if status == 0 {
                statistics.flips += 1
                front = target
                try waitForFlip(timeout: 1_000)
                return
            }
            guard [EINVAL, ENOSYS, EOPNOTSUPP].contains(-status) else {
                try card.check(status, "DRM_IOCTL_MODE_PAGE_FLIP")
                return
            }
            // No page flips on this driver: show the fresh buffer and keep only it.
            try setCRTC(buffer.framebufferID)
            front = target
            isDoubleBuffered = false
            let other = buffers[1 - target]
            other.release(card: card)
            buffers = [buffer]
            front = 0
            plan = DamagePlan(size: size, bufferCount: 1)
            _ = plan.rects(for: 0, damage: .full)
            return
        }
        guard dirtySupported else { return }
        var clips = rects.map { rect -> drm_clip_rect in
            let panel = rotation.panelRect(rect, kiosk: size)
            return drm_clip_rect(x1: UInt16(panel.x), y1: UInt16(panel.y), x2: UInt16(panel.x + panel.width), y2: UInt16(panel.y + panel.height))
        }
        let status = lobby_drm_dirty_fb(card.fileDescriptor, buffer.framebufferID, &clips, UInt32(clips.count))
        if status == 0 {
            statistics.dirtyCalls += 1
        } else if [ENOSYS, EINVAL, EOPNOTSUPP, ENOTTY].contains(-status) {
            dirtySupported = false  // the driver scans out the buffer itself
        } else {
            try card.check(status, "DRM_IOCTL_MODE_DIRTYFB")
        }
    }

    private func waitForFlip(timeout: Int32) throws(DisplayError) {
        let status = lobby_drm_wait_flip(card.fileDescriptor, timeout)
        if status < 0 { try card.check(status, "reading the flip event") }
        flipPending = status == 0
        if status == 0 { statistics.flipTimeouts += 1 }
    }

    private func setCRTC(_ framebuffer: UInt32) throws(DisplayError) {
        var connectorID = choice.connector.id
        var request = drm_mode_crtc()
        request.crtc_id = choice.crtcID
        request.fb_id = framebuffer
        request.count_connectors = 1
        request.mode_valid = 1
        request.mode = card.rawModes[choice.connector.id]![choice.modeIndex]
        let status = withUnsafeMutablePointer(to: &connectorID) { pointer in
            request.set_connectors_ptr = UInt64(UInt(bitPattern: pointer))
            return lobby_drm_set_crtc(card.fileDescriptor, &request)
        }
        try card.check(status, "DRM_IOCTL_MODE_SETCRTC")
    }

    /// Restores the previous CRTC state and frees the buffers; later presents throw `.closed`.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        if failure == nil {
            if flipPending { _ = lobby_drm_wait_flip(card.fileDescriptor, 1_000) }
            restore()
        }
        release()
    }

    private func restore() {
        guard var previous = saved else { return }
        if previous.mode_valid != 0, previous.fb_id != 0 {
            var connectorID = choice.connector.id
            previous.count_connectors = 1
            _ = withUnsafeMutablePointer(to: &connectorID) { pointer in
                previous.set_connectors_ptr = UInt64(UInt(bitPattern: pointer))
                return lobby_drm_set_crtc(card.fileDescriptor, &previous)
            }
        } else {
            // Nothing was shown before: switch the CRTC off rather than leave a dead buffer.
            var off = drm_mode_crtc()
            off.crtc_id = choice.crtcID
            _ = lobby_drm_set_crtc(card.fileDescriptor, &off)
        }
    }

    private func release() {
        for buffer in buffers { buffer.release(card: card) }
        buffers = []
    }

    /// The framebuffer a CRTC scans out now, straight from the kernel (for checks after `close`).
    public static func currentFramebuffer(path: String, crtcID: UInt32) throws(DisplayError) -> UInt32 {
        try DRMCard(path: path).crtc(crtcID).fb_id
    }

    /// The connectors and modes of a card, one line each (for `lobbyctl display list` and troubleshooting).
    public static func describe(path: String) throws(DisplayError) -> [String] {
        let card = try DRMCard(path: path)
        return card.connectors.map { connector in
            "\(connector.summary): " + connector.modes.map { $0.description + ($0.preferred ? "*" : "") }.joined(separator: " ")
        }
    }
}

/// Counters of a display's presents (for benchmarks and tests).
public struct DisplayStatistics: Hashable, Sendable {
    /// Frames presented.
    public var frames = 0
    /// Kiosk pixels copied into scan-out buffers in all.
    public var pixelsCopied = 0
    /// Page flips done.
    public var flips = 0
    /// Flip events that did not arrive within the wait.
    public var flipTimeouts = 0
    /// `DIRTYFB` calls the driver accepted.
    public var dirtyCalls = 0

    /// No presents yet.
    public init() {}
}

/// One dumb buffer: its handle, framebuffer id and mapping.
final class DumbBuffer {
    let handle: UInt32
    let framebufferID: UInt32
    let pitch: Int
    let memory: UnsafeMutableRawBufferPointer
    private var released = false

    init(card: DRMCard, size: DisplaySize, format: FramebufferFormat) throws(DisplayError) {
        var create = drm_mode_create_dumb()
        create.width = UInt32(size.width)
        create.height = UInt32(size.height)
        create.bpp = UInt32(format.bytesPerPixel * 8)
        try card.check(lobby_drm_create_dumb(card.fileDescriptor, &create), "DRM_IOCTL_MODE_CREATE_DUMB")
        let handle = create.handle
        var framebuffer = drm_mode_fb_cmd2()
        framebuffer.width = UInt32(size.width)
        framebuffer.height = UInt32(size.height)
        framebuffer.pixel_format = format.drmFourCC
        framebuffer.handles.0 = handle
        framebuffer.pitches.0 = create.pitch
        var status = lobby_drm_add_fb2(card.fileDescriptor, &framebuffer)
        if status != 0, format == .xrgb8888 {
            // Drivers without ADDFB2: the legacy call with depth 24 / 32 bpp means XRGB8888.
            var legacy = drm_mode_fb_cmd(fb_id: 0, width: UInt32(size.width), height: UInt32(size.height), pitch: create.pitch,
                                         bpp: 32, depth: 24, handle: handle)
            status = lobby_drm_add_fb(card.fileDescriptor, &legacy)
            framebuffer.fb_id = legacy.fb_id
        }
        guard status == 0 else {
            _ = lobby_drm_destroy_dumb(card.fileDescriptor, handle)
            if -status == EINVAL { throw .unsupportedFormat(path: card.path, format: "\(format) scan-out buffers") }
            throw DRMCard.classify(-status, path: card.path, call: "DRM_IOCTL_MODE_ADDFB2")
        }
        var map = drm_mode_map_dumb()
        map.handle = handle
        let mapStatus = lobby_drm_map_dumb(card.fileDescriptor, &map)
        let length = Int(create.size)
        guard mapStatus == 0, let address = lobby_map(card.fileDescriptor, length, map.offset) else {
            let value = mapStatus != 0 ? -mapStatus : errno
            _ = lobby_drm_remove_fb(card.fileDescriptor, framebuffer.fb_id)
            _ = lobby_drm_destroy_dumb(card.fileDescriptor, handle)
            throw DRMCard.classify(value, path: card.path, call: mapStatus != 0 ? "DRM_IOCTL_MODE_MAP_DUMB" : "mmap")
        }
        memset(address, 0, length)
        self.handle = handle
        self.framebufferID = framebuffer.fb_id
        self.pitch = Int(create.pitch)
        self.memory = UnsafeMutableRawBufferPointer(start: address, count: length)
    }

    func release(card: DRMCard) {
        guard !released else { return }
        released = true
        munmap(memory.baseAddress, memory.count)
        _ = lobby_drm_remove_fb(card.fileDescriptor, framebufferID)
        _ = lobby_drm_destroy_dumb(card.fileDescriptor, handle)
    }
}

extension FramebufferFormat {
    /// The DRM fourcc code (`drm_fourcc.h`): little-endian characters, e.g. `XR24`.
    public var drmFourCC: UInt32 {
        let code: String = switch self {
        case .xrgb8888: "XR24"
        case .xbgr8888: "XB24"
        case .rgb565: "RG16"
        }
        return code.utf8.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }
}
