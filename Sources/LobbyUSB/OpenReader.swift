import LobbyCCID
import LobbyCard

/// A reader the monitor holds open: the CCID transport, its interrupt pipe and the slots' known presence.
final class OpenReader {
    /// The USB record (keeps the libusb device referenced).
    let record: USBDeviceRecord
    /// CCID commands.
    let reader: CCIDReader
    /// NotifySlotChange messages, nil when the reader has no interrupt endpoint.
    let interrupt: InterruptPipe?
    /// Card present per slot, as last reported.
    var present: [Bool]
    /// Next GetSlotStatus poll (readers without interrupt endpoint), monotonic nanoseconds.
    var nextPoll: UInt64 = 0

    /// Opens, claims, reads the names, starts the interrupt pipe.
    init(record: USBDeviceRecord, layout: CCIDInterfaceLayout, context: USBContext, timeouts: CCIDReaderTimeouts) throws(CardReaderError) {
        let handle = try USBDeviceHandle(record: record, interfaceNumber: layout.interfaceNumber, alternateSetting: layout.alternateSetting)
        var identity = record.identity
        identity.manufacturer = handle.string(index: record.stringIndexes.manufacturer)
        identity.product = handle.string(index: record.stringIndexes.product)
        self.record = record
        reader = CCIDReader(info: CardReaderInfo(device: identity, layout: layout), handle: handle, timeouts: timeouts)
        present = Array(repeating: false, count: layout.descriptor.slotCount)
        if let endpoint = layout.interruptIn {
            interrupt = try InterruptPipe(context: context, handle: handle, endpoint: endpoint, size: max(layout.interruptPacketSize, 2))
        } else {
            interrupt = nil
        }
    }

    /// What the reader is.
    var info: CardReaderInfo { reader.info }

    /// Stops the interrupt pipe and closes the handle.
    func close() {
        interrupt?.stop()
        reader.handle.close()
    }
}
