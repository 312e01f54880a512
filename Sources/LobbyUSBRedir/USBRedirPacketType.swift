/// usbredir packet types (protocol 0.7): control packets count from 0, data packets from 100.
public enum USBRedirPacketType: UInt32, Equatable, Sendable {
    /// First packet of each side: version text and capabilities.
    case hello = 0
    /// usb-host → guest: a device is available (speed, class, IDs).
    case deviceConnect = 1
    /// usb-host → guest: the device went away.
    case deviceDisconnect = 2
    /// guest → usb-host: reset the device.
    case reset = 3
    /// usb-host → guest: interface numbers and classes.
    case interfaceInfo = 4
    /// usb-host → guest: endpoint types, intervals, interfaces, packet sizes.
    case endpointInfo = 5
    /// guest → usb-host: SET_CONFIGURATION.
    case setConfiguration = 6
    /// guest → usb-host: GET_CONFIGURATION.
    case getConfiguration = 7
    /// usb-host → guest: answer to set/get configuration.
    case configurationStatus = 8
    /// guest → usb-host: SET_INTERFACE.
    case setAlternateSetting = 9
    /// guest → usb-host: GET_INTERFACE.
    case getAlternateSetting = 10
    /// usb-host → guest: answer to set/get alternate setting.
    case alternateSettingStatus = 11
    /// guest → usb-host: cancel a data packet (same id).
    case cancelDataPacket = 21
    /// guest → usb-host: the guest's device filter rejected the device.
    case filterReject = 22
    /// either side: a device filter string.
    case filterFilter = 23
    /// guest → usb-host: the guest saw the disconnect.
    case deviceDisconnectAck = 24
    /// A control transfer (request from the guest, answer from the usb-host, same id).
    case controlPacket = 100
    /// A bulk transfer (request from the guest, answer from the usb-host, same id).
    case bulkPacket = 101
    /// An isochronous transfer.
    case isoPacket = 102
    /// An interrupt transfer.
    case interruptPacket = 103
}

/// usbredir capability bit numbers.
public enum USBRedirCapability: Int, CaseIterable, Sendable {
    /// USB 3 bulk streams.
    case bulkStreams = 0
    /// device_connect carries bcdDevice.
    case connectDeviceVersion = 1
    /// filter packets.
    case filter = 2
    /// device_disconnect_ack packet.
    case deviceDisconnectAck = 3
    /// ep_info carries max_packet_size.
    case endpointInfoMaxPacketSize = 4
    /// 64-bit packet ids in the header.
    case sixtyFourBitIDs = 5
    /// 32-bit bulk lengths (length_high field).
    case thirtyTwoBitBulkLength = 6
    /// buffered bulk input.
    case bulkReceiving = 7
}

/// usbredir status codes of answers.
public enum USBRedirStatus: UInt8, Equatable, Sendable {
    /// Done.
    case success = 0
    /// Cancelled by the guest.
    case cancelled = 1
    /// Invalid request.
    case invalid = 2
    /// I/O error.
    case ioError = 3
    /// Endpoint stalled (a control request the device does not support).
    case stall = 4
    /// Timed out.
    case timeout = 5
}
