import CFramebuffer
import Glibc

/// The kiosk screen on a legacy framebuffer device (`/dev/fbN`): the fallback when no DRM card
/// can be driven (old drivers, `efifb`/`simplefb`, or a DRM driver's fbdev emulation).
///
/// Reads the visible mode (`FBIOGET_VSCREENINFO`) and layout (`FBIOGET_FSCREENINFO`: line
/// length, memory size), maps the memory and copies damaged rectangles into it, one buffer.
/// Optionally switches the virtual terminal to graphics mode (`KDSETMODE KD_GRAPHICS` on
/// `/dev/tty0`) so the console's cursor and messages stay off the picture; closing switches it back.
public final class FbdevDisplay: DisplayOutput {
    /// The device's path.
    public let path: String
    /// How the kiosk picture is turned.
    public let rotation: DisplayRotation
    /// The device's pixel format.
    public let format: FramebufferFormat
    /// The visible resolution of the device.
    public let panel: DisplaySize
    /// The drawing size.
    public let size: DisplaySize
    /// Counters of the presents so far.
    public private(set) var statistics = DisplayStatistics()

    private let fd: Int32
    private let mapping: UnsafeMutableRawBufferPointer
    private let visible: UnsafeMutableRawBufferPointer
    private let lineLength: Int
    private var plan: DamagePlan
    private var console: (fd: Int32, mode: Int32)?
    private var failure: DisplayError?
    private var isClosed = false

    /// Opens `path`; with `graphicsConsole` (and access to `/dev/tty0`) the console is hidden.
    public init(path: String, rotation: DisplayRotation = .none, graphicsConsole: Bool = true,
                consolePath: String = "/dev/tty0") throws(DisplayError) {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw DisplayError.from(errno: errno, path: path, call: "open") }
        var variable = fb_var_screeninfo()
        var fixed = fb_fix_screeninfo()
        var status = lobby_fb_get_variable(fd, &variable)
        if status == 0 { status = lobby_fb_get_fixed(fd, &fixed) }
        guard status == 0 else {
            Glibc.close(fd)
            if -status == ENOTTY || -status == EINVAL { throw .notADisplay(path: path, reason: "not a framebuffer device") }
            throw DisplayError.from(errno: -status, path: path, call: "FBIOGET_VSCREENINFO")
        }
        let bits = Int(variable.bits_per_pixel)
        let description = "\(bits) bpp, red at \(variable.red.offset), green at \(variable.green.offset), blue at \(variable.blue.offset), visual \(fixed.visual)"
        guard fixed.visual == 2 /* FB_VISUAL_TRUECOLOR */ || fixed.visual == 3 /* DIRECTCOLOR */,
              let format = FramebufferFormat.fbdev(bitsPerPixel: bits, redOffset: Int(variable.red.offset),
                                                    greenOffset: Int(variable.green.offset), blueOffset: Int(variable.blue.offset)) else {
            Glibc.close(fd)
            throw .unsupportedFormat(path: path, format: description)
        }
        let panel = DisplaySize(width: Int(variable.xres), height: Int(variable.yres))
        let lineLength = Int(fixed.line_length)
        let length = Int(fixed.smem_len)
        let offset = Int(variable.yoffset) * lineLength + Int(variable.xoffset) * format.bytesPerPixel
        guard panel.width > 0, panel.height > 0, lineLength >= panel.width * format.bytesPerPixel,
              offset + lineLength * panel.height <= length else {
            Glibc.close(fd)
            throw .notADisplay(path: path, reason: "inconsistent geometry \(panel), line \(lineLength) bytes, memory \(length) bytes")
        }
        guard let address = lobby_map(fd, length, 0) else {
            let value = errno
            Glibc.close(fd)
            throw DisplayError.from(errno: value, path: path, call: "mmap")
        }
        self.path = path
        self.fd = fd
        self.rotation = rotation
        self.format = format
        self.panel = panel
        self.size = rotation.kioskSize(panel: panel)
        self.lineLength = lineLength
        self.mapping = UnsafeMutableRawBufferPointer(start: address, count: length)
        self.visible = UnsafeMutableRawBufferPointer(start: address + offset, count: lineLength * panel.height)
        self.plan = DamagePlan(size: size, bufferCount: 1)
        if graphicsConsole { hideConsole(consolePath) }
    }

    deinit { close() }

    /// `fbdev /dev/fb0 1920x1080 XRGB8888 rotation 90`.
    public var summary: String { "fbdev \(path) \(panel) \(format) rotation \(rotation)" }

    public func present(_ frame: FrameView, damage: DisplayDamage) throws(DisplayError) {
        if isClosed { throw .closed }
        if let failure { throw failure }
        guard frame.size == size else { throw .frameSizeMismatch(expected: size, got: frame.size) }
        // A device that went away answers ioctls with ENODEV: check before writing.
        var variable = fb_var_screeninfo()
        let status = lobby_fb_get_variable(fd, &variable)
        if status != 0 {
            let error = DisplayError.from(errno: -status, path: path, call: "FBIOGET_VSCREENINFO")
            if case .deviceGone = error { failure = error }
            throw error
        }
        let rects = plan.rects(for: 0, damage: damage)
        for rect in rects {
            FramebufferBlit.copy(frame.bytes, sourceStride: frame.stride, kiosk: size, into: visible,
                                 destinationStride: lineLength, format: format, rotation: rotation, rect: rect)
        }
        statistics.frames += 1
        statistics.pixelsCopied += rects.reduce(0) { $0 + $1.area }
    }

    /// Unmaps the memory, gives the console back and closes the device.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        munmap(mapping.baseAddress, mapping.count)
        if let console {
            _ = lobby_vt_set_mode(console.fd, console.mode)
            Glibc.close(console.fd)
        }
        Glibc.close(fd)
    }

    private func hideConsole(_ consolePath: String) {
        let terminal = Glibc.open(consolePath, O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard terminal >= 0 else { return }
        var mode: Int32 = 0
        guard lobby_vt_get_mode(terminal, &mode) == 0, lobby_vt_set_mode(terminal, 1) == 0 else {
            Glibc.close(terminal)
            return
        }
        console = (terminal, mode)
    }
}

extension FramebufferFormat: CustomStringConvertible {
    /// `XRGB8888`, `XBGR8888`, `RGB565`.
    public var description: String {
        switch self {
        case .xrgb8888: "XRGB8888"
        case .xbgr8888: "XBGR8888"
        case .rgb565: "RGB565"
        }
    }
}
