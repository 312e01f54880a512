/// The board state lives in static memory (.bss), not on the small stack.
/// Initialised on first use (after `bsp_init`), mutated in place.
nonisolated(unsafe) private var board = BoardFirmware.makeBoard()

/// Firmware of an LED board: UART bytes into `BoardCore`, answers back out, sleep otherwise.
@main
struct BoardFirmware {
    @inline(never)
    static func makeBoard() -> BoardCore<BoardFont> {
        let configuration = BoardConfiguration(
            kind: BuildConfiguration.boardKind, lines: BuildConfiguration.lines,
            columns: BuildConfiguration.columns, serial: Platform.serial,
            firmware: BuildConfiguration.firmware, ticksPerSecond: bsp_ticks_per_second())
        return BoardCore(configuration: configuration, address: Platform.address, font: BoardFont())
    }

    @inline(never)
    static func receive(_ byte: UInt8, now: Ticks) {
        // The core drops a partial frame after an inter-byte gap (Protocol.md §2.3).
        if let reply = board.receive(byte, now: now) { Platform.send(reply) }
        if board.rebootRequested { bsp_reboot() }
    }

    static func main() {
        bsp_init()
        board.receiveGap()  // first use: initialise the core now
        var lastTick = bsp_ticks()
        while true {
            while let byte = Platform.receivedByte() { receive(byte, now: Platform.now) }
            let tick = bsp_ticks()
            if tick != lastTick {
                lastTick = tick
                board.tick(now: Ticks(tick))
            }
            bsp_sleep(lastTick)
        }
    }
}
