/// All printer profiles of a profiles folder, looked up by name.
///
/// The pure core does no I/O: the caller reads the folder (`*.json`) and passes the files in.
public struct PrinterProfileCatalog: Equatable, Sendable {
    /// Profiles by name.
    public let profilesByName: [String: PrinterProfile]

    /// Parses every file; the first invalid file or a duplicate name fails the whole catalog,
    /// so a typo never silently falls back to another profile.
    public init(files: [(fileName: String, bytes: [UInt8])]) throws(DataFileError) {
        var profiles: [String: PrinterProfile] = [:]
        for file in files {
            let profile = try PrinterProfile(jsonBytes: file.bytes, fileName: file.fileName)
            guard profiles[profile.name] == nil else {
                throw DataFileError(file: file.fileName, field: "name", message: "duplicate profile name '\(profile.name)'")
            }
            profiles[profile.name] = profile
        }
        self.profilesByName = profiles
    }

    /// Profile names, sorted.
    public var names: [String] { profilesByName.keys.sorted() }

    /// The profile called `name`, if any.
    public subscript(name: String) -> PrinterProfile? { profilesByName[name] }
}
