import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("Dates, ages and the century rule", .tags(.unit))
struct MRZDateTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d)! }

    @Test(arguments: [
        // (birth YYMMDD, today, expected age)
        ("740812", day(2025, 8, 11), 50),
        ("740812", day(2025, 8, 12), 51),
        ("000101", day(2025, 6, 1), 25),
        ("250601", day(2025, 6, 1), 0),     // born today: this century
        ("250602", day(2025, 6, 1), 99),    // tomorrow's date can only be a century ago
        ("991231", day(2000, 1, 1), 0),
        ("000229", day(2025, 2, 28), 24),   // leap-day birthday reached on 1 March in common years
        ("000229", day(2025, 3, 1), 25),
        ("000229", day(2024, 2, 29), 24),
    ])
    func age(birth: String, today: CalendarDay, expected: Int) throws {
        let date = try #require(MRZDate(birth))
        #expect(date.age(on: today) == expected)
    }

    @Test func birthYearRule() throws {
        let today = Self.day(2025, 6, 1)
        #expect(try #require(MRZDate("250601")).birthYear(relativeTo: today) == 2025)
        #expect(try #require(MRZDate("250602")).birthYear(relativeTo: today) == 1925)
        #expect(try #require(MRZDate("260101")).birthYear(relativeTo: today) == 1926)
        #expect(try #require(MRZDate("050101")).birthYear(relativeTo: today) == 2005)
    }

    @Test func expiryWindow() throws {
        let today = Self.day(2025, 6, 1)
        #expect(try #require(MRZDate("740101")).expiryDay(relativeTo: today) == Self.day(2074, 1, 1))
        #expect(try #require(MRZDate("750101")).expiryDay(relativeTo: today) == Self.day(1975, 1, 1))
        #expect(try #require(MRZDate("250531")).isExpired(on: today))
        #expect(try !#require(MRZDate("250601")).isExpired(on: today))
    }

    @Test(arguments: ["", "74081", "7408123", "741312", "740000", "740231", "010229", "74O812", "７４０８１２"])
    func invalidDates(text: String) {
        #expect(MRZDate(text) == nil)
    }

    @Test func descriptionRoundTrips() {
        #expect(MRZDate("040229")?.description == "040229")
        #expect(CalendarDay(year: 2023, month: 2, day: 29) == nil)
        #expect(Self.day(2024, 2, 29).description == "2024-02-29")
    }
}
