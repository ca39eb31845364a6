import Foundation
import PortalCore

extension PostgresStore {
    public func patient() throws -> Patient? {
        try read { db, id in try Self.patient(db, id) }
    }

    static func patient(_ db: PGConnection, _ id: Int64) throws -> Patient? {
        guard let row = try db.query("""
            SELECT name, stage, due_date::text AS due_date, birth_date::text AS birth_date, delivery, therapist, clinic
            FROM patient WHERE patient_id = $1
            """, [id]).rows.first else { return nil }
        let conditions = try db.query("SELECT condition FROM patient_condition WHERE patient_id = $1 ORDER BY position", [id])
            .rows.compactMap { Condition(rawValue: try $0.text("condition")) }
        let stage: Stage
        if try row.text("stage") == "pregnant" {
            stage = .pregnant(dueDate: try row.parsed("due_date", CalendarDate.init))
        } else {
            stage = .postpartum(birthDate: try row.parsed("birth_date", CalendarDate.init),
                                delivery: Delivery(rawValue: try row.text("delivery")) ?? .vaginal)
        }
        return Patient(name: try row.text("name"), stage: stage, conditions: conditions,
                       therapist: try row.text("therapist"), clinic: try row.text("clinic"))
    }

    /// Writes a whole new record in one transaction: all of it or none of it.
    public func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws {
        try write { db, id in
            try StoreRules.checkNewRecord(patient: patient, plan: plan, weeks: weeks, storeIsEmpty: try Self.isEmpty(db, id), zone: zone)
            try Self.savePatient(patient, db, id)
            for v in plan.visits { try Self.insert(v, db, id) }
            for w in weeks { try self.insert(w, db, id) }
            try Self.insertReadingList(readingList, db, id)
        }
    }

    public func savePatient(_ p: Patient) throws {
        try write { db, id in
            try p.validateText()
            try Self.savePatient(p, db, id)
        }
    }

    public func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], library: ExerciseLibrary,
                              today: CalendarDate) throws {
        try write { db, id in
            guard try Self.patient(db, id) != nil else { throw PortalError.notFound("No one is set up in this portal yet.") }
            try patient.validate(today: today)
            try Self.savePatient(patient, db, id)
            try db.query("DELETE FROM reading_list WHERE patient_id = $1", [id])
            try Self.insertReadingList(readingList, db, id)
            try WritePoint.profileBeforeWeeks.reach()
            try replaceUpcomingWeeks(upcomingWeeks, library: library, today: today, db, id)
        }
    }

    static func savePatient(_ p: Patient, _ db: PGConnection, _ id: Int64) throws {
        var due: String?, birth: String?, delivery: String?
        switch p.stage {
        case .pregnant(let d): due = d.description
        case .postpartum(let b, let del): birth = b.description; delivery = del.rawValue
        }
        try db.query("""
            INSERT INTO patient (patient_id, name, stage, due_date, birth_date, delivery, therapist, clinic)
            VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8)
            ON CONFLICT (patient_id) DO UPDATE SET name = EXCLUDED.name, stage = EXCLUDED.stage,
                due_date = EXCLUDED.due_date, birth_date = EXCLUDED.birth_date, delivery = EXCLUDED.delivery,
                therapist = EXCLUDED.therapist, clinic = EXCLUDED.clinic
            """, [id, p.name.trimmingCharacters(in: .whitespacesAndNewlines), p.stage.isPregnant ? "pregnant" : "postpartum",
                  due, birth, delivery, p.therapist, p.clinic])
        try db.query("DELETE FROM patient_condition WHERE patient_id = $1", [id])
        for (i, c) in p.conditions.enumerated() {
            try db.query("INSERT INTO patient_condition (patient_id, position, condition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                         [id, i, c.rawValue])
        }
    }
}
