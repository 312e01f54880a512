import LobbyTouch

/// Formats discovered input devices for `lobbyctl touch list` (pure): path, name, vendor and
/// product, how each is classified (with the match list), whether it is grabbed, which one the
/// daemon would read, the calibration udev gives it, and its absolute axis ranges.
///
///     /dev/input/event1  0627:0001  "QEMU QEMU USB Tablet"  [selected]
///         touchscreen: single-touch (BTN_LEFT)
///         grab: free  calibration: configured 1 0 0 0 1 0
///         ABS_X 0..32767  ABS_Y 0..32767
public enum TouchList {
    /// Text blocks, one per device, in the given order; `No input devices in DIR.` when empty.
    public static func text(_ entries: [InputDeviceEntry], matchList: DeviceMatchList = DeviceMatchList(),
                            configuredCalibration: CalibrationMatrix = .identity, directory: String = "/dev/input") -> String {
        guard !entries.isEmpty else { return "No input devices in \(directory).\n" }
        let selected = selectedPath(entries, matchList: matchList)
        var lines: [String] = []
        for entry in entries {
            guard let device = entry.description else {
                lines.append("\(entry.path)  unreadable: \(entry.failure?.description ?? "unknown error")")
                if let record = entry.udev, record.describesTouchscreen(matchList: matchList) {
                    lines.append("    udev calls it a touchscreen")
                }
                continue
            }
            lines.append("\(entry.path)  \(device.identity.vendorProduct)  \"\(device.name)\""
                         + (entry.path == selected ? "  [selected]" : ""))
            lines.append("    \(TouchDeviceClassifier.classify(device, matchList: matchList))")
            var state = "    grab: \(entry.grab.rawValue)"
            if case .touchscreen = TouchDeviceClassifier.classify(device, matchList: matchList) {
                state += "  calibration: \(CalibrationChoice.choose(udev: entry.udev, configured: configuredCalibration))"
            }
            lines.append(state)
            let axes = axisList(device)
            if !axes.isEmpty {
                lines.append("    " + axes.map { "\($0.axis) \($0.info.minimum)..\($0.info.maximum)"
                    + ($0.info.resolution > 0 ? " (\($0.info.resolution)/mm)" : "") }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object per device and line.
    public static func jsonLines(_ entries: [InputDeviceEntry], matchList: DeviceMatchList = DeviceMatchList(),
                                 configuredCalibration: CalibrationMatrix = .identity) -> String {
        let selected = selectedPath(entries, matchList: matchList)
        var lines: [String] = []
        for entry in entries {
            var members: [(String, String)] = [("path", JSONText.string(entry.path))]
            guard let device = entry.description else {
                members.append(("error", JSONText.string(entry.failure?.description ?? "unknown error")))
                lines.append(JSONText.object(members))
                continue
            }
            members += [
                ("name", JSONText.string(device.name)),
                ("id", JSONText.string(device.identity.vendorProduct.description)),
                ("bus", String(device.identity.bus)),
            ]
            switch TouchDeviceClassifier.classify(device, matchList: matchList) {
            case .touchscreen(let found, let basis):
                let choice = CalibrationChoice.choose(udev: entry.udev, configured: configuredCalibration)
                members += [
                    ("touchscreen", "true"), ("protocol", JSONText.string(found.name)),
                    ("detail", JSONText.string(found.description)), ("basis", JSONText.string(basis.name)),
                    ("basis_detail", JSONText.string(basis.description)), ("forced", basis.isConfigured ? "true" : "false"),
                    ("calibration", JSONText.string(choice.matrix.udevValue)),
                    ("calibration_source", JSONText.string(choice.source.rawValue)),
                ]
            case .notTouchscreen(let reason):
                members += [("touchscreen", "false"), ("reason", JSONText.string(reason))]
            }
            members += [("selected", entry.path == selected ? "true" : "false"), ("grab", JSONText.string(entry.grab.rawValue))]
            let axes = axisList(device).map { item in
                (item.axis.description, JSONText.object([
                    ("min", String(item.info.minimum)), ("max", String(item.info.maximum)),
                    ("resolution", String(item.info.resolution)),
                ]))
            }
            members.append(("axes", JSONText.object(axes)))
            lines.append(JSONText.object(members))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func selectedPath(_ entries: [InputDeviceEntry], matchList: DeviceMatchList) -> String? {
        if case .touchscreen(let entry, _, _) = TouchscreenSelector.select(entries, matchList: matchList) { return entry.path }
        return nil
    }

    private static func axisList(_ device: DeviceDescription) -> [(axis: AbsoluteAxis, info: AbsoluteAxisInfo)] {
        device.absoluteAxes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
