import Foundation

/// The profile: the patient herself (one row a record) and her conditions, in the order she gave them.
public enum ProfileMap {
    public static let patient = RecordTable("patient", columns: [
        .text("name", rule: .trimmedLength(1...80)),
        .text("stage", rule: .oneOf(["pregnant", "postpartum"])),
        .date("due_date", nullable: true),
        .date("birth_date", nullable: true),
        .oneOf("delivery", Delivery.self, nullable: true),
        .note("therapist"),
        .note("clinic"),
    ], key: [], checks: [
        .init("(stage = 'pregnant' AND due_date IS NOT NULL AND birth_date IS NULL AND delivery IS NULL) OR (stage = 'postpartum' AND birth_date IS NOT NULL AND delivery IS NOT NULL AND due_date IS NULL)",
              columns: ["stage", "due_date", "birth_date", "delivery"]),
    ], singleRow: true, access: [
        // She writes her details; her record stays the clinic's (she does not delete herself from it).
        Access(.patient, [.select, .insert, .update]),
        Access(.therapist, [.select]),
    ])

    public static let conditions = RecordTable("patient_condition", columns: [
        .integer("position"),
        .oneOf("condition", Condition.self),
    ], key: ["condition"])

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

    /// Saves the patient, replacing the one before, and her conditions (each once, in order).
    static func save(_ p: Patient, _ db: any RecordDatabase) throws {
        var due: String?, birth: String?, delivery: String?
        switch p.stage {
        case .pregnant(let d): due = d.description
        case .postpartum(let b, let del): birth = b.description; delivery = del.rawValue
        }
        let values: [(String, StoredValue)] = [
            ("name", .text(p.name.trimmingCharacters(in: .whitespacesAndNewlines))), ("stage", .text(p.stage.isPregnant ? "pregnant" : "postpartum")),
            ("due_date", .optional(due)), ("birth_date", .optional(birth)), ("delivery", .optional(delivery)),
            ("therapist", .text(p.therapist)), ("clinic", .text(p.clinic)),
        ]
        if try db.update(patient, set: values, where: .all) == 0 { try db.insert(patient, values) }
        try db.delete(conditions, where: .all)
        for (i, c) in p.conditions.enumerated() {
            try db.insert(conditions, [("position", .int(i)), ("condition", .text(c.rawValue))], onConflict: .keep)
        }
    }
}
