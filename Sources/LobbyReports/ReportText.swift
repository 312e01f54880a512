/// The words of the report page in the centre's three languages.
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Azerbaijani.
    case az
    /// Russian.
    case ru
    /// English.
    case en

    /// The word for `key`, English when a translation is missing.
    public func text(_ key: String) -> String { Self.words[self]?[key] ?? Self.words[.en]?[key] ?? key }

    static let words: [ReportLanguage: [String: String]] = [
        .en: ["title": "Service report", "by": "by", "service": "service", "agency": "agency", "window": "window",
              "operator": "operator", "hour": "hour", "previous": "previous period", "issued": "Issued", "served": "Served",
              "noShows": "No-shows", "cancelled": "Cancelled", "waitP50": "Wait, median", "waitP90": "Wait, 90 %",
              "withinTarget": "Called within target", "satisfied": "Votes 4–5", "voted": "Served who voted",
              "serviceTime": "Service time, mean", "min": "min", "of": "of", "votes": "Votes by score",
              "arrivals": "Arrivals by weekday and hour", "rows": "Tickets and waits per row", "mix": "Votes 4–5 against the same service mix",
              "total": "Total", "none": "not called", "appointments": "Appointments kept / late / missed",
              "weekdays": "Mon Tue Wed Thu Fri Sat Sun", "target": "target"],
        .az: ["title": "Xidmət hesabatı", "by": "üzrə", "service": "xidmət", "agency": "qurum", "window": "pəncərə",
              "operator": "operator", "hour": "saat", "previous": "əvvəlki dövr", "issued": "Verilib", "served": "Xidmət göstərilib",
              "noShows": "Gəlməyib", "cancelled": "Ləğv edilib", "waitP50": "Gözləmə, median", "waitP90": "Gözləmə, 90 %",
              "withinTarget": "Hədəf müddətdə çağırılıb", "satisfied": "4–5 qiymət", "voted": "Qiymət verənlər",
              "serviceTime": "Xidmət müddəti, orta", "min": "dəq", "of": "/", "votes": "Qiymətlər",
              "arrivals": "Gəlişlər: həftənin günü və saat", "rows": "Sətirlər üzrə biletlər və gözləmə",
              "mix": "4–5 qiymət, eyni xidmət qarışığına görə", "total": "Cəmi", "none": "çağırılmayıb",
              "appointments": "Qəbullar: gəlib / gecikib / gəlməyib", "weekdays": "B.e Ç.a Ç C.a C Ş B", "target": "hədəf"],
        .ru: ["title": "Отчёт об обслуживании", "by": "по", "service": "услугам", "agency": "ведомствам", "window": "окнам",
              "operator": "операторам", "hour": "часам", "previous": "предыдущий период", "issued": "Выдано", "served": "Обслужено",
              "noShows": "Не явились", "cancelled": "Отменено", "waitP50": "Ожидание, медиана", "waitP90": "Ожидание, 90 %",
              "withinTarget": "Вызваны в срок", "satisfied": "Оценки 4–5", "voted": "Оценили обслуживание",
              "serviceTime": "Время обслуживания, среднее", "min": "мин", "of": "из", "votes": "Оценки",
              "arrivals": "Приход по дням недели и часам", "rows": "Талоны и ожидание по строкам",
              "mix": "Оценки 4–5 относительно того же набора услуг", "total": "Итого", "none": "не вызваны",
              "appointments": "Записи: пришли / опоздали / не пришли", "weekdays": "Пн Вт Ср Чт Пт Сб Вс", "target": "цель"],
    ]
}
