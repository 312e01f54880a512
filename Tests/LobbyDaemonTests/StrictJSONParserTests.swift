import Foundation
import LobbyEscPos
import LobbyTestSupport
import Testing

@testable import LobbyDaemon

/// The API's JSON parser accepts every valid document Foundation accepts and refuses what
/// RFC 8259 refuses, saying where.
@Suite("Strict JSON parser", .tags(.unit))
struct StrictJSONParserTests {
    @Test("valid JSON reads as Foundation reads it", arguments: [
        "{}", "[]", "{\"a\": 1}", " \n\t{\"a\" :[1, -2.5e3, 0, 0.125, true, false, null]}\r\n",
        "{\"text\": \"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"}",
        "{\"unicode\": \"\\u00e7 \\u0259 \\ud83d\\ude00 ə Ж\"}",
        "{\"nested\": {\"a\": [{\"b\": {}}]}, \"empty\": \"\"}",
        "\"just a string\"", "42", "-0", "1E+2",
    ])
    func valid(text: String) throws {
        let strict = try StrictJSONParser.parse(Array(text.utf8))
        let reference = try JSONValue.parse(Array(text.utf8))
        #expect(strict == reference)
    }

    @Test("invalid JSON is refused with a specific reason and position", arguments: [
        ("{\"a\": 1,}", "trailing comma before '}': remove the comma after the last member (line 1, column 9)"),
        ("[1, 2, ]", "trailing comma before ']': remove the comma after the last item (line 1, column 8)"),
        ("{\"a\": 1, \"b\": 2, \"a\": 3}", "the key 'a' is given twice in the same object (line 1, column 2, again line 1, column 18)"),
        ("{\"a\": 1} x", "unexpected 'x' after the end of the JSON value (line 1, column 10)"),
        ("{'a': 1}", "expected a member name in double quotes, found ''' (line 1, column 2)"),
        ("{\"a\": NaN}", "expected a value (object, array, string, number, true, false or null), found 'N' (line 1, column 7)"),
        ("{\"a\": 1.}", "expected a digit after the decimal point (line 1, column 9)"),
        ("{\"a\": \"tab\there\"}", "a control character (byte 9) inside a string; write it escaped, e.g. \\n (line 1, column 11)"),
        ("{\"a\": \"\\x\"}", "unknown escape sequence '\\x' (line 1, column 9)"),
        ("{\"a\": \"\\udc00\"}", "a lone low surrogate in a \\u escape (line 1, column 14)"),
        ("{\"a\": tru}", "expected 'true', found 't' (line 1, column 7)"),
        ("{\"a\": 1e999}", "the number at line 1, column 7 is too large"),
        ("", "the body ends where a value was expected (is it cut short?) (line 1, column 1)"),
        ("{\"a\": [1, 2", "expected ',' or ']' after an array item, found the end of the body (line 1, column 12)"),
    ])
    func invalid(text: String, message: String) {
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parse(Array(text.utf8)) }
        do {
            _ = try StrictJSONParser.parse(Array(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("invalid UTF-8 and nesting beyond the limit are refused")
    func limits() {
        var bytes = Array("{\"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parse(bytes) }
        bytes = Array(String(repeating: "[", count: 65).utf8) + Array(String(repeating: "]", count: 65).utf8)
        #expect(throws: StrictJSONParser.Failure.self) { try StrictJSONParser.parse(bytes) }
        bytes = Array(String(repeating: "[", count: 64).utf8) + Array(String(repeating: "]", count: 64).utf8)
        #expect(throws: Never.self) { try StrictJSONParser.parse(bytes) }
    }
}
