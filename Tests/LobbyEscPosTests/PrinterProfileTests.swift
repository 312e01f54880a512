import LobbyTestSupport
import Testing
@testable import LobbyEscPos

@Suite(.tags(.unit)) struct PrinterProfileTests {
    @Test func shippedProfilesLoadAndAreConsistent() throws {
        let files = try TestFiles.jsonFiles(in: TestFiles.profiles)
        #expect(files.count >= 4)
        let catalog = try PrinterProfileCatalog(files: files)
        #expect(catalog.names == files.map { String($0.fileName.dropLast(5)) })

        let generic = try #require(catalog["generic-80mm"])
        #expect(generic.width == .dots576)
        #expect(generic.dotsPerInch == 203)
        #expect(generic.cut == .feedThenPartialCut(feedUnits: 0))
        #expect(generic.imageCommand == .rasterGSv0)

        let clone = try #require(catalog["clone-58mm-column-image"])
        #expect(clone.width == .dots384)
        #expect(clone.imageCommand == .columnESCStar)
        #expect(clone.status == .none)
        #expect(clone.cut == .fullCut)

        let epson = try #require(catalog["epson-tm-t88-80mm"])
        #expect(epson.width == .dots512 && epson.dotsPerInch == 180)
        #expect(epson.status == .realTimeAndAutomaticStatusBack)
        #expect(catalog["generic-58mm"]?.cut == CutCommand.none)
    }

    @Test(arguments: [
        ("wrong-width.json", "widthDots", "500 is not one of 384, 512, 576"),
        ("misspelt-field.json", "maxBandRow", "unknown field"),
        ("unknown-cut.json", "cut", "'guillotine' is not one of"),
        ("not-json.json", "", "not valid JSON"),
        ("name-mismatch.json", "name", "does not match the file name"),
        ("band-too-tall.json", "maxBandRows", "10000 is outside 8...4096"),
        ("feed-units-without-feed-cut.json", "cutFeedUnits", "only applies to cut feedThenFullCut or feedThenPartialCut"),
        ("width-as-string.json", "widthDots", "must be a whole number, found a string"),
        ("missing-status.json", "status", "is missing"),
    ])
    func badProfilesNameTheFileAndField(fileName: String, field: String, message: String) throws {
        let bytes = try TestFiles.bytes(TestFiles.vectors.appendingPathComponent("bad-profiles/\(fileName)"))
        do {
            _ = try PrinterProfile(jsonBytes: bytes, fileName: fileName)
            Issue.record("\(fileName) was accepted")
        } catch {
            #expect(error.file == fileName)
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("\(fileName): "))
        }
    }

    @Test func duplicateNamesAreRejected() throws {
        let bytes = try TestFiles.bytes(TestFiles.profiles.appendingPathComponent("generic-80mm.json"))
        #expect(throws: DataFileError(file: "generic-80mm.json", field: "name", message: "duplicate profile name 'generic-80mm'")) {
            try PrinterProfileCatalog(files: [("generic-80mm.json", bytes), ("generic-80mm.json", bytes)])
        }
    }

    @Test func encoderFollowsTheProfile() throws {
        let catalog = try PrinterProfileCatalog(files: TestFiles.jsonFiles(in: TestFiles.profiles))
        var bitmap = MonoBitmap(widthDots: 384, heightDots: 30)
        bitmap[100, 29] = true
        let clone = try #require(catalog["clone-58mm-column-image"])
        let decoded = try EscPosDecoder().decode(EscPosEncoder(profile: clone).ticketBytes(for: bitmap))
        #expect(decoded.images.map(\.kind) == [.columnImage(.double24)])
        #expect(decoded.commands.suffix(2).map(\.command) == [.feedLines(3), .cut(.fullCut)])
    }
}

@Suite(.tags(.unit)) struct TextModeProfileTests {
    static func profile(_ extra: String, name: String = "p") throws -> PrinterProfile {
        let json = """
        {"name": "\(name)", "widthDots": 576, "dpi": 203, "cut": "partialCut", "imageCommand": "rasterGSv0", "status": "realTime",
         "maxBandRows": 256, "feedLinesBeforeCut": 0\(extra)}
        """
        return try PrinterProfile(jsonBytes: Array(json.utf8), fileName: "\(name).json")
    }

    @Test func shippedProfilesSayWhichModesThePrinterSupports() throws {
        let catalog = try PrinterProfileCatalog(files: try TestFiles.jsonFiles(in: TestFiles.profiles))
        #expect(catalog["generic-80mm"]?.modes == [.raster] && catalog["generic-80mm"]?.text == nil)
        let epson = try #require(catalog["epson-tm-t20-80mm"]?.text)
        #expect(catalog["epson-tm-t20-80mm"]?.preferredMode == .text)
        #expect(epson.codePages.map { "\($0.table.name)=\($0.number)" } == ["pc857=13", "wpc1254=48", "pc866=17", "wpc1251=46", "pc437=0"])
        #expect(epson.nativeQR && epson.userDefinedCharacters)
        let pos58 = try #require(catalog["pos58-serial-58mm"])
        #expect(pos58.width == .dots384 && pos58.text?.nativeQR == false)
        #expect(pos58.text?.codePages.first { $0.table == .wpc1254 }?.number == 91)
    }

    @Test func rasterOnlyWhenTheProfileSaysSo() throws {
        let text = #", "text": {"codePages": [{"table": "pc866", "escT": 17}], "nativeQR": true}"#
        #expect(try Self.profile(text).modes == [.text, .raster])
        #expect(try Self.profile(text + #", "modes": ["raster"]"#).preferredMode == .raster)
    }

    @Test(arguments: [
        (#", "modes": ["text"]"#, "modes[0]", "'text' needs a \"text\" section"),
        (#", "modes": ["pictures"]"#, "modes[0]", "must be \"text\" or \"raster\""),
        (#", "text": {"codePages": []}"#, "text.codePages", "must list at least one code page"),
        (#", "text": {"codePages": [{"table": "pc999", "escT": 1}]}"#, "text.codePages[0].table", "'pc999' is not one of"),
        (#", "text": {"codePages": [{"table": "pc857", "escT": 13}, {"table": "pc866", "escT": 13}]}"#, "text.codePages[1].escT", "13 is given twice"),
        (#", "text": {"codePages": [{"table": "pc857", "escT": 13}], "maxCharacterScale": 9}"#, "text.maxCharacterScale", "9 is outside 1...8"),
        (#", "text": {"codePages": [{"table": "pc857", "escT": 13}], "font": {"heightDots": 20}}"#, "text.font.heightDots", "not a multiple of 8"),
        (#", "text": {"codePages": [{"table": "pc857", "escT": 13}], "fonts": {}}"#, "text.fonts", "unknown field"),
    ])
    func badTextSectionsNameTheField(extra: String, field: String, message: String) throws {
        #expect {
            try Self.profile(extra)
        } throws: { error in
            guard let error = error as? DataFileError else { return false }
            return error.file == "p.json" && error.field == field && error.message.contains(message)
        }
    }
}
