/// The keypad state lives in static memory (.bss), not on the small stack.
/// Initialised on first use (after `bsp_init`), mutated in place.
nonisolated(unsafe) private var keypad = KeypadFirmware.makeKeypad()

/// Firmware of a window keypad: UART bytes and sampled keys into `KeypadCore`.
@main
struct KeypadFirmware {
    @inline(never)
    static func makeKeypad() -> KeypadCore {
        let configuration = KeypadConfiguration(
            serial: Platform.serial, firmware: BuildConfiguration.firmware,
            ticksPerSecond: bsp_ticks_per_second(), debounceSamples: 3, displayColumns: BuildConfiguration.columns,
            acceptsKeyInjection: BuildConfiguration.keyInjection)
        return KeypadCore(configuration: configuration, address: Platform.address)
    }

    @inline(never)
    static func receive(_ byte: UInt8, now: Ticks) {
        // The core drops a partial frame after an inter-byte gap (Protocol.md §2.3).
        if let reply = keypad.receive(byte, now: now) { Platform.send(reply) }
        if keypad.rebootRequested { bsp_reboot() }
    }

    static func main() {
        bsp_init()
        keypad.receiveGap()  // first use: initialise the core now
        var lastTick = bsp_ticks()
        while true {
            while let byte = Platform.receivedByte() { receive(byte, now: Platform.now) }
            // Sample the keys once per tick (10 ms); catch up if ticks were missed.
            let tick = bsp_ticks()
            while lastTick != tick {
                lastTick &+= 1
                keypad.tick(now: Ticks(lastTick), rawKeys: KeyMask(rawValue: bsp_raw_keys()))
            }
            bsp_sleep(lastTick)
        }
    }
}
