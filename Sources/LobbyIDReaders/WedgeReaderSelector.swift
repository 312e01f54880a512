import LobbyEvdev
import LobbyTouch

/// Picks the input nodes of a keyboard-wedge reader among discovered devices (pure).
///
/// Only nodes that are named (`devicePath`) or recognised by the match list count, and only
/// those that can type (letter, digit and Enter keys): the kiosk's own keyboard and a reader's
/// consumer-control interface are never taken.
public enum WedgeReaderSelector {
    /// What the scan found.
    public struct Selection: Sendable, Hashable {
        /// Nodes to open and grab (every typing node of the reader).
        public var nodes: [InputDeviceEntry]
        /// Matching nodes that cannot be opened, with why (permissions, gone).
        public var unreadable: [String]
        /// Why nothing is usable when `nodes` and `unreadable` are empty.
        public var missingReason: String
    }

    /// KEY_A, KEY_1, KEY_ENTER: what a node must advertise to be a typing interface.
    public static let requiredKeys: [UInt16] = [30, 2, 28]

    /// Whether the device can type an MRZ (letters, digits, Enter).
    public static func canType(_ device: DeviceDescription) -> Bool {
        requiredKeys.allSatisfy { device.supports(.key, code: $0) }
    }

    /// Chooses among `entries` for `source`; `alreadyOpen` paths are left out of `nodes`.
    public static func select(_ entries: [InputDeviceEntry], source: WedgeReaderSource, alreadyOpen: Set<String> = []) -> Selection {
        var nodes: [InputDeviceEntry] = []
        var unreadable: [String] = []
        var notTyping: [String] = []
        for entry in entries {
            let named = source.devicePath == entry.path
            if let failure = entry.failure {
                guard !failure.meansAbsent else { continue }
                // A node we may not open is only ours to report when it is named, or udev says it is a listed device.
                if named || (entry.udev.map { record in recognised(record: record, matches: source.matches) } ?? false) {
                    unreadable.append(failure.isPermissionProblem
                                      ? "\(failure.description) (is the daemon in the reader's group? see udev/74-lobby-mrz-readers.rules)"
                                      : failure.description)
                }
                continue
            }
            guard let device = entry.description else { continue }
            guard named || (source.devicePath == nil && source.matches.entry(name: device.name, identity: device.identity) != nil) else {
                continue
            }
            guard canType(device) else {
                notTyping.append("\(entry.path) (\"\(device.name)\" \(device.identity.vendorProduct))")
                continue
            }
            if !alreadyOpen.contains(entry.path) { nodes.append(entry) }
        }
        let reason: String
        if let devicePath = source.devicePath {
            reason = notTyping.isEmpty ? "\(devicePath) does not exist" : "\(notTyping.joined(separator: ", ")) cannot type an MRZ (no letter, digit or Enter keys)"
        } else if source.matches.entries.isEmpty {
            reason = "no reader configured: give a VID:PID or name match, or a device path"
        } else if !notTyping.isEmpty {
            reason = "only non-typing interfaces match \(source.matches.summary): \(notTyping.joined(separator: ", "))"
        } else {
            reason = "no input device matches \(source.matches.summary)"
        }
        return Selection(nodes: nodes, unreadable: unreadable, missingReason: reason)
    }

    /// Whether udev's record of an unreadable node names a listed reader (its vendor and product properties).
    static func recognised(record: UdevDeviceRecord, matches: WedgeReaderMatchList) -> Bool {
        if record.properties["LOBBY_MRZ_READER"] == "1" { return true }
        guard let vendor = record.properties["ID_VENDOR_ID"].flatMap({ UInt16($0, radix: 16) }),
              let product = record.properties["ID_MODEL_ID"].flatMap({ UInt16($0, radix: 16) }) else { return false }
        let identity = DeviceIdentity(bus: 0, vendor: vendor, product: product, version: 0)
        return matches.entries.contains { entry in
            if case .vendorProduct = entry.match { entry.match.matches(name: "", identity: identity) } else { false }
        }
    }
}
