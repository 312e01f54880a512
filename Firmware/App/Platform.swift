/// Thin Swift face of the C board-support layer.
enum Platform {
    /// The serial: the per-instance configuration block if present, else the build default.
    static var serial: DeviceSerial {
        let low = bsp_serial_low(BuildConfiguration.defaultSerialLow)
        let high = bsp_serial_high(BuildConfiguration.defaultSerialHigh)
        return DeviceSerial(UInt64(high) << 32 | UInt64(low))
    }

    /// The starting address: configuration block if present, else the build default.
    static var address: DeviceAddress { DeviceAddress(bsp_address(BuildConfiguration.defaultAddress)) }

    /// The current tick count.
    static var now: Ticks { Ticks(bsp_ticks()) }

    /// Sends an encoded frame.
    static func send(_ frame: EncodedFrame) {
        for byte in frame { bsp_write_byte(byte) }
    }

    /// Takes one received byte, if any.
    static func receivedByte() -> UInt8? {
        var byte: UInt8 = 0
        return bsp_read_byte(&byte) != 0 ? byte : nil
    }
}
