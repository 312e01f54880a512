/// The ICAO 9303-11 Basic Access Control "MRZ information" (LobbyEMRTD derives the keys from it).
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
}
