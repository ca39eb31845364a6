/// The tables `portal export --format csv --what …` writes.
public enum CSVTable: String, Sendable, CaseIterable {
    case pain, exercises, visits, checkins
    /// Every warning sign she reported, with a pain score or without one.
    case warningSigns = "warning-signs"
    /// The bladder diary, one row per pee, leak, drink or pad change.
    case bladder
    /// The bowel log, one row per movement.
    case bowel
    /// The questionnaires, one row per one filled in, with its score.
    case measures

    /// The part of the data a table is made of.
    public var section: ExportSection {
        switch self {
        case .pain: return .pain
        case .exercises: return .exercises
        case .visits: return .visits
        case .checkins: return .checkins
        case .warningSigns: return .warningSigns
        case .bladder: return .bladder
        case .bowel: return .bowel
        case .measures: return .measures
        }
    }

    /// The table a part of the record is written to, nil for a part no table holds (the profile and the program
    /// go with the JSON and FHIR exports; the exercise table gives each session's dose from the program).
    public static func table(for part: RecordPart) -> CSVTable? {
        switch part {
        case .profile, .program, .reading, .reminderSettings, .reminderLog, .signReviews, .questions: return nil
        case .carePlan: return .visits
        case .exerciseLog: return .exercises
        case .painDiary: return .pain
        case .signReports: return .warningSigns
        case .checkIns: return .checkins
        case .bladderDiary: return .bladder
        case .bowelLog: return .bowel
        case .measures: return .measures
        }
    }

    public static func parse(_ text: String) throws -> CSVTable {
        guard let t = CSVTable(rawValue: text.lowercased()) else {
            throw PortalError.invalidInput("--what \(PlainText.quoted(text)) is not a table. Choose from: \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return t
    }
}

extension Exporter {
    /// One table of `data` as CSV (RFC 4180, CRLF). Refuses a table whose part was left out.
    public static func csv(_ table: CSVTable, _ data: ExportData) throws -> String {
        // The pain diary also carries her notes and warning signs, each a part of its own: any one of the three
        // makes a table.
        let kept = table == .pain ? !data.sections.isDisjoint(with: [.pain, .notes, .warningSigns]) : data.includes(table.section)
        guard kept else {
            throw PortalError.invalidInput("The \(table.rawValue) table is made of \(table.section.title.lowercased()), which you left out; include \(table.section.rawValue), or choose another table.")
        }
        switch table {
        case .pain: return csv(data.painEntries, withoutPain: data.unscoredEntries)
        case .exercises: return exercisesCSV(data)
        case .visits: return visitsCSV(data)
        case .checkins: return checkinsCSV(data)
        case .warningSigns: return warningSignsCSV(data)
        case .bladder: return bladderCSV(data)
        case .bowel: return bowelCSV(data)
        case .measures: return measuresCSV(data)
        }
    }

    /// One row per sign reported, oldest first: the pain score logged with it (empty for a sign reported on its
    /// own) and the sign's words from safety.json.
    static func warningSignsCSV(_ data: ExportData) -> String {
        var out = row(["date", "time", "sign", "warning_sign", "pain_score"])
        for s in data.record.reportedSigns() {
            out += row([s.date.description, s.time.description, s.sign, safeText(data.safety.sign(s.sign)?.text ?? s.sign),
                        s.painScore.map(String.init) ?? ""])
        }
        return out
    }

    /// A text cell a spreadsheet cannot run: one starting with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// (what Excel, LibreOffice and Google Sheets read as a formula) gets a leading apostrophe, which they show
    /// as text. The JSON and FHIR exports keep the exact text.
    static func safeText(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// One item of a `;`-separated list in a cell, quoted as a CSV field when it holds `;`, `"` or a line
    /// break, or starts with what a spreadsheet reads as a formula (then the cell starts with `"`, and is text).
    static func listItem(_ s: String) -> String {
        let needsQuotes = s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func row(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\r\n" }

    static func exercisesCSV(_ data: ExportData) -> String {
        var out = row(["date", "week", "exercise", "name", "sets_done", "prescribed", "pain_during"])
        for s in data.sessions {
            let dose = data.program.week(number: s.week)?.prescription(for: s.exerciseID).map { "\($0.dose.summary), \($0.dose.frequency)" } ?? ""
            out += row([s.date.description, String(s.week), s.exerciseID, safeText(data.exercises.name(s.exerciseID)),
                        String(s.setsDone), safeText(dose), s.pain.map(String.init) ?? ""])
        }
        return out
    }

    static func visitsCSV(_ data: ExportData) -> String {
        var out = row(["visit", "kind", "status", "date", "time", "duration_minutes", "mode", "location", "therapist", "focus", "notes"])
        for v in data.plan?.visits ?? [] {
            out += row([String(v.number), v.kind.rawValue, v.status.rawValue, v.start?.date.description ?? "",
                        v.start?.time.description ?? "", String(v.durationMinutes), v.mode.rawValue, safeText(v.location),
                        safeText(v.therapist), safeText(v.focus), safeText(v.notes)])
        }
        return out
    }

    static func checkinsCSV(_ data: ExportData) -> String {
        let questions = data.quiz.questions
        var out = row(["date"] + questions.map(\.id) + ["areas_to_discuss"])
        for r in data.quizResults {
            let answers = questions.map { q in r.answers[q.id].map { $0 ? "yes" : "no" } ?? "" }
            out += row([r.date.description] + answers + [r.flaggedAreas(in: data.quiz).map(\.area).joined(separator: ";")])
        }
        return out
    }

    static func bladderCSV(_ data: ExportData) -> String {
        var out = row(["date", "time", "kind", "volume_ml", "urgency", "woke_at_night", "amount", "activity", "leak_kind", "drink", "note"])
        for e in data.bladderEvents {
            out += row([e.date.description, e.time.description, e.kind.rawValue, e.volumeML.map(String.init) ?? "",
                        e.urgency.map(String.init) ?? "", e.kind == .pee ? (e.wokeAtNight ? "yes" : "no") : "", e.amount?.rawValue ?? "",
                        e.activity?.rawValue ?? "", e.leakKind?.rawValue ?? "", e.drink?.rawValue ?? "", safeText(e.note)])
        }
        return out
    }

    static func bowelCSV(_ data: ExportData) -> String {
        var out = row(["date", "time", "bristol_type", "straining", "urgency", "leaks", "pain", "note"])
        for e in data.bowelEntries {
            out += row([e.date.description, e.time.description, String(e.type.rawValue), e.straining ? "yes" : "no", e.urgency ? "yes" : "no",
                        e.leaks.map(\.rawValue).joined(separator: ";"), e.pain.map(String.init) ?? "", safeText(e.note)])
        }
        return out
    }

    /// One row per questionnaire filled in: the score, the change since her first of that measure in words, and
    /// the answers (item=value in the questionnaire's order, or activity=rating) in one cell, separated by `;`.
    /// An activity is her own words, which may hold `;`, `=` or `"`: each item is itself a field of a
    /// `;`-separated CSV line (`listItem`), so a CSV reader with `;` as its delimiter gives back each item exactly,
    /// and the rating is after the item's last `=` (as `portal measure psfs --activity` splits it).
    static func measuresCSV(_ data: ExportData) -> String {
        var out = row(["date", "measure", "title", "score", "change_since_first", "answers"])
        let all = data.measureResponses.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        for r in all {
            let m = data.measure(r.measureID)
            let upTo = all.filter { $0.measureID == r.measureID && ($0.date, $0.id ?? 0) <= (r.date, r.id ?? 0) }
            let order = m?.items.map(\.id) ?? []
            let place = { (id: String) in order.firstIndex(of: id) ?? order.count }
            let answers = r.activities.isEmpty ? r.answers.sorted { (place($0.key), $0.key) < (place($1.key), $1.key) }.map { "\($0.key)=\($0.value)" }
                : r.activities.map { listItem("\($0.text)=\($0.score)") }
            out += row([r.date.description, r.measureID, safeText(m?.title ?? r.measureID), m.map { $0.format($0.score(r).total) } ?? "",
                        safeText(m?.change(upTo)?.short ?? ""), safeText(answers.joined(separator: ";"))])
        }
        return out
    }
}
