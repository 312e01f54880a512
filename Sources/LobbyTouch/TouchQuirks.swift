/// The touchscreen quirks built into Lobby: `Quirks/touchscreens.quirks`, compiled in (SwiftPM
/// embeds the file), read with the same parser as the configuration's match lines.
public enum TouchQuirks {
    /// The file's text.
    public static let text = String(decoding: PackageResources.touchscreens_quirks, as: UTF8.self)

    /// The file parsed, or why it cannot be (a build defect the tests catch).
    public static let parsed = Result { () throws(DeviceMatchList.ParseError) in try DeviceMatchList(parsing: text, origin: .quirks) }

    /// The parsed quirks (none if the file were unreadable; `parsed` tells).
    public static var builtIn: DeviceMatchList {
        (try? parsed.get()) ?? DeviceMatchList(origin: .quirks)
    }
}
