import CLazyLibraries
import LobbyConfiguration

/// The C libraries of the device edges, which lobbyd loads only when its configuration uses them
/// (Docs/Decisions/0010-lazy-device-libraries.md): a centre without printers maps no CUPS or
/// cairo, a kiosk without a card reader no libusb.
enum DeviceLibraries {
    /// A library loaded on first use.
    enum Library: CaseIterable, Sendable {
        case cups, cairo, pango, pangoCairo, gobject, glib, qrencode, usb, evdev, asound

        var id: Int32 {
            switch self {
            case .cups: Int32(LOBBY_LIB_CUPS.rawValue)
            case .cairo: Int32(LOBBY_LIB_CAIRO.rawValue)
            case .pango: Int32(LOBBY_LIB_PANGO.rawValue)
            case .pangoCairo: Int32(LOBBY_LIB_PANGOCAIRO.rawValue)
            case .gobject: Int32(LOBBY_LIB_GOBJECT.rawValue)
            case .glib: Int32(LOBBY_LIB_GLIB.rawValue)
            case .qrencode: Int32(LOBBY_LIB_QRENCODE.rawValue)
            case .usb: Int32(LOBBY_LIB_USB.rawValue)
            case .evdev: Int32(LOBBY_LIB_EVDEV.rawValue)
            case .asound: Int32(LOBBY_LIB_ASOUND.rawValue)
            }
        }

        /// The shared object, e.g. `libcups.so.2`.
        var soname: String { String(cString: lobby_lazy_soname(id)) }
    }

    /// What drawing needs: cairo, pango with its GLib, and libqrencode.
    static let drawing: [Library] = [.cairo, .pango, .pangoCairo, .gobject, .glib, .qrencode]
    /// What printing needs: CUPS and drawing.
    static let printing: [Library] = [.cups] + drawing

    /// What a configuration's devices need: printers CUPS and drawing (drawing only when the
    /// printers are simulated, as in the demo); a kiosk drawing, libevdev for its touchscreen or
    /// keyboard-wedge MRZ reader, libusb for its card reader.
    static func needed(by configuration: DaemonConfiguration, simulatedPrinters: Bool = false) -> [Library] {
        var libraries: [Library] = []
        if configuration.printing != nil { libraries += simulatedPrinters ? drawing : printing }
        if let kiosk = configuration.kiosk {
            libraries += drawing
            if kiosk.touchscreen || kiosk.mrzReaderDevice != nil { libraries.append(.evdev) }
            if kiosk.cardReader { libraries.append(.usb) }
        }
        // A sound card: ALSA (the demo's simulated card needs none).
        if configuration.audio != nil && !simulatedPrinters { libraries.append(.asound) }
        var seen = Set<Int32>()
        return libraries.filter { seen.insert($0.id).inserted }
    }

    /// A library that could not be loaded.
    struct Missing: Error, CustomStringConvertible {
        /// What needed it (a configuration section).
        let neededBy: String
        /// The library.
        let soname: String
        /// The loader's reason.
        let reason: String

        var description: String {
            "\(neededBy) needs \(soname), which could not be loaded (\(reason)); install lobbyd's runtime packages (Docs/Install.md)"
        }
    }

    /// Loads `libraries` now, for `neededBy`; throws on the first that cannot be loaded.
    static func require(_ libraries: [Library], for neededBy: String) throws(Missing) {
        for library in libraries {
            if let failure = lobby_lazy_require(library.id) {
                throw Missing(neededBy: neededBy, soname: library.soname, reason: String(cString: failure))
            }
        }
    }

    /// The shared objects loaded so far.
    static var loaded: [String] {
        Library.allCases.filter { lobby_lazy_is_loaded($0.id) != 0 }.map(\.soname)
    }
}
