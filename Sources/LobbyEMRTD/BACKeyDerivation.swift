import LobbyCrypto
import LobbyMRZ

/// ICAO 9303-11 §9.7.1 key derivation for BAC from the MRZ information, with libcrypto's SHA-1.
extension BACKeySeed {
    /// K_seed: the first 16 bytes of SHA-1 over the MRZ information.
    public var keySeed: [UInt8] { Array(SHA1.hash(Array(mrzInformation.utf8)).prefix(16)) }

    /// The 3DES encryption key K_enc (16 bytes, DES parity adjusted).
    public var encryptionKey: [UInt8] { Self.derive(keySeed, counter: 1) }

    /// The 3DES MAC key K_mac (16 bytes, DES parity adjusted).
    public var macKey: [UInt8] { Self.derive(keySeed, counter: 2) }

    /// ICAO 9303-11 key derivation for 3DES: SHA-1(seed ‖ counter), first 16 bytes, odd parity per byte.
    public static func derive(_ seed: [UInt8], counter: UInt32) -> [UInt8] {
        let input = seed + [UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16), UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter)]
        return SHA1.hash(input).prefix(16).map { byte in
            let high = byte & 0xFE
            return high.nonzeroBitCount % 2 == 0 ? high | 1 : high
        }
    }
}
