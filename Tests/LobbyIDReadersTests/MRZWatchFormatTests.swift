import LobbyCard
import LobbyIDReaders
@testable import LobbyMRZ
import LobbyTestSupport
import Testing

@Suite("mrz watch output and masking", .tags(.unit))
struct MRZWatchFormatTests {
    static func reading(_ lines: [String]) -> MRZReading {
        let candidate = MRZCandidate(text: lines.joined(separator: "\n"), lineCount: lines.count, completion: .expectedLineCount,
                                     completedAt: InputInstant(microseconds: 5_000_000), wasTruncated: false)
        return MRZReading(path: "/dev/input/event4", candidate: candidate, document: MRZParser.parse(candidate.text), latencyMicroseconds: 412)
    }

    /// Every personal value of the document (and the raw lines).
    static func personalValues(_ reading: MRZReading) throws -> [String] {
        let fields = try #require(reading.document.fields)
        return [fields.documentNumber, fields.surname, fields.givenNames, fields.birthDate, try #require(fields.expiryDate),
                try #require(fields.fin?.text)] + reading.candidate.text.split(separator: "\n").map(String.init)
    }

    @Test func maskedTextAndJSONHidePersonalData() throws {
        let reading = Self.reading(try Vectors.newAzerbaijaniTD1())
        let event = MRZReaderEvent(reader: "entrance", kind: .document(reading))
        for json in [false, true] {
            let line = MRZWatchFormat.line(event, style: CardOutputStyle(json: json, reveal: false))
            for value in try Self.personalValues(reading) {
                #expect(!line.contains(value), "masked \(json ? "JSON" : "text") shows '\(value)': \(line)")
            }
            #expect(line.contains("AA*******"))
            #expect(line.contains("AZE"))
        }
        #expect(MRZWatchFormat.text(event, reveal: false) == "entrance: document TD1 ID AZE valid documentNumber AA******* surname *** "
                + "givenNames *** birthDate *** sex *** expiryDate *** nationality *** fin *** (3 lines, complete, 0.412 ms after the last line)")
    }

    @Test func revealShowsEverything() throws {
        let reading = Self.reading(try Vectors.newAzerbaijaniTD1())
        let event = MRZReaderEvent(reader: "entrance", kind: .document(reading))
        for json in [false, true] {
            let line = MRZWatchFormat.line(event, style: CardOutputStyle(json: json, reveal: true))
            for value in try Self.personalValues(reading) {
                #expect(line.contains(value), "revealed \(json ? "JSON" : "text") lacks '\(value)': \(line)")
            }
        }
    }

    @Test func errorsAreNamedByFieldWhenMasked() throws {
        var lines = try Vectors.newAzerbaijaniTD1()
        lines[1] = "0102031" + lines[1].dropFirst(7)   // birth-date check digit 0 → 1
        let event = MRZReaderEvent(reader: "entrance", kind: .document(Self.reading(lines)))
        let masked = MRZWatchFormat.line(event, style: CardOutputStyle(json: true, reveal: false))
        #expect(masked.contains("\"valid\":false"))
        #expect(masked.contains("\"errorFields\":[\"birthDate\""))
        #expect(!masked.contains("010203"))
        let revealed = MRZWatchFormat.text(event, reveal: true)
        #expect(revealed.contains("INVALID"))
        #expect(revealed.contains("birth date check digit is 1, computed 0 (line 2, column 7)"))
    }

    @Test func noiseShowsItsLengthOnly() {
        let candidate = MRZCandidate(text: "AA12\n34", lineCount: 2, completion: .idleTimeout,
                                     completedAt: InputInstant(microseconds: 0), wasTruncated: false)
        let event = MRZReaderEvent(reader: "desk", kind: .noise(MRZNoise(path: "/dev/ttyACM0", candidate: candidate)))
        #expect(MRZWatchFormat.text(event, reveal: false) == "desk: noise 6 characters in 2 line(s) (idleTimeout)")
        #expect(MRZWatchFormat.line(event, style: CardOutputStyle(json: true, reveal: false))
                == #"{"event":"noise","reader":"desk","path":"/dev/ttyACM0","characters":6,"lineCount":2,"completion":"idleTimeout"}"#)
        #expect(MRZWatchFormat.text(event, reveal: true).hasSuffix(#"text "AA12\n34""#))
    }

    @Test func healthLines() {
        let node = AttachedReader(path: "/dev/input/event4", deviceName: "Lobby Lab MRZ Reader", vendorProduct: "1209:4d52", exclusive: true)
        let serial = AttachedReader(path: "/dev/ttyACM0", exclusive: true, baud: 9_600)
        let cases: [(MRZReaderEvent.Kind, String, String)] = [
            (.attached(node), #"w: reader attached /dev/input/event4 "Lobby Lab MRZ Reader" 1209:4d52 grabbed"#,
             #"{"event":"attached","reader":"w","path":"/dev/input/event4","name":"Lobby Lab MRZ Reader","vendorProduct":"1209:4d52","baud":null,"exclusive":true}"#),
            (.attached(serial), "w: reader attached /dev/ttyACM0 9600 baud exclusive",
             #"{"event":"attached","reader":"w","path":"/dev/ttyACM0","name":"","vendorProduct":null,"baud":9600,"exclusive":true}"#),
            (.detached(node, reason: "unplugged"), "w: reader detached /dev/input/event4: unplugged",
             #"{"event":"detached","reader":"w","path":"/dev/input/event4","reason":"unplugged"}"#),
            (.missing(reason: "no input device matches 1209:4d52"), "w: reader missing: no input device matches 1209:4d52",
             #"{"event":"missing","reader":"w","reason":"no input device matches 1209:4d52"}"#),
            (.failed(problem: "busy"), "w: reader failed: busy", #"{"event":"failed","reader":"w","problem":"busy"}"#),
        ]
        for (kind, text, json) in cases {
            let event = MRZReaderEvent(reader: "w", kind: kind)
            #expect(MRZWatchFormat.line(event, style: CardOutputStyle()) == text)
            #expect(MRZWatchFormat.line(event, style: CardOutputStyle(json: true)) == json)
        }
        #expect(MRZReaderEvent(reader: "w", kind: .attached(node)).health == .present)
        #expect(MRZReaderEvent(reader: "w", kind: .failed(problem: "busy")).health == .failed(problem: "busy"))
    }
}
