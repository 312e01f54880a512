import Foundation

/// Opens the display a configuration names: the fixed device, or the first DRM card with a
/// connected output, else the first framebuffer device. Reports the most useful error when none works.
public enum DisplayOpener {
    /// The candidate nodes in order: `cardN` (DRM) then `fbN` (fbdev), numerically sorted.
    public static func candidates(_ configuration: DisplayConfiguration) -> [String] {
        if let device = configuration.device { return [device] }
        var paths: [String] = []
        if configuration.backend != .fbdev { paths += nodes(in: configuration.drmDirectory, prefix: "card") }
        if configuration.backend != .drm { paths += nodes(in: configuration.fbdevDirectory, prefix: "fb") }
        return paths
    }

    /// Opens the display.
    public static func open(_ configuration: DisplayConfiguration) throws(DisplayError) -> any DisplayOutput {
        let paths = candidates(configuration)
        var errors: [DisplayError] = []
        for path in paths {
            do {
                return try openNode(path, configuration)
            } catch {
                errors.append(error)
            }
        }
        guard !errors.isEmpty else {
            throw .noDevice(searched: configuration.device.map { [$0] }
                ?? [configuration.drmDirectory + "/card*", configuration.fbdevDirectory + "/fb*"])
        }
        // The most telling failure: permission, then configuration mistakes, then the first.
        if let permission = errors.first(where: { if case .permissionDenied = $0 { true } else { false } }) { throw permission }
        if let busy = errors.first(where: { if case .busy = $0 { true } else { false } }) { throw busy }
        throw errors[0]
    }

    private static func openNode(_ path: String, _ configuration: DisplayConfiguration) throws(DisplayError) -> any DisplayOutput {
        let name = (path as NSString).lastPathComponent
        let isFbdev = configuration.backend == .fbdev || (configuration.backend == .auto && name.hasPrefix("fb"))
        if isFbdev {
            return try FbdevDisplay(path: path, rotation: configuration.rotation, graphicsConsole: configuration.graphicsConsole)
        }
        return try DRMDisplay(path: path, connector: configuration.connector, mode: configuration.mode,
                              rotation: configuration.rotation, buffering: configuration.buffering)
    }

    private static func nodes(in directory: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)) else { return nil }
            return (number, directory + "/" + name)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
