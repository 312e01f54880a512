import LobbyFramebuffer
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct DisplayRotationTests {
    static let kiosk = DisplaySize(width: 6, height: 4)

    @Test(arguments: DisplayRotation.allCases)
    func panelAndKioskPointsAreInverse(_ rotation: DisplayRotation) {
        let panel = rotation.swapsAxes ? DisplaySize(width: 4, height: 6) : Self.kiosk
        #expect(rotation.kioskSize(panel: panel) == Self.kiosk)
        var seen = Set<Int>()
        for y in 0..<Self.kiosk.height {
            for x in 0..<Self.kiosk.width {
                let p = rotation.panelPoint(x: x, y: y, kiosk: Self.kiosk)
                #expect((0..<panel.width).contains(p.x) && (0..<panel.height).contains(p.y))
                seen.insert(p.y * panel.width + p.x)
                let back = rotation.kioskPoint(panelX: p.x, panelY: p.y, kiosk: Self.kiosk)
                #expect(back == (x, y) || (back.x == x && back.y == y))
            }
        }
        #expect(seen.count == Self.kiosk.width * Self.kiosk.height, "every panel pixel is hit once")
    }

    @Test(arguments: [
        (DisplayRotation.none, 5, 0), (.clockwise90, 3, 5), (.upsideDown, 0, 3), (.clockwise270, 0, 0),
    ])
    func kioskTopRightCorner(_ rotation: DisplayRotation, _ panelX: Int, _ panelY: Int) {
        // Clockwise 90: the kiosk's top edge becomes the panel's right edge, so its top-right corner is bottom-right.
        let p = rotation.panelPoint(x: 5, y: 0, kiosk: Self.kiosk)
        #expect(p.x == panelX && p.y == panelY)
    }

    @Test(arguments: DisplayRotation.allCases)
    func panelRectCoversExactlyTheMappedPixels(_ rotation: DisplayRotation) {
        let rect = BlitRect(x: 1, y: 1, width: 3, height: 2)
        let mapped = rotation.panelRect(rect, kiosk: Self.kiosk)
        #expect(mapped.area == rect.area)
        for y in rect.y..<(rect.y + rect.height) {
            for x in rect.x..<(rect.x + rect.width) {
                let p = rotation.panelPoint(x: x, y: y, kiosk: Self.kiosk)
                #expect(p.x >= mapped.x && p.x < mapped.x + mapped.width && p.y >= mapped.y && p.y < mapped.y + mapped.height)
            }
        }
    }

    @Test(arguments: [FramebufferFormat.xrgb8888, .xbgr8888, .rgb565])
    func rotatedCopyMatchesAPixelByPixelReference(_ format: FramebufferFormat) {
        for rotation in DisplayRotation.allCases {
            let kiosk = DisplaySize(width: 70, height: 45)  // larger than one 64-pixel tile
            let source = DisplayTestPattern.frame(size: kiosk, variant: 3)
            let panel = rotation.swapsAxes ? DisplaySize(width: kiosk.height, height: kiosk.width) : kiosk
            let display = MemoryDisplay(panel: panel, rotation: rotation, format: format)
            let rect = BlitRect(x: 3, y: 5, width: 66, height: 30)
            try? display.present(PixelFrame(size: kiosk, colour: 0xFF00_0000), damage: .full)
            try? display.present(source, damage: .rects([rect]))
            for y in 0..<panel.height {
                for x in 0..<panel.width {
                    let k = rotation.kioskPoint(panelX: x, panelY: y, kiosk: kiosk)
                    let inside = k.x >= rect.x && k.x < rect.x + rect.width && k.y >= rect.y && k.y < rect.y + rect.height
                    let argb = inside ? source[k.x, k.y] : 0xFF00_0000
                    let want = Self.decoded(FramebufferBlit.convert(argb, to: format), format)
                    guard display.panelRGB(x: x, y: y) == want else {
                        Issue.record("\(format) rotation \(rotation): panel (\(x),\(y)) kiosk (\(k.x),\(k.y))")
                        return
                    }
                }
            }
        }
    }

    /// The stored value back as 0xRRGGBB (an independent decoding of the three formats).
    static func decoded(_ stored: UInt32, _ format: FramebufferFormat) -> UInt32 {
        switch format {
        case .xrgb8888: return stored & 0xFF_FFFF
        case .xbgr8888: return (stored & 0xFF) << 16 | (stored & 0xFF00) | (stored >> 16 & 0xFF)
        case .rgb565:
            let r = stored >> 11 & 0x1F, g = stored >> 5 & 0x3F, b = stored & 0x1F
            return (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2)
        }
    }
}
