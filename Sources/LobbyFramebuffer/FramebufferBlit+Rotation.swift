extension FramebufferBlit {
    /// Copies kiosk rectangle `rect` of `source` (ARGB32, `sourceStride` bytes per row, `kiosk`
    /// pixels) into the panel buffer `destination` (`format`, `destinationStride` bytes per row),
    /// turned by `rotation`; the panel is `rotation.kioskSize`'s inverse of `kiosk`.
    public static func copy(_ source: UnsafeRawBufferPointer, sourceStride: Int, kiosk: DisplaySize,
                            into destination: UnsafeMutableRawBufferPointer, destinationStride: Int, format: FramebufferFormat,
                            rotation: DisplayRotation, rect: BlitRect) {
        if rotation == .none {
            copy(source, sourceStride: sourceStride, into: destination, destinationStride: destinationStride, format: format,
                 width: kiosk.width, height: kiosk.height, rect: rect)
            return
        }
        guard let clipped = rect.clipped(width: kiosk.width, height: kiosk.height) else { return }
        let panel = rotation.panelRect(clipped, kiosk: kiosk)
        let panelHeight = rotation.swapsAxes ? kiosk.width : kiosk.height
        precondition(source.count >= sourceStride * kiosk.height && destination.count >= destinationStride * panelHeight, "buffers too small")
        let from = source.baseAddress!, to = destination.baseAddress!
        let bytesPerPixel = format.bytesPerPixel
        // Source bytes between the kiosk pixels of two neighbouring panel pixels in a row.
        let step = switch rotation {
        case .none: 4
        case .clockwise90: -sourceStride
        case .upsideDown: -4
        case .clockwise270: sourceStride
        }
        // Tiles keep both the rows read and the rows written in cache when the axes swap.
        let tile = 64
        var tileY = panel.y
        while tileY < panel.y + panel.height {
            let tileBottom = min(tileY + tile, panel.y + panel.height)
            var tileX = panel.x
            while tileX < panel.x + panel.width {
                let tileRight = min(tileX + tile, panel.x + panel.width)
                for y in tileY..<tileBottom {
                    let row = to.advanced(by: y * destinationStride)
                    // Walk the source along the panel row: one step per panel pixel.
                    let k = rotation.kioskPoint(panelX: tileX, panelY: y, kiosk: kiosk)
                    var offset = k.y * sourceStride + k.x * 4
                    for x in tileX..<tileRight {
                        let argb = from.load(fromByteOffset: offset, as: UInt32.self)
                        offset += step
                        if bytesPerPixel == 2 {
                            row.storeBytes(of: UInt16(truncatingIfNeeded: convert(argb, to: format)).littleEndian,
                                           toByteOffset: x * 2, as: UInt16.self)
                        } else {
                            let value = format == .xrgb8888 ? argb : convert(argb, to: format)
                            row.storeBytes(of: value.littleEndian, toByteOffset: x * 4, as: UInt32.self)
                        }
                    }
                }
                tileX = tileRight
            }
            tileY = tileBottom
        }
    }
}
