/// ICAO 9303-10 LDS1 facts for reading an eMRTD chip without secure messaging.
public enum LDS1 {
    /// The eMRTD application identifier A0 00 00 02 47 10 01.
    public static let applicationID: [UInt8] = [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]
    /// EF.COM file identifier.
    public static let efCOM: UInt16 = 0x011E
    /// EF.DG1 (MRZ) file identifier.
    public static let efDG1: UInt16 = 0x0101
    /// EF.SOD file identifier.
    public static let efSOD: UInt16 = 0x011D
    /// DG1 template tag.
    public static let dg1Tag: UInt32 = 0x61
    /// MRZ data element tag inside DG1.
    public static let mrzTag: UInt32 = 0x5F1F

    /// The MRZ text inside a DG1 file (`61 L { 5F1F L mrz }`), as one line of 72, 88 or 90 characters.
    public static func mrz(fromDG1 bytes: [UInt8]) throws(CCIDDecodingError) -> String {
        let template = try BERTLV(parsing: bytes)
        guard template.tag == dg1Tag else { throw .invalidValue(what: "DG1 template tag (expected 61)", offset: 0, value: bytes[0]) }
        for object in try BERTLV.sequence(template.value) where object.tag == mrzTag {
            for (offset, byte) in object.value.enumerated() where byte < 0x20 || byte > 0x7E {
                throw .invalidValue(what: "DG1 MRZ character", offset: template.headerLength + object.headerLength + offset, value: byte)
            }
            return String(decoding: object.value, as: UTF8.self)
        }
        throw .truncated(what: "DG1 MRZ data element 5F1F", needed: 1, available: 0)
    }
}
