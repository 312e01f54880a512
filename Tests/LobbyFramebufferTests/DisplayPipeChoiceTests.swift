import LobbyFramebuffer
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct DisplayPipeChoiceTests {
    static let hdmi = ConnectorInfo(id: 40, name: "HDMI-A-1", connection: .connected,
                                    modes: [DisplayMode(width: 1280, height: 720, refresh: 60), DisplayMode(width: 1920, height: 1080, refresh: 60, preferred: true),
                                            DisplayMode(width: 1920, height: 1080, refresh: 50)],
                                    encoderIDs: [30])
    static let dp = ConnectorInfo(id: 41, name: "DP-1", connection: .disconnected, modes: [], encoderIDs: [31])
    static let encoders = [EncoderInfo(id: 30, currentCRTC: 0, possibleCRTCs: 0b10), EncoderInfo(id: 31, currentCRTC: 20, possibleCRTCs: 0b11)]

    @Test func firstConnectedConnectorPreferredModeAndAFreeCRTC() throws {
        let choice = try DisplayPipeChoice.choose(card: "c", connectors: [Self.dp, Self.hdmi], encoders: Self.encoders, crtcIDs: [20, 21])
        #expect(choice.connector.name == "HDMI-A-1")
        #expect(choice.mode == DisplayMode(width: 1920, height: 1080, refresh: 60, preferred: true))
        #expect(choice.crtcID == 21, "bit 1 of possible_crtcs is the second CRTC")
    }

    @Test func theCRTCAlreadyDrivingTheConnectorIsKept() throws {
        var hdmi = Self.hdmi
        hdmi.currentEncoderID = 30
        let encoders = [EncoderInfo(id: 30, currentCRTC: 20, possibleCRTCs: 0b11)]
        #expect(try DisplayPipeChoice.choose(card: "c", connectors: [hdmi], encoders: encoders, crtcIDs: [20, 21]).crtcID == 20)
    }

    @Test func requestedModeWithTheHighestRefresh() throws {
        let any = try DisplayPipeChoice.choose(card: "c", connectors: [Self.hdmi], encoders: Self.encoders, crtcIDs: [20, 21],
                                               mode: DisplayModeRequest(width: 1920, height: 1080))
        #expect(any.modeIndex == 1)
        let fifty = try DisplayPipeChoice.choose(card: "c", connectors: [Self.hdmi], encoders: Self.encoders, crtcIDs: [20, 21],
                                                 mode: try DisplayModeRequest(parsing: "1920x1080@50"))
        #expect(fifty.modeIndex == 2)
    }

    @Test func errorsSayWhatTheCardHas() {
        #expect(throws: DisplayError.noConnectedConnector(path: "c", connectors: ["DP-1 (disconnected, 0 modes)"])) {
            try DisplayPipeChoice.choose(card: "c", connectors: [Self.dp], encoders: Self.encoders, crtcIDs: [20])
        }
        #expect(throws: DisplayError.connectorNotFound(path: "c", name: "eDP-1", connectors: ["HDMI-A-1 (connected, 3 modes)"])) {
            try DisplayPipeChoice.choose(card: "c", connectors: [Self.hdmi], encoders: Self.encoders, crtcIDs: [20, 21], connectorName: "eDP-1")
        }
        #expect(throws: DisplayError.modeNotFound(path: "c", connector: "HDMI-A-1", requested: "800x600",
                                                  available: ["1280x720@60", "1920x1080@50", "1920x1080@60"])) {
            try DisplayPipeChoice.choose(card: "c", connectors: [Self.hdmi], encoders: Self.encoders, crtcIDs: [20, 21],
                                         mode: DisplayModeRequest(width: 800, height: 600))
        }
        #expect(throws: DisplayError.noCRTC(path: "c", connector: "HDMI-A-1")) {
            try DisplayPipeChoice.choose(card: "c", connectors: [Self.hdmi], encoders: Self.encoders, crtcIDs: [20])
        }
    }

    @Test(arguments: ["1920x1080", "1920x1080@60", "800x480@75"])
    func modeRequestsParse(_ text: String) throws {
        #expect(try DisplayModeRequest(parsing: text).description == text)
    }

    @Test(arguments: ["", "1920", "1920x", "x1080", "1920x1080@", "1920x1080@0", "-5x10", "1920x1080@60@1", "axb"])
    func badModeRequestsAreRefused(_ text: String) {
        #expect(throws: DisplayModeRequest.ParseError(text: text)) { try DisplayModeRequest(parsing: text) }
    }

    @Test func fourCCCodes() {
        #expect(FramebufferFormat.xrgb8888.drmFourCC == 0x3432_5258)
        #expect(FramebufferFormat.xbgr8888.drmFourCC == 0x3432_4258)
        #expect(FramebufferFormat.rgb565.drmFourCC == 0x3631_4752)
    }
}
