import LobbyReports
internal import CRender

/// The printable report: an A4 PDF drawn with cairo and pango. The first page holds the key
/// figures against the previous period, the votes by score, the arrivals heatmap and a bar per
/// row; the table of every row follows on landscape pages.
public enum ReportPDF {
    /// What was drawn.
    public struct Result: Sendable, Hashable {
        /// Pages written.
        public var pages: Int
        /// Characters drawn without a glyph in the font (0 when every letter was found).
        public var missingGlyphs: Int
    }

    /// Writes `report` in `language` to a PDF file at `path`.
    public static func write(_ report: Report, language: ReportLanguage, to path: String) throws(ReportPDFError) -> Result {
        guard let surface = cairo_pdf_surface_create(path, Page.portrait.width, Page.portrait.height),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ReportPDFError("cannot create \(path): check that its folder exists and is writable")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "\(language.text("title")) \(report.from) – \(report.to)")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Lobby")
        let canvas = Canvas(surface: surface)
        defer { canvas.finish() }
        canvas.firstPage(report, language)
        var pages = 1
        let cells = ReportHTML.tableCells(report, language)
        var start = 1
        while start < cells.count {
            cairo_show_page(canvas.cr)
            cairo_pdf_surface_set_size(surface, Page.landscape.width, Page.landscape.height)
            start = canvas.tablePage(report, language, cells: cells, from: start)
            pages += 1
        }
        cairo_show_page(canvas.cr)
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ReportPDFError("cannot write \(path): \(String(cString: cairo_status_to_string(cairo_surface_status(surface))))")
        }
        return Result(pages: pages, missingGlyphs: canvas.missingGlyphs)
    }
}

/// A report PDF that could not be written.
public struct ReportPDFError: Error, CustomStringConvertible {
    /// What went wrong and where.
    public var description: String
    init(_ description: String) { self.description = description }
}

enum Page {
    static let portrait = (width: 595.28, height: 841.89)
    static let landscape = (width: 841.89, height: 595.28)
    static let margin = 40.0
}
