/// Sizes and constants of the frame layer.
public enum FrameLimits {
    /// The protocol version this code speaks.
    public static let protocolVersion: UInt8 = 1
    /// Bytes of the header: version, destination, source, sequence, type, length.
    public static let headerLength = 6
    /// Bytes of the CRC trailer.
    public static let crcLength = 2
    /// The largest payload.
    public static let maxPayload = 200
    /// The largest body (header + payload + CRC) before COBS.
    public static let maxBody = 208
    /// The largest frame on the wire: COBS-encoded body plus the `00` delimiter.
    public static let maxEncoded = 210
}

/// A payload of at most `FrameLimits.maxPayload` bytes.
public typealias Payload = FixedBytes<200>
/// A frame body (header, payload, CRC) of at most `FrameLimits.maxBody` bytes.
public typealias FrameBody = FixedBytes<208>
/// A frame as sent on the wire, COBS-encoded and `00`-terminated.
public typealias EncodedFrame = FixedBytes<210>

/// The header fields of every frame (layout fixed for all protocol versions).
public struct FrameHeader: Sendable, Equatable {
    /// Protocol version (byte 0).
    public var version: UInt8
    /// Who the frame is for (byte 1).
    public var destination: DeviceAddress
    /// Who sent the frame (byte 2).
    public var source: DeviceAddress
    /// Request sequence number; a reply repeats the request's (byte 3).
    public var sequence: SequenceNumber
    /// Message type (byte 4).
    public var type: MessageType

    /// Creates a header for the current protocol version unless told otherwise.
    public init(
        version: UInt8 = FrameLimits.protocolVersion, destination: DeviceAddress,
        source: DeviceAddress, sequence: SequenceNumber, type: MessageType
    ) {
        self.version = version
        self.destination = destination
        self.source = source
        self.sequence = sequence
        self.type = type
    }
}

/// A decoded, CRC-checked frame.
public struct Frame: Sendable, Equatable {
    /// The header.
    public var header: FrameHeader
    /// The payload bytes (length given by header byte 5).
    public var payload: Payload
    /// The CRC found in the frame (used to recognise bit-identical retries).
    public var crc: UInt16

    /// Creates a frame; the CRC is computed when encoding.
    public init(header: FrameHeader, payload: Payload, crc: UInt16 = 0) {
        self.header = header
        self.payload = payload
        self.crc = crc
    }

    /// The body: header, payload and CRC (little-endian).
    public func body() -> FrameBody {
        var body = FrameBody()
        body.append(header.version)
        body.append(header.destination.rawValue)
        body.append(header.source.rawValue)
        body.append(header.sequence.rawValue)
        body.append(header.type.rawValue)
        body.append(UInt8(truncatingIfNeeded: payload.count))
        body.append(contentsOf: payload)
        body.appendLittleEndian(CRC16.checksum(body))
        return body
    }

    /// The frame as sent on the wire: COBS(body) followed by one `00`.
    public func encoded() -> EncodedFrame {
        var output = EncodedFrame()
        do throws(COBSError) {
            try COBS.encode(body(), into: &output)
        } catch {
            // Unreachable: 208 body bytes always fit in 210 (one code byte + delimiter).
            output.removeAll()
            return output
        }
        output.append(0)
        return output
    }
}
