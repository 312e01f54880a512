/// The known USB ESC/POS printers of one or more data files (`Profiles/usb/*.json`), looked up by
/// vendor and product ID. The pure core does no I/O: the caller reads the files and passes them in.
///
/// File format: `{"description": "…", "printers": [{"vendorId": "04b8", "productId": "0202",
/// "make": "…", "model": "…", "profile": "…"}]}`; IDs are four hex digits.
public struct KnownUSBPrinterCatalog: Equatable, Sendable {
    /// Entries by `(vendorID << 16) | productID`.
    public let printersByID: [UInt32: KnownUSBPrinter]

    /// Parses every file; an invalid file or an ID listed twice fails the whole catalog.
    public init(files: [(fileName: String, bytes: [UInt8])]) throws(DataFileError) {
        var printers: [UInt32: KnownUSBPrinter] = [:]
        for file in files {
            let root = try DataFileObject(file: file.fileName, bytes: file.bytes)
            try root.rejectUnknownFields(allowed: ["description", "printers"])
            _ = try root.string("description", required: false)
            let items = try root.array("printers") ?? []
            for (index, item) in items.enumerated() {
                let entry = try DataFileObject(file: file.fileName, path: "printers[\(index)]", value: item)
                try entry.rejectUnknownFields(allowed: ["vendorId", "productId", "make", "model", "profile"])
                let vendor = try Self.id(entry, "vendorId")
                let product = try Self.id(entry, "productId")
                let make = try entry.requiredString("make")
                let model = try entry.requiredString("model")
                for (key, text) in [("make", make), ("model", model)] where text.isEmpty || text.contains("\"") {
                    throw entry.error(key, "must be non-empty text without double quotes")
                }
                let printer = KnownUSBPrinter(vendorID: vendor, productID: product, make: make, model: model,
                                              profile: try entry.string("profile", required: false))
                let key = Self.key(vendor, product)
                guard printers[key] == nil else {
                    throw entry.error("productId", "\(printer.idText) is listed twice")
                }
                printers[key] = printer
            }
        }
        printersByID = printers
    }

    /// An empty catalog.
    public init() { printersByID = [:] }

    private init(printersByID: [UInt32: KnownUSBPrinter]) { self.printersByID = printersByID }

    /// This catalog with `other`'s entries added; `other` wins where both list an ID (local
    /// additions override the shipped file).
    public func merging(_ other: KnownUSBPrinterCatalog) -> KnownUSBPrinterCatalog {
        KnownUSBPrinterCatalog(printersByID: printersByID.merging(other.printersByID) { _, local in local })
    }

    /// The entry for a device, if any.
    public func printer(vendorID: UInt16, productID: UInt16) -> KnownUSBPrinter? {
        printersByID[Self.key(vendorID, productID)]
    }

    /// Every entry, sorted by ID.
    public var printers: [KnownUSBPrinter] { printersByID.keys.sorted().compactMap { printersByID[$0] } }

    private static func key(_ vendor: UInt16, _ product: UInt16) -> UInt32 { UInt32(vendor) << 16 | UInt32(product) }

    private static func id(_ object: DataFileObject, _ key: String) throws(DataFileError) -> UInt16 {
        let text = try object.requiredString(key)
        guard text.count == 4, let value = UInt16(text, radix: 16), !text.hasPrefix("+"), !text.hasPrefix("-") else {
            throw object.error(key, "'\(text)' must be four hex digits, e.g. 04b8")
        }
        return value
    }
}
