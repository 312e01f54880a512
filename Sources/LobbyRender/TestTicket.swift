/// The technicians' test ticket: ruler marks across the printable width, every Azerbaijani
/// letter, Cyrillic, the printer's facts and a QR code.
public enum TestTicket {
    /// Every letter of the Azerbaijani Latin alphabet, capital and small.
    public static let azerbaijaniLetters =
        "A a B b C c Ç ç D d E e Ə ə F f G g Ğ ğ H h X x I ı İ i J j K k Q q L l M m N n O o Ö ö P p R r S s Ş ş T t U u Ü ü V v Y y Z z"
    /// The Russian alphabet, capital and small.
    public static let cyrillicLetters =
        "А Б В Г Д Е Ё Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я "
        + "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я"

    /// The layout (built in, not a file, so it works before any centre template is installed).
    public static let layout = TicketLayout(
        name: "test-ticket",
        margins: TicketLayout.Margins(top: 8, bottom: 24, left: 8, right: 8),
        blockSpacingDots: 10,
        blocks: [
            .ruler,
            .text(TextStyle(sizeDots: 28, weight: .bold, alignment: .center), (try? TextTemplate(parsing: "{centreName}"))!),
            .text(TextStyle(sizeDots: 20, alignment: .center), (try? TextTemplate(parsing: "{serviceName}"))!),
            .rule(RuleBlock(thicknessDots: 2)),
            .text(TextStyle(sizeDots: 26), TextTemplate(segments: [.literal(azerbaijaniLetters)])),
            .text(TextStyle(sizeDots: 26, weight: .bold), TextTemplate(segments: [.literal(azerbaijaniLetters)])),
            .text(TextStyle(sizeDots: 22), TextTemplate(segments: [.literal(cyrillicLetters)])),
            .rule(RuleBlock(thicknessDots: 2, dashed: true)),
            .bigNumber(TextStyle(sizeDots: 96, weight: .bold, alignment: .center, wraps: false), (try? TextTemplate(parsing: "{ticketNumber}"))!),
            .qr(QRBlock(field: .statusURL, maxWidthPercent: 50)),
            .dateTime(TextStyle(sizeDots: 20, alignment: .center, wraps: false), (try? TextTemplate(parsing: "{issueDate} {issueTime}"))!),
            .text(TextStyle(sizeDots: 18, alignment: .center), (try? TextTemplate(parsing: "{note}"))!),
        ]
    )

    /// Content for the test ticket. `printerDescription` names the profile and width, e.g.
    /// `generic-80mm · 576 dots · 203 dpi`; date and time come formatted from the caller.
    public static func content(
        printerDescription: String, issueDate: String, issueTime: String, statusURL: String
    ) -> TicketContent {
        TicketContent(
            language: .az, centreName: "Lobby — test", serviceName: printerDescription, ticketNumber: "T000",
            peopleAhead: 0, expectedWaitMinutes: 0, issueDate: issueDate, issueTime: issueTime,
            statusURL: statusURL, note: "Şəkil aydın, hərflər tam görünürsə printer hazırdır."
        )
    }
}
