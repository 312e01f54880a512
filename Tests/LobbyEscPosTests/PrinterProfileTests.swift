import Testing
@testable import LobbyEscPos

@Suite struct PrinterProfileTests {
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
