import GRDB

extension SQLiteStore {
    public func patient() throws -> Patient? {
        try read { db in try Self.patient(db) }
    }

    static func patient(_ db: Database) throws -> Patient? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM patient WHERE id = 1") else { return nil }
        let conditions = try String.fetchAll(db, sql: "SELECT condition FROM patient_condition ORDER BY rowid")
            .compactMap(Condition.init(rawValue:))
        let stage: Stage
        if row["stage"] as String == "pregnant" {
            stage = .pregnant(dueDate: CalendarDate(row["due_date"] as String)!)
        } else {
            stage = .postpartum(birthDate: CalendarDate(row["birth_date"] as String)!,
                                delivery: Delivery(rawValue: row["delivery"]) ?? .vaginal)
        }
        return Patient(name: row["name"], stage: stage, conditions: conditions,
                       therapist: row["therapist"], clinic: row["clinic"])
    }

    /// Writes a whole new record in one transaction: all of it or none of it.
    public func setUp(patient: Patient, plan: CarePlan, weeks: [ProgramWeek], readingList: [String]) throws {
        try write { db in
            try StoreRules.checkNewRecord(patient: patient, plan: plan, weeks: weeks, storeIsEmpty: try Self.isEmpty(db), zone: zone)
            try Self.savePatient(patient, db)
            for v in plan.visits { try Self.insert(v, db) }
            for w in weeks { try Self.insert(w, db) }
            try Self.insertReadingList(readingList, db)
        }
    }

    /// Saves the patient, replacing the one before.
    public func savePatient(_ p: Patient) throws {
        try write { db in
            try p.validateText()
            try Self.savePatient(p, db)
        }
    }

    public func updateProfile(_ patient: Patient, readingList: [String], upcomingWeeks: [ProgramWeek], library: ExerciseLibrary,
                              today: CalendarDate) throws {
        try write { db in
            guard !(try Self.isEmpty(db)) else { throw PortalError.notFound("No one is set up in this portal yet.") }
            try patient.validate(today: today)
            try Self.savePatient(patient, db)
            try db.execute(sql: "DELETE FROM reading_list")
            try Self.insertReadingList(readingList, db)
            try WritePoint.profileBeforeWeeks.reach()
            try Self.replaceUpcomingWeeks(upcomingWeeks, library: library, today: today, db)
        }
    }

    static func savePatient(_ p: Patient, _ db: Database) throws {
        var due: String?, birth: String?, delivery: String?
        switch p.stage {
        case .pregnant(let d): due = d.description
        case .postpartum(let b, let del): birth = b.description; delivery = del.rawValue
        }
        try db.execute(sql: """
            INSERT OR REPLACE INTO patient (id, name, stage, due_date, birth_date, delivery, therapist, clinic)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [p.name.trimmingCharacters(in: .whitespacesAndNewlines), p.stage.isPregnant ? "pregnant" : "postpartum",
                             due, birth, delivery, p.therapist, p.clinic])
        try db.execute(sql: "DELETE FROM patient_condition")
        for c in p.conditions {
            try db.execute(sql: "INSERT OR IGNORE INTO patient_condition (condition) VALUES (?)", arguments: [c.rawValue])
        }
    }
}

import Foundation
