import Foundation
import PortalCore

/// What a refusal by one of the database's rules (SQLSTATE class 23: a constraint, or a trigger raising
/// `check_violation`) says to the therapist or patient: the rule in a plain sentence, with the values it
/// accepts where it has some, and that nothing was saved. The portal checks its rules before it writes, so
/// these are met when someone else changed the record meanwhile, a newer portal meets an older database, or a
/// rule only the server keeps. The one place these sentences live: the rule is found by the name the server
/// gives it (`PG_DIAG_CONSTRAINT_NAME`: a constraint's, or a trigger's `RAISE … CONSTRAINT`); a trigger that
/// names none is said by its own message, which the clinic's schema writes as a sentence.
enum ClinicRefusal {
    static let nothingSaved = "nothing was saved."

    /// The rules a column's CHECK does not say by itself, by the server's name for them.
    static let named: [String: String] = [
        ClinicSchema.sessionInStartedWeekName:
            "An exercise is marked done on a day of a program week that has started (by the clinic's day), never in a week still to come or on a day after today, so "
            + nothingSaved,
        "prescription_exercise_in_library":
            "That exercise is not in the clinic's exercise library on its server yet (a newer portal's exercises are added when the clinic's administrator runs `\(ClinicSchema.initCommand)`), so "
            + nothingSaved,
        "exercise_session_patient_id_week_exercise_id_fkey": "That exercise is not in that week of the program, so " + nothingSaved,
        "program_week_patient_id_starts_key": "Two weeks of her program cannot start on the same day; " + nothingSaved,
        "program_week_pkey": "Her program already has a week of that number; " + nothingSaved,
    ]

    /// A foreign key's rule when a row others depend on would go (its server message begins "update or delete
    /// on table"), by the key's name.
    static let stillUsed: [String: String] = [
        "exercise_session_patient_id_week_exercise_id_fkey":
            "She has marked this week's exercises done, so each one she logged stays in the week (its dose may change, and exercises may be added); "
            + nothingSaved,
    ]

    /// The sentence for a refusal of class 23 by `constraint` (empty: none named), whose server message is
    /// `message`. A column is named in her words (`RecordPart.words(table:column:)`), never by the server's
    /// names for tables, columns or rules: those stay in the server's log, with the refusal's detail.
    static func text(constraint: String, message: String) -> String {
        if message.contains("update or delete on table"), let said = stillUsed[constraint] { return said }
        if let said = named[constraint] { return said }
        if let said = columnRule(constraint) { return said }
        if let said = plainTextRule(constraint) { return said }
        if constraint.isEmpty, let own = triggerSentence(message) {
            return "That change breaks a rule of the portal: \(own); " + nothingSaved
        }
        return "That change breaks a rule of the portal, so " + nothingSaved
    }

    /// The table and column a constraint named `<table>_<column><suffix>` is about, by the record map.
    static func column(of constraint: String, suffix: String) -> (table: RecordTable, column: RecordColumn)? {
        guard constraint.hasSuffix(suffix) else { return nil }
        let stem = String(constraint.dropLast(suffix.count))
        for table in RecordPart.tables + RecordPart.clinicOnlyTables where stem.hasPrefix(table.name + "_") {
            if let column = table.column(String(stem.dropFirst(table.name.count + 1))) { return (table, column) }
        }
        return nil
    }

    /// A column's own CHECK, as PostgreSQL names it (`<table>_<column>_check`, a digit after it when there are
    /// several), said from the record map's rule for that column: the values it accepts.
    static func columnRule(_ constraint: String) -> String? {
        guard let end = constraint.range(of: #"_check[0-9]*$"#, options: .regularExpression),
              let (table, column) = Self.column(of: String(constraint[..<end.lowerBound]) + "_check", suffix: "_check"),
              let rule = column.rule else { return nil }
        return "The \(RecordPart.words(table: table.name, column: column.name)) is \(accepted(rule)), so " + nothingSaved
    }

    /// A text column's plain-text rule (`ClinicSchema.plainTextChecks`, `<table>_<column>_plain`): what it
    /// refuses, in her words.
    static func plainTextRule(_ constraint: String) -> String? {
        guard let (table, column) = Self.column(of: constraint, suffix: "_plain") else { return nil }
        return "The \(RecordPart.words(table: table.name, column: column.name)) contains characters the portal does not accept "
            + "(control characters, tabs or invisible formatting characters), so " + nothingSaved + " Use plain text."
    }

    /// The values a column's rule accepts, in words (`RecordPart.accepted`).
    static func accepted(_ rule: RecordColumn.Rule) -> String { RecordPart.accepted(rule) }

    /// A trigger's own message (`RAISE EXCEPTION '…'`), without the server's "ERROR:" and its generic
    /// messages about a constraint it names (which are not sentences for her).
    static func triggerSentence(_ message: String) -> String? {
        var m = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if m.hasPrefix("ERROR:") { m = String(m.dropFirst("ERROR:".count)).trimmingCharacters(in: .whitespaces) }
        if let line = m.split(separator: "\n").first { m = String(line) }
        let generic = ["violates", "duplicate key value", "null value in column"]
        guard !m.isEmpty, !generic.contains(where: m.contains) else { return nil }
        return m
    }
}
