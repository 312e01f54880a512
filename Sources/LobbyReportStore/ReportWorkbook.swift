import LobbyJournal
import LobbyReports

/// A report as an XLSX workbook (Office Open XML): a sheet with the CSV's columns and rows, and a
/// sheet of arrivals by weekday and hour. Written as a ZIP archive of stored (uncompressed)
/// entries with fixed times, so the same report always gives the same bytes.
public enum ReportWorkbook {
    /// The workbook's bytes.
    public static func render(_ report: Report) -> [UInt8] {
        var rows: [[String]] = [ReportCSV.columns]
        let lines = ReportCSV.render(report).split(separator: "\r\n").dropFirst()
        for line in lines { rows.append(ReportCSV.fields(of: String(line))) }
        var arrivals: [[String]] = [["weekday"] + (0..<24).map(String.init)]
        for (d, hours) in report.arrivals.enumerated() {
            arrivals.append([["mon", "tue", "wed", "thu", "fri", "sat", "sun"][d]] + hours.map(String.init))
        }
        var zip = StoredZip()
        zip.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>
            """)
        zip.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        zip.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Report \(report.from) \(report.to)" sheetId="1" r:id="rId1"/><sheet name="Arrivals" sheetId="2" r:id="rId2"/>\
            </sheets></workbook>
            """)
        zip.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
            </Relationships>
            """)
        zip.add("xl/worksheets/sheet1.xml", sheet(rows))
        zip.add("xl/worksheets/sheet2.xml", sheet(arrivals))
        return zip.finish()
    }

    /// A worksheet: the first row and first column as text, other cells as numbers when they are numbers.
    static func sheet(_ rows: [[String]]) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for (r, cells) in rows.enumerated() {
            s += "<row r=\"\(r + 1)\">"
            for (c, value) in cells.enumerated() where !value.isEmpty {
                let ref = column(c) + String(r + 1)
                if r > 0, c > 0, Double(value) != nil {
                    s += "<c r=\"\(ref)\"><v>\(value)</v></c>"
                } else {
                    s += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(ReportHTML.escape(value))</t></is></c>"
                }
            }
            s += "</row>"
        }
        return s + "</sheetData></worksheet>\n"
    }

    /// The column letters of a 0-based index: A … Z, AA ….
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

/// A ZIP archive of stored entries (no compression), every entry dated 1980-01-01 00:00.
struct StoredZip {
    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }

    mutating func add(_ name: String, _ text: String) {
        let data = Array(text.utf8), path = Array(name.utf8)
        let crc = CRC32.checksum(data), size = UInt32(data.count), offset = UInt32(bytes.count)
        let common = Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x21)
            + Self.le32(crc) + Self.le32(size) + Self.le32(size) + Self.le16(path.count) + Self.le16(0)
        bytes += Self.le32(0x0403_4B50) + common + path + data
        central += Self.le32(0x0201_4B50) + Self.le16(20) + common + Self.le16(0) + Self.le16(0) + Self.le16(0)
            + Self.le32(0) + Self.le32(offset) + path
        count += 1
    }

    func finish() -> [UInt8] {
        bytes + central + Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(count) + Self.le16(count)
            + Self.le32(UInt32(central.count)) + Self.le32(UInt32(bytes.count)) + Self.le16(0)
    }
}
