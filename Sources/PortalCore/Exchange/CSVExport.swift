/// The tables `portal export --format csv --what …` writes.
public enum CSVTable: String, Sendable, CaseIterable {
    case pain, exercises, visits, checkins

    /// The part of the data a table is made of.
    public var section: ExportSection {
        switch self {
        case .pain: return .pain
        case .exercises: return .exercises
        case .visits: return .visits
        case .checkins: return .checkins
        }
    }

    public static func parse(_ text: String) throws -> CSVTable {
        guard let t = CSVTable(rawValue: text.lowercased()) else {
            throw PortalError.invalidInput("--what “\(text)” is not a table. Choose from: \(allCases.map(\.rawValue).joined(separator: ", ")).")
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
        }
    }

    /// A text cell a spreadsheet cannot run: one starting with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// (what Excel, LibreOffice and Google Sheets read as a formula) gets a leading apostrophe, which they show
    /// as text. The JSON and FHIR exports keep the exact text.
    static func safeText(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
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
}
