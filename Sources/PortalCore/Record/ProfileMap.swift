import Foundation

/// The profile: the patient herself (one row a record) and her conditions, in the order she gave them.
public enum ProfileMap {
    public static let patient = RecordTable("patient", columns: details, key: [], checks: [
        .init("(stage = 'pregnant' AND due_date IS NOT NULL AND birth_date IS NULL AND delivery IS NULL) OR (stage = 'postpartum' AND birth_date IS NOT NULL AND delivery IS NOT NULL AND due_date IS NULL)",
              columns: ["stage", "due_date", "birth_date", "delivery"]),
    ], singleRow: true, access: [
        // She writes her details; her record stays the clinic's (she does not delete herself from it).
        Access(.patient, [.select, .insert]),
        // All but her therapist's name, which is the clinic's (change 26, QA H10: her login renamed her therapist
        // for her chart and the report her therapist hands on); change 31 takes the grant away in a clinic.
        Access(.patient, [.update], columns: details.map(\.name).filter { $0 != therapistColumn }),
        Access(.therapist, [.select]),
    ])

    /// The column her details name her therapist in. In a clinic the server keeps it from the clinic's name for her
    /// therapist (clinic change 32, `ClinicSchema.therapistNames`), whatever a write says.
    static let therapistColumn = "therapist"

    static let details: [RecordColumn] = [
        .text("name", rule: .trimmedLength(1...80)),
        .text("stage", rule: .oneOf(["pregnant", "postpartum"])),
        .date("due_date", nullable: true),
        .date("birth_date", nullable: true),
        .oneOf("delivery", Delivery.self, nullable: true),
        .note(therapistColumn),
        .note("clinic"),
    ]

    public static let conditions = RecordTable("patient_condition", columns: [
        .integer("position"),
        .oneOf("condition", Condition.self),
    ], key: ["condition"])

    /// Her details, in one query (review point 10: no second one for her therapist). In a clinic the `therapist`
    /// column is the clinic's name for her therapist, kept by the server (change 32: on every write of her details,
    /// a rename of her therapist and a move to another caseload; none while she is in no caseload), so her CLI
    /// profile, her therapist's report and her exports name the clinic's therapist, never one she typed (QA H10).
    public static func read(_ db: any RecordDatabase) throws -> Patient? {
        let rows = try db.rows(patient, ["name", "stage", "due_date", "birth_date", "delivery", "therapist", "clinic"]) { r -> Patient in
            let stage: Stage = try r.text(1) == "pregnant"
                ? .pregnant(dueDate: try r.date(2))
                : .postpartum(birthDate: try r.date(3), delivery: Delivery(rawValue: try r.text(4)) ?? .vaginal)
            return Patient(name: try r.text(0), stage: stage, conditions: [], therapist: try r.text(5), clinic: try r.text(6))
        }
        guard var p = rows.first else { return nil }
        p.conditions = try db.rows(conditions, ["condition"], orderBy: [.ascending("position")]) { Condition(rawValue: try $0.text(0)) }
            .compactMap { $0 }
        return p
    }

    static func isEmpty(_ db: any RecordDatabase) throws -> Bool {
        try db.count(patient, where: .all) == 0
    }

    static func values(_ p: Patient) -> [(String, StoredValue)] {
        var due: String?, birth: String?, delivery: String?
        switch p.stage {
        case .pregnant(let d): due = d.description
        case .postpartum(let b, let del): birth = b.description; delivery = del.rawValue
        }
        return [
            ("name", .text(p.name.trimmingCharacters(in: .whitespacesAndNewlines))), ("stage", .text(p.stage.isPregnant ? "pregnant" : "postpartum")),
            ("due_date", .optional(due)), ("birth_date", .optional(birth)), ("delivery", .optional(delivery)),
            ("therapist", .text(p.therapist)), ("clinic", .text(p.clinic)),
        ]
    }

    /// Saves the patient and her conditions (each once, in order): a new row when there is none; else only the
    /// columns `p` changes from `base` (nil: her details as stored now), and her conditions only when they
    /// changed (QA H6: every column written from a stale form undid another session's change; QA H10: in a
    /// clinic her login may not set her therapist's name, which her details carry unchanged).
    static func save(_ p: Patient, over base: Patient?, _ db: any RecordDatabase) throws {
        let all = values(p)
        guard let base = try base ?? read(db) else {
            try db.insert(patient, all)
            try insertConditions(p.conditions, db)
            return
        }
        let old = Dictionary(values(base), uniquingKeysWith: { a, _ in a })
        let changed = all.filter { old[$0.0] != $0.1 }
        if !changed.isEmpty { try db.update(patient, set: changed, where: .all) }
        if p.conditions != base.conditions {
            try db.delete(conditions, where: .all)
            try insertConditions(p.conditions, db)
        }
    }

    private static func insertConditions(_ list: [Condition], _ db: any RecordDatabase) throws {
        for (i, c) in list.enumerated() {
            try db.insert(conditions, [("position", .int(i)), ("condition", .text(c.rawValue))], onConflict: .keep)
        }
    }
}
