import Foundation
import LobbyFramebuffer
import LobbyTestSupport
import Testing

@Suite(.tags(.host)) struct MemoryDisplayTests {
    @Test func presentsCopyOnlyTheDamageAndRefuseWrongSizes() throws {
        let display = MemoryDisplay(panel: DisplaySize(width: 40, height: 30), rotation: .clockwise90)
        #expect(display.size == DisplaySize(width: 30, height: 40))
        var frame = DisplayTestPattern.frame(size: display.size)
        try display.present(frame, damage: .rects([]))
        #expect(display.lastCopied == [display.size.bounds], "the first frame is always whole")
        let rect = BlitRect(x: 2, y: 3, width: 4, height: 5)
        frame.fill(rect, colour: 0xFF11_2233)
        try display.present(frame, damage: .rects([rect]))
        #expect(display.lastCopied == [rect])
        #expect(display.statistics.pixelsCopied == 30 * 40 + 20)
        let p = DisplayRotation.clockwise90.panelPoint(x: 3, y: 4, kiosk: display.size)
        #expect(display.panelRGB(x: p.x, y: p.y) == 0x11_2233)
        #expect(throws: DisplayError.frameSizeMismatch(expected: display.size, got: DisplaySize(width: 40, height: 30))) {
            try display.present(PixelFrame(size: DisplaySize(width: 40, height: 30)), damage: .full)
        }
        display.close()
        #expect(throws: DisplayError.closed) { try display.present(frame, damage: .full) }
    }

    @Test func rgbPixelsAreWhatThePanelShows() {
        let display = MemoryDisplay(panel: DisplaySize(width: 3, height: 2))
        var frame = PixelFrame(size: display.size, colour: 0xFF00_0000)
        frame[0, 0] = 0xFFFF_0000
        frame[2, 1] = 0xFF00_80FF
        try? display.present(frame, damage: .full)
        #expect(display.rgbPixels() == [255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xFF])
    }

    @Test func testPatternMarksTheCorners() {
        let size = DisplaySize(width: 80, height: 40)
        #expect(DisplayTestPattern.colour(x: 0, y: 0, size: size) == 0xFFFF_FFFF)
        #expect(DisplayTestPattern.colour(x: 2, y: 2, size: size) == 0xFFFF_0000)
        #expect(DisplayTestPattern.colour(x: 77, y: 2, size: size) == 0xFF00_FF00)
        #expect(DisplayTestPattern.colour(x: 20, y: 10, size: size) != DisplayTestPattern.colour(x: 20, y: 10, size: size, variant: 1))
    }

    @Test func openerReportsNoDeviceWhenNothingExists() {
        let configuration = DisplayConfiguration(drmDirectory: "/nonexistent-dri", fbdevDirectory: "/nonexistent-dev")
        #expect(DisplayOpener.candidates(configuration).isEmpty)
        #expect(throws: DisplayError.noDevice(searched: ["/nonexistent-dri/card*", "/nonexistent-dev/fb*"])) {
            _ = try DisplayOpener.open(configuration)
        }
        #expect(throws: DisplayError.noDevice(searched: ["/nonexistent-dri/card0"])) {
            _ = try DRMDisplay(path: "/nonexistent-dri/card0")
        }
    }

    @Test func aRegularFileIsNotADisplay() throws {
        let path = NSTemporaryDirectory() + "lobby-not-a-display-\(getpid())"
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0, count: 16))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DisplayError.notADisplay(path: path, reason: "not a framebuffer device")) { _ = try FbdevDisplay(path: path) }
        do {
            _ = try DRMDisplay(path: path)
            Issue.record("a regular file opened as a DRM card")
        } catch {
            guard case .notADisplay = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
