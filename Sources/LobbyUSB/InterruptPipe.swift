import CLibUSB
import LobbyCard
import LobbySystem

/// The interrupt-IN endpoint read continuously with an asynchronous transfer; messages are queued
/// by the callback (which runs inside libusb event handling on the monitor thread) and drained by the loop.
final class InterruptPipe {
    /// The state shared with the C callback.
    final class Box {
        /// Messages received and not yet drained, each with the monotonic time it arrived.
        var messages: [(bytes: [UInt8], nanoseconds: UInt64)] = []
        /// The transfer ended for good (cancelled, device gone, or an error).
        var ended = false
        /// The device disappeared.
        var deviceGone = false
        /// Resubmit after each completion.
        var resubmit = true
    }

    private let transfer: UnsafeMutablePointer<libusb_transfer>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let box: Box
    private let retained: Unmanaged<Box>
    private let context: USBContext
    private let size: Int

    /// Starts reading `endpoint` (packet size `size`).
    init(context: USBContext, handle: USBDeviceHandle, endpoint: UInt8, size: Int) throws(CardReaderError) {
        guard let transfer = libusb_alloc_transfer(0) else { throw .usb(operation: "alloc interrupt transfer", code: 0, name: "out of memory") }
        self.transfer = transfer
        self.context = context
        self.size = max(size, 8)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: self.size)
        box = Box()
        retained = Unmanaged.passRetained(box)
        libusb_fill_interrupt_transfer(transfer, handle.pointer, endpoint, buffer, Int32(self.size), { transfer in
            guard let transfer, let userData = transfer.pointee.user_data else { return }
            let box = Unmanaged<InterruptPipe.Box>.fromOpaque(userData).takeUnretainedValue()
            switch transfer.pointee.status {
            case LIBUSB_TRANSFER_COMPLETED:
                let count = Int(transfer.pointee.actual_length)
                if count > 0 {
                    box.messages.append((Array(UnsafeBufferPointer(start: transfer.pointee.buffer, count: count)), MonotonicClock.nanoseconds()))
                }
            case LIBUSB_TRANSFER_TIMED_OUT:
                break
            case LIBUSB_TRANSFER_NO_DEVICE:
                box.deviceGone = true
                box.ended = true
                return
            case LIBUSB_TRANSFER_CANCELLED:
                box.ended = true
                return
            default:
                break  // stall or error: try again (a stall on the interrupt pipe is transient on some readers)
            }
            if box.resubmit {
                let status = libusb_submit_transfer(transfer)
                if status == LIBUSB_ERROR_NO_DEVICE.rawValue { box.deviceGone = true }
                if status != 0 { box.ended = true }
            } else {
                box.ended = true
            }
        }, retained.toOpaque(), 0)
        let status = libusb_submit_transfer(transfer)
        guard status == 0 else {
            retained.release()
            libusb_free_transfer(transfer)
            buffer.deallocate()
            throw USBStatus.error(status, operation: "submit interrupt transfer")
        }
    }

    /// Messages received since the last call.
    func drain() -> [(bytes: [UInt8], nanoseconds: UInt64)] {
        defer { box.messages.removeAll() }
        return box.messages
    }

    /// True when the device vanished under the transfer.
    var deviceGone: Bool { box.deviceGone }

    /// Cancels the transfer, waits (handling events, at most ~1 s) until libusb gives it back, frees it.
    func stop() {
        box.resubmit = false
        if !box.ended {
            _ = libusb_cancel_transfer(transfer)
            var rounds = 0
            while !box.ended && rounds < 50 {
                context.handleEvents(milliseconds: 20)
                rounds += 1
            }
        }
        if box.ended {
            libusb_free_transfer(transfer)
            buffer.deallocate()
            retained.release()
        }
        // Otherwise the transfer is still owned by libusb: leak it rather than free memory in use.
    }
}
