/// The ICAO 9303-11 Basic Access Control "MRZ information" and the keys derived from it.
///
/// MRZ information = document number (at least 9 characters, padded with `<`) + check digit
/// + birth date + check digit + expiry date + check digit. A document without expiry uses
/// `<<<<<<` with check digit 0.
public struct BACKeySeed: Sendable, Hashable {
    /// The MRZ information string, e.g. `L898902C<369080619406236`.
    public let mrzInformation: String

    /// Why a seed could not be built.
    public enum Problem: Error, Sendable, Hashable {
        /// A value holds characters outside the MRZ alphabet or has the wrong length.
        case invalidField(MRZField, String)
    }

    /// Builds the MRZ information from the values as written in the MRZ.
    public init(documentNumber: String, birthDate: String, expiryDate: String?) throws(Problem) {
        var number = documentNumber
        while number.utf8.count < 9 { number += "<" }
        let expiry = expiryDate ?? "<<<<<<"
        guard let numberCheck = MRZCheckDigit.compute(number) else { throw .invalidField(.documentNumber, documentNumber) }
        guard birthDate.utf8.count == 6, let birthCheck = MRZCheckDigit.compute(birthDate) else { throw .invalidField(.birthDate, birthDate) }
        guard expiry.utf8.count == 6, let expiryCheck = MRZCheckDigit.compute(expiry) else { throw .invalidField(.expiryDate, expiry) }
        mrzInformation = "\(number)\(numberCheck)\(birthDate)\(birthCheck)\(expiry)\(expiryCheck)"
    }

    /// Builds the MRZ information from parsed fields.
    public init(fields: MRZFields) throws(Problem) {
        try self.init(documentNumber: fields.documentNumber, birthDate: fields.birthDate, expiryDate: fields.expiryDate)
    }

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
