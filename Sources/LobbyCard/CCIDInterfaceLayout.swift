import LobbyCCID

/// A CCID reader interface ready to be claimed: its class descriptor and the three endpoints.
public struct CCIDInterfaceLayout: Sendable, Hashable {
    /// bInterfaceNumber to claim.
    public var interfaceNumber: UInt8
    /// bAlternateSetting.
    public var alternateSetting: UInt8
    /// The decoded CCID class descriptor.
    public var descriptor: CCIDClassDescriptor
    /// The 54 raw descriptor bytes (for `lobbyctl card list --raw` and vectors).
    public var descriptorBytes: [UInt8]
    /// Bulk-OUT endpoint address (PC_to_RDR).
    public var bulkOut: UInt8
    /// Bulk-IN endpoint address (RDR_to_PC).
    public var bulkIn: UInt8
    /// Interrupt-IN endpoint address (NotifySlotChange), nil when the reader has none (then slots are polled).
    public var interruptIn: UInt8?
    /// wMaxPacketSize of the bulk-IN endpoint.
    public var bulkInPacketSize: Int
    /// wMaxPacketSize of the interrupt endpoint (0 without one).
    public var interruptPacketSize: Int

    /// Finds the CCID class descriptor and endpoints of an interface.
    ///
    /// The descriptor is looked for in the interface's class-specific bytes first, then after each
    /// endpoint (some readers put it after the last endpoint). Class 0xFF is accepted only when such a
    /// descriptor is present.
    public init(interface: USBInterfaceInfo) throws(CCIDInterfaceError) {
        guard interface.interfaceClass == USBInterfaceInfo.smartCardClass
                || interface.interfaceClass == USBInterfaceInfo.vendorSpecificClass else {
            throw .notSmartCardClass(interface.interfaceClass)
        }
        var found: [UInt8]?
        for extra in [interface.extra] + interface.endpoints.map(\.extra) {
            if let bytes = try Self.classDescriptor(in: extra) {
                found = bytes
                break
            }
        }
        guard let bytes = found else { throw .missingClassDescriptor }
        do {
            descriptor = try CCIDClassDescriptor(bytes: bytes)
        } catch {
            throw .invalidClassDescriptor(error)
        }
        descriptorBytes = bytes
        guard let bulkOutEndpoint = interface.endpoints.first(where: { $0.isBulk && !$0.isInput }) else { throw .missingEndpoint("bulk-OUT") }
        guard let bulkInEndpoint = interface.endpoints.first(where: { $0.isBulk && $0.isInput }) else { throw .missingEndpoint("bulk-IN") }
        let interruptEndpoint = interface.endpoints.first { $0.isInterrupt && $0.isInput }
        interfaceNumber = interface.number
        alternateSetting = interface.alternateSetting
        bulkOut = bulkOutEndpoint.address
        bulkIn = bulkInEndpoint.address
        bulkInPacketSize = bulkInEndpoint.maximumPacketSize
        interruptIn = interruptEndpoint?.address
        interruptPacketSize = interruptEndpoint?.maximumPacketSize ?? 0
    }

    /// The first 54-byte descriptor of type 0x21 in a run of class-specific descriptors, nil when there is none.
    ///
    /// Each descriptor starts with bLength and bDescriptorType; a zero length or one past the end is an error.
    public static func classDescriptor(in extra: [UInt8]) throws(CCIDInterfaceError) -> [UInt8]? {
        var offset = 0
        while offset < extra.count {
            let length = Int(extra[offset])
            guard length >= 2, offset + length <= extra.count else {
                throw .malformedExtra(offset: offset, length: length, available: extra.count - offset)
            }
            if extra[offset + 1] == CCIDClassDescriptor.descriptorType && length == CCIDClassDescriptor.length {
                return Array(extra[offset..<(offset + length)])
            }
            offset += length
        }
        return nil
    }

    /// Size of the buffer for one RDR_to_PC message: dwMaxCCIDMessageLength rounded up to whole packets.
    public var responseBufferSize: Int {
        let packet = max(bulkInPacketSize, 8)
        let wanted = max(Int(descriptor.maximumMessageLength), CCIDHeader.length + 261)
        return min((wanted + packet - 1) / packet * packet, 65_536 + 2 * packet)
    }
}
