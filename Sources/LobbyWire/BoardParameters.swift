/// Test patterns a board can show.
public enum TestPattern: UInt8, Sendable, Equatable {
    /// Every pixel lit.
    case allOn = 0
    /// Every pixel dark.
    case allOff = 1
    /// A one-pixel checkerboard.
    case checkerboard = 2
    /// Alternate lit and dark rows.
    case rows = 3
    /// Alternate lit and dark columns.
    case columns = 4
}

/// A chunk of the frame buffer read back from a board.
public struct FrameBufferChunk: Sendable, Equatable {
    /// The most data bytes in one chunk.
    public static let maxData = 192
    /// Pixel width of the whole frame buffer.
    public var width: UInt16
    /// Pixel height of the whole frame buffer.
    public var height: UInt16
    /// Byte offset of `data` in the frame buffer.
    public var offset: UInt16
    /// Bytes of the whole frame buffer (rows of ceil(width/8) bytes, MSB leftmost).
    public var totalBytes: UInt16
    /// The bytes.
    public var data: FixedBytes<192>

    /// Creates a chunk.
    public init(width: UInt16, height: UInt16, offset: UInt16, totalBytes: UInt16, data: FixedBytes<192>) {
        self.width = width
        self.height = height
        self.offset = offset
        self.totalBytes = totalBytes
        self.data = data
    }
}

/// LED and beeper settings of a keypad.
public struct Indicators: Sendable, Equatable {
    /// LEDs lit: bit 0 red, bit 1 green.
    public var leds: UInt8
    /// Blink half-period in units of 10 ms; 0 = steady.
    public var blinkCentiseconds: UInt8
    /// Number of beeps to sound now.
    public var beeps: UInt8
    /// Length of each beep in units of 10 ms.
    public var beepCentiseconds: UInt8

    /// Creates indicator settings.
    public init(leds: UInt8, blinkCentiseconds: UInt8 = 0, beeps: UInt8 = 0, beepCentiseconds: UInt8 = 0) {
        self.leds = leds
        self.blinkCentiseconds = blinkCentiseconds
        self.beeps = beeps
        self.beepCentiseconds = beepCentiseconds
    }
}
