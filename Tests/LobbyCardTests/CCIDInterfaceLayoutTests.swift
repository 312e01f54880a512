import LobbyCCID
import LobbyCard
import LobbyTestSupport
import Testing

/// Finding the CCID class descriptor and endpoints in an interface, with real readers' descriptors.
@Suite(.tags(.unit))
struct CCIDInterfaceLayoutTests {
    struct Reader: Sendable, CustomTestStringConvertible {
        var file: String
        var level: CCIDExchangeLevel
        var maximumMessage: UInt32
        var protocols: [ICCProtocol]
        var testDescription: String { file }
    }

    static let readers = [
        Reader(file: "ACS_ACR39U_ICC_Reader.txt", level: .tpdu, maximumMessage: 271, protocols: [.t0, .t1]),
        Reader(file: "ACS_ACR3901U_ICC_Reader.txt", level: .shortAPDU, maximumMessage: 271, protocols: [.t0, .t1]),
        Reader(file: "ACS_ACR1252IMP_Reader.txt", level: .extendedAPDU, maximumMessage: 522, protocols: [.t1]),
    ]

    /// The endpoints of a typical reader: bulk-OUT 0x02, bulk-IN 0x82, interrupt-IN 0x83 (in this order or another).
    static let endpoints = [
        USBEndpointInfo(address: 0x83, attributes: 0x03, maximumPacketSize: 8),
        USBEndpointInfo(address: 0x82, attributes: 0x02, maximumPacketSize: 64),
        USBEndpointInfo(address: 0x02, attributes: 0x02, maximumPacketSize: 64),
    ]

    @Test("real reader descriptors are found after an unrelated class descriptor", arguments: readers)
    func realReaders(_ reader: Reader) throws {
        let bytes = try DescriptorDump.load(reader.file).bytes
        #expect(bytes.count == 54)
        let unrelated: [UInt8] = [0x05, 0x24, 0x00, 0x10, 0x01]
        let interface = USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: Self.endpoints, extra: unrelated + bytes)
        let layout = try CCIDInterfaceLayout(interface: interface)
        #expect(layout.descriptorBytes == bytes)
        #expect(layout.descriptor.exchangeLevel == reader.level)
        #expect(layout.descriptor.maximumMessageLength == reader.maximumMessage)
        #expect(layout.descriptor.protocols == reader.protocols)
        #expect(layout.bulkOut == 0x02)
        #expect(layout.bulkIn == 0x82)
        #expect(layout.interruptIn == 0x83)
        #expect(layout.interruptPacketSize == 8)
        #expect(layout.responseBufferSize % 64 == 0 && layout.responseBufferSize >= CCIDHeader.length + 261)
    }

    @Test("the descriptor after the last endpoint (readers that put it there) is found too")
    func descriptorAfterEndpoint() throws {
        let bytes = try DescriptorDump.load("ACS_ACR39U_ICC_Reader.txt").bytes
        var endpoints = Self.endpoints
        endpoints[2].extra = bytes
        let layout = try CCIDInterfaceLayout(interface: USBInterfaceInfo(number: 1, interfaceClass: 0x0B, endpoints: endpoints, extra: []))
        #expect(layout.descriptor.exchangeLevel == .tpdu)
        #expect(layout.interfaceNumber == 1)
    }

    @Test("QEMU 7.2 usb-ccid as read through libusb in the lab: TPDU level, T=0 listed, automatic IFSD")
    func qemuReader() throws {
        let bytes = try DescriptorDump.qemuBytes()
        let endpoints = [
            USBEndpointInfo(address: 0x81, attributes: 0x03, maximumPacketSize: 64),
            USBEndpointInfo(address: 0x82, attributes: 0x02, maximumPacketSize: 64),
            USBEndpointInfo(address: 0x03, attributes: 0x02, maximumPacketSize: 64),
        ]
        let layout = try CCIDInterfaceLayout(interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: endpoints, extra: bytes))
        #expect(layout.descriptor.exchangeLevel == .tpdu)
        #expect(layout.descriptor.protocols == [.t0])
        #expect(layout.descriptor.features == 0x0001_04FE)
        #expect(layout.descriptor.exchangesIFSDAutomatically)
        #expect(layout.descriptor.maximumMessageLength == 0x0001_0012)
        #expect((layout.bulkOut, layout.bulkIn, layout.interruptIn) == (0x03, 0x82, 0x81))
        #expect(layout.responseBufferSize <= 65_536 + 128)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var interface: USBInterfaceInfo
        var error: CCIDInterfaceError
        var testDescription: String { name }
    }

    static var broken: [Broken] {
        let descriptor = (try? DescriptorDump.load("ACS_ACR39U_ICC_Reader.txt").bytes) ?? []
        return [
            Broken(name: "mass storage class", interface: USBInterfaceInfo(number: 0, interfaceClass: 0x08, endpoints: endpoints, extra: descriptor),
                   error: .notSmartCardClass(0x08)),
            Broken(name: "no class descriptor", interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: endpoints, extra: []),
                   error: .missingClassDescriptor),
            Broken(name: "vendor class without CCID descriptor", interface: USBInterfaceInfo(number: 0, interfaceClass: 0xFF, endpoints: endpoints,
                   extra: [0x05, 0x24, 0, 0, 0]), error: .missingClassDescriptor),
            Broken(name: "zero-length descriptor", interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: endpoints,
                   extra: [0x05, 0x24, 0, 0, 0, 0x00, 0x21]), error: .malformedExtra(offset: 5, length: 0, available: 2)),
            Broken(name: "descriptor cut short", interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: endpoints,
                   extra: Array(descriptor.prefix(40))), error: .malformedExtra(offset: 0, length: 54, available: 40)),
            Broken(name: "no bulk-IN", interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: [endpoints[0], endpoints[2]],
                   extra: descriptor), error: .missingEndpoint("bulk-IN")),
        ]
    }

    @Test("unusable interfaces say why", arguments: broken)
    func unusable(_ case_: Broken) {
        #expect(throws: case_.error) { try CCIDInterfaceLayout(interface: case_.interface) }
    }

    @Test("a vendor-class interface with a CCID descriptor is accepted")
    func vendorClass() throws {
        let descriptor = try DescriptorDump.load("ACS_ACR3901U_ICC_Reader.txt").bytes
        let layout = try CCIDInterfaceLayout(interface: USBInterfaceInfo(number: 0, interfaceClass: 0xFF, endpoints: Self.endpoints, extra: descriptor))
        #expect(layout.descriptor.exchangeLevel == .shortAPDU)
    }

    @Test("a reader without interrupt endpoint is polled")
    func noInterrupt() throws {
        let descriptor = try DescriptorDump.load("ACS_ACR39U_ICC_Reader.txt").bytes
        let layout = try CCIDInterfaceLayout(interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: Array(Self.endpoints.dropFirst()), extra: descriptor))
        #expect(layout.interruptIn == nil)
        #expect(layout.interruptPacketSize == 0)
    }
}
