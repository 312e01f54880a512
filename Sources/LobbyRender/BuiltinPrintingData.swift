import LobbyEscPos

/// The sample ticket template and the generic 80 mm printer profile, built in so ticket
/// rendering works before any file is installed.
/// Identical to Docs/Examples/sample-centre.json and Sources/LobbyEscPos/Profiles/generic-80mm.json
/// (a test renders with both and compares the bytes).
public enum BuiltinPrintingData {
    /// The sample centre's ticket template.
    public static let ticketTemplate = #"""
{
  "name": "sample-centre",
  "fontFamily": "DejaVu Sans",
  "margins": { "top": 16, "bottom": 32, "left": 12, "right": 12 },
  "blockSpacing": 10,
  "labels": {
    "az": { "peopleAhead": "Sizdən əvvəl", "expectedWait": "Təxmini gözləmə", "minutes": "dəq", "youAreNext": "Növbəti sizsiniz", "calledShortly": "Tezliklə çağırılacaqsınız", "window": "Pəncərə", "zone": "Zona", "floor": "Mərtəbə", "appointment": "Qəbul vaxtı", "trackingCode": "İzləmə kodu", "keep": "Növbənizi izləmək üçün QR kodu oxudun", "validToday": "Yalnız bu gün etibarlıdır", "hotline": "Qaynar xətt" },
    "ru": { "peopleAhead": "Перед вами", "expectedWait": "Ожидание примерно", "minutes": "мин", "youAreNext": "Вы следующий", "calledShortly": "Вас скоро вызовут", "window": "Окно", "zone": "Зона", "floor": "Этаж", "appointment": "Время записи", "trackingCode": "Код талона", "keep": "Следите за очередью по QR-коду", "validToday": "Действителен только сегодня", "hotline": "Горячая линия" },
    "en": { "peopleAhead": "People ahead", "expectedWait": "Expected wait", "minutes": "min", "youAreNext": "You are next", "calledShortly": "You will be called shortly", "window": "Window", "zone": "Zone", "floor": "Floor", "appointment": "Appointment", "trackingCode": "Tracking code", "keep": "Scan the QR code to follow your turn", "validToday": "Valid today only", "hotline": "Hotline" }
  },
  "blocks": [
    { "type": "logo", "align": "center" },
    { "type": "text", "text": "{centreName}", "size": 26, "weight": "bold", "align": "center" },
    { "type": "text", "text": "{agencyName}", "size": 22, "align": "center" },
    { "type": "rule", "thickness": 2 },
    { "type": "text", "text": "{serviceName}", "size": 28, "align": "center", "wrap": true },
    { "type": "bigNumber", "field": "ticketNumber", "size": 150 },
    { "type": "text", "text": "{priority}", "size": 24, "weight": "bold", "align": "center", "inverse": true },
    { "type": "text", "text": "{label.window} {windows}[ · {label.zone} {zone}][ · {label.floor} {floor}]", "size": 26, "weight": "bold", "align": "center" },
    { "type": "text", "text": "{label.appointment}: {appointmentTime}", "size": 24, "align": "center" },
    { "type": "text", "text": "{label.peopleAhead}: {peopleAhead}", "size": 24, "align": "center", "if": "peopleAhead" },
    { "type": "text", "text": "{label.youAreNext}", "size": 26, "weight": "bold", "align": "center", "unless": "peopleAhead" },
    { "type": "text", "text": "{label.expectedWait}: ~{expectedWaitMinutes} {label.minutes}", "size": 24, "align": "center", "if": "expectedWaitMinutes" },
    { "type": "text", "text": "{label.calledShortly}", "size": 24, "align": "center", "if": "calledShortly" },
    { "type": "rule", "thickness": 2, "dashed": true },
    { "type": "qr", "field": "statusURL", "maxWidthPercent": 50 },
    { "type": "text", "text": "{label.trackingCode}: {trackingCode}", "size": 24, "weight": "bold", "align": "center" },
    { "type": "text", "text": "{label.keep}", "size": 20, "align": "center" },
    { "type": "datetime", "format": "{issueDate}   {issueTime}", "size": 22, "align": "center" },
    { "type": "text", "text": "{label.validToday}", "size": 20, "align": "center" },
    { "type": "text", "text": "{note}", "size": 20, "align": "center" },
    { "type": "text", "text": "[{label.hotline} {hotline}][   {website}]", "size": 20, "align": "center" }
  ]
}
"""#

    /// The generic 80 mm printer profile.
    public static let printerProfile = #"""
{
  "name": "generic-80mm",
  "description": "80 mm ESC/POS printers at 203 dpi with a cutter (Xprinter XP-80 class, Rongta RP80 class)",
  "widthDots": 576,
  "dpi": 203,
  "cut": "feedThenPartialCut",
  "cutFeedUnits": 0,
  "imageCommand": "rasterGSv0",
  "status": "realTime",
  "maxBandRows": 256,
  "feedLinesBeforeCut": 0
}
"""#

    /// The built-in template, parsed.
    public static func layout() -> TicketLayout {
        try! TicketLayout(jsonBytes: Array(ticketTemplate.utf8), fileName: "sample-centre.json")
    }

    /// The built-in profile, parsed.
    public static func profile() -> PrinterProfile {
        try! PrinterProfile(jsonBytes: Array(printerProfile.utf8), fileName: "generic-80mm.json")
    }
}
