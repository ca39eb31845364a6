import PortalCore

/// The longest text a login may write in each column the record map leaves unbounded, so a day at the write
/// quota (`writeQuota`) is a bounded number of bytes: without it one row of a visit's notes or a pain entry's
/// warning signs written with psql could hold up to a gigabyte. The bounds are the portal's own (the limit its
/// forms and commands check: `Visit.notesLimit`, `Patient.clinicLimit`, ...), so the server never refuses what
/// the portal accepts. A trigger per table (`<table>_text_bounds`), for every login but the administrator's (a
/// superuser, who imports records as they were), made again after every migration like `jsonShapes`: rows
/// already kept are not checked.
extension ClinicSchema {
    /// The longest a JSON column's text may be (`jsonb::text`): every item of the longest questionnaire, or
    /// every question of the check-in, answered with the longest value is far below it
    /// (`WriteQuotaTests` checks the content).
    public static let jsonObjectLimit = 2_000

    /// The portal's own limit of each text column the map gives none.
    static let portalTextLimits: [String: Int] = [
        "patient.therapist": Patient.therapistLimit,
        "patient.clinic": Patient.clinicLimit,
        "visit.location": Visit.locationLimit,
        "visit.therapist": Patient.therapistLimit,
        "visit.focus": Visit.focusLimit,
        "visit.notes": Visit.notesLimit,
        "program_week.note": ProgramWeek.noteLimit,
        "prescription.note": Prescription.noteLimit,
        // Her signs' ids, joined by commas, as a sign report's (whose map says how long they may be).
        "pain_entry.warning_signs": signsLimit,
    ]

    /// The longest a sign report's list of sign ids may be (its map's rule).
    static var signsLimit: Int {
        guard case .length(let r)? = RecordPart.table(named: "sign_report")?.columns.first(where: { $0.name == "signs" })?.rule else {
            preconditionFailure("sign_report.signs has a length in the map")
        }
        return r.upperBound
    }

    /// The longest `column` of `table` may be, when the map's own rule does not say it already (nil then): text
    /// with a length or a list of values in the map, or part of its parent's key (bounded there), needs none.
    static func serverLimit(_ table: RecordTable, _ column: RecordColumn) -> Int? {
        switch column.kind {
        case .jsonObject: return jsonObjectLimit
        case .text:
            if column.rule != nil { return nil }
            if table.parent?.columns.contains(column.name) == true { return nil }
            guard let limit = portalTextLimits["\(table.name).\(column.name)"] else {
                preconditionFailure("\(table.name).\(column.name): text with no bound in the map needs one in portalTextLimits")
            }
            return limit
        default: return nil
        }
    }

    static var textBounds: String {
        (RecordPart.tables + RecordPart.clinicOnlyTables).compactMap { table -> String? in
            let bounded = table.columns.compactMap { c in serverLimit(table, c).map { (c, $0) } }
            guard !bounded.isEmpty else { return nil }
            let name = "\(table.name)_text_bounds"
            let tests: String = bounded.map { (c, limit) -> String in
                let value = c.kind == .text ? "NEW.\(c.name)" : "NEW.\(c.name)::text"
                return "length(\(value)) > \(limit)"
            }.joined(separator: " OR ")
            let words: String = bounded.map { (c, limit) -> String in
                "\(limit) characters in the \(RecordPart.words(table: table.name, column: c.name))"
            }.joined(separator: ", ")
            let names: String = bounded.map { (c, limit) -> String in "\(c.name) \(limit)" }.joined(separator: ", ")
            return refusing(name, on: table.name, when: tests,
                            raise: literal("a text is longer than the portal accepts (at most \(words))"),
                            detail: literal("\(table.name): at most \(names) characters"))
        }.joined(separator: "\n")
    }
}
