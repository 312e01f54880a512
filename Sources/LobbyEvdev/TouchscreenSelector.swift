import LobbyTouch

/// Picks the touchscreen to read among discovered devices (pure).
///
/// Ranking: devices forced in by the match list first, then those with `INPUT_PROP_DIRECT`,
/// then by protocol (multitouch B, A, single touch with `BTN_TOUCH`, with `BTN_LEFT`), then by
/// event number. With nothing usable, the health says whether nothing is there or a touchscreen
/// is there but unreadable (udev's database tells which unreadable nodes are touchscreens).
public enum TouchscreenSelector {
    /// The outcome of a selection.
    public enum Selection: Hashable, Sendable {
        /// Read this device with this protocol.
        case touchscreen(InputDeviceEntry, TouchProtocol, forcedByMatch: Bool)
        /// Nothing to read; the health to report.
        case none(TouchscreenHealth)
    }

    /// Chooses among `entries`. With `devicePath` set, only that node counts and a node that is
    /// there but is not a touchscreen is an error rather than an absence.
    public static func select(_ entries: [InputDeviceEntry], matchList: DeviceMatchList = DeviceMatchList(),
                              devicePath: String? = nil) -> Selection {
        if let devicePath {
            guard let entry = entries.first(where: { $0.path == devicePath }) else { return .none(.absent) }
            if let failure = entry.failure {
                return failure.meansAbsent ? .none(.absent) : .none(.error(reason: failure.description))
            }
            guard let device = entry.description else { return .none(.absent) }
            switch TouchDeviceClassifier.classify(device, matchList: matchList) {
            case .touchscreen(let found, let forced): return .touchscreen(entry, found, forcedByMatch: forced)
            case .notTouchscreen(let reason):
                return .none(.error(reason: "\(devicePath) (\"\(device.name)\" \(device.identity.vendorProduct)) is not a touchscreen: \(reason)"))
            }
        }
        var best: (rank: [Int], entry: InputDeviceEntry, found: TouchProtocol, forced: Bool)?
        for entry in entries {
            guard let device = entry.description,
                  case .touchscreen(let found, let forced) = TouchDeviceClassifier.classify(device, matchList: matchList)
            else { continue }
            let rank = [forced ? 0 : 1, device.has(.direct) ? 0 : 1, protocolRank(found), entry.eventNumber ?? Int.max]
            if best == nil || rank.lexicographicallyPrecedes(best!.rank) {
                best = (rank, entry, found, forced)
            }
        }
        if let best { return .touchscreen(best.entry, best.found, forcedByMatch: best.forced) }
        // A node this process may not open is only worth an alarm when udev says it is a
        // touchscreen (or a listed panel): keyboards the daemon has no business reading are not.
        for entry in entries where entry.failure?.isPermissionProblem ?? false {
            guard let failure = entry.failure, let record = entry.udev, record.describesTouchscreen(matchList: matchList) else { continue }
            return .none(.error(reason: "\(failure.description) (is the daemon in the device's group?)"))
        }
        return .none(.absent)
    }

    private static func protocolRank(_ value: TouchProtocol) -> Int {
        switch value {
        case .multitouchSlots: 0
        case .multitouchAnonymous: 1
        case .singleTouch(let button): button == .touch ? 2 : 3
        }
    }
}
