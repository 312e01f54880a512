import LobbyMRZ

/// The BAC document basic access keys K_enc and K_mac, derived from the MRZ information (document number,
/// birth date, expiry date with their check digits) of an MRZ read at the same kiosk.
///
/// Lives in memory for the exchange only; its description never shows key bytes.
public struct BACAccessKey: Sendable, Hashable, CustomStringConvertible {
    /// K_enc: 16 bytes, DES parity adjusted.
    public let encryptionKey: [UInt8]
    /// K_mac: 16 bytes, DES parity adjusted.
    public let macKey: [UInt8]

    /// Derives the keys from the MRZ information (`BACKeySeed`: SHA-1, first 16 bytes, counters 1 and 2).
    public init(seed: BACKeySeed) {
        encryptionKey = seed.encryptionKey
        macKey = seed.macKey
    }

    /// Derives the keys from parsed MRZ fields (document number, birth date, expiry date).
    public init(fields: MRZFields) throws(BACKeySeed.Problem) {
        self.init(seed: try BACKeySeed(fields: fields))
    }

    /// Derives the keys from the values as written in the MRZ (expiry nil for documents without one).
    public init(documentNumber: String, birthDate: String, expiryDate: String?) throws(BACKeySeed.Problem) {
        self.init(seed: try BACKeySeed(documentNumber: documentNumber, birthDate: birthDate, expiryDate: expiryDate))
    }

    /// Uses keys that are already derived (16 bytes each).
    public init(encryptionKey: [UInt8], macKey: [UInt8]) throws(EMRTDCryptoError) {
        guard encryptionKey.count == 16 else { throw .keyLength(what: "K_enc", expected: [16], actual: encryptionKey.count) }
        guard macKey.count == 16 else { throw .keyLength(what: "K_mac", expected: [16], actual: macKey.count) }
        self.encryptionKey = encryptionKey
        self.macKey = macKey
    }

    /// `BAC access key (hidden)`: keys never reach logs.
    public var description: String { "BAC access key (hidden)" }
}
