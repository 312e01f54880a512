import Foundation
@testable import LobbyTouch

/// The real recordings checked in beside the tests (see Recordings/NOTICE.md).
enum Recordings {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recordings")

    static func text(_ name: String) -> String {
        // Test-only file access: the library itself never reads files.
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    static var wetabProp: String { text("wetab.prop") }
    static var wetabEvent: String { text("wetab.event") }
    static var n4Desc: String { text("n4.desc") }
    static var n4Events: String { text("n4.events") }
    /// The synthetic eGalax 0eef:0001 recording (BTN_TOOL_PEN + BTN_TOUCH, see NOTICE).
    static var egalaxPen: String { text("egalax-0eef-0001.evemu") }

    static func wetab() throws -> EvemuRecording { try EvemuParser.parse(wetabEvent) }
    static func n4() throws -> EvemuRecording { try EvemuParser.parse(description: n4Desc, events: n4Events) }
    static func egalax() throws -> EvemuRecording { try EvemuParser.parse(egalaxPen) }
}
