import Foundation

extension Exporter {
    /// The JSON export's document.
    public struct Document: Codable {
        public struct PatientRecord: Codable {
            var name: String
            var stage: String
            var dueDate: CalendarDate?
            var birthDate: CalendarDate?
            var delivery: String?
            var conditions: [String]
            var therapist: String
            var clinic: String
        }

        public struct PainRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            var score: Int
            /// LOINC 72514-3: pain severity, 0–10 verbal numeric rating, reported.
            var loinc = "72514-3"
            var sites: [SiteSide]
            var triggers: [PainTrigger]
            var note: String
            var warningSigns: [String]
            /// The offset from UTC where she was when she saved it (`+14:00`); absent when not known.
            var utcOffset: String?
        }

        /// A note and the warning signs of a pain entry whose pain she left out.
        public struct EntryWithoutPainRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            var note: String
            var warningSigns: [String]
        }

        public struct WeekRecord: Codable {
            var week: Int
            var starts: CalendarDate
            var note: String
            /// "generated" (from the portal's templates), "therapist" or "unrecorded" (stored before migration 6).
            var origin: String
            var prescriptions: [PrescriptionRecord]
        }

        public struct PrescriptionRecord: Codable {
            var exercise: String
            var name: String
            var sets, reps, holdSeconds, restSeconds, timesPerDay, daysPerWeek: Int
            var side: String
            var note: String
            /// The therapist's reason when she prescribed the exercise against one of its rules; "" otherwise.
            var therapistDecision: String
        }

        public struct SessionRecord: Codable {
            var date: CalendarDate
            var exercise: String
            var week: Int
            var setsDone: Int
            /// Pain during the exercise, 0–10, when she said (absent otherwise).
            var pain: Int?
        }

        public var format = "portal.export"
        public var version = 1
        /// The parts of the data the patient chose to include (the others are empty or absent).
        public var included: [String]?
        public var exportedOn: CalendarDate
        public var since: CalendarDate?
        public var patient: PatientRecord?
        public var visits: [Visit]
        public var programWeeks: [WeekRecord]
        public var exerciseLog: [SessionRecord]
        public var painEntries: [PainRecord]
        /// Present only when she left the pain out but kept her notes or warning signs.
        public var entriesWithoutPain: [EntryWithoutPainRecord]?
        public var quizResults: [QuizResult]
    }

    /// `+14:00`, `-05:00`: minutes east of UTC as ISO 8601 writes them.
    static func offsetText(_ minutes: Int) -> String {
        (minutes < 0 ? "-" : "+") + TimeOfDay(minutes: abs(minutes)).description
    }

    /// Everything in `data` as one JSON document. Text is kept exactly as it was written.
    public static func json(_ data: ExportData) throws -> Data {
        let patient = data.patient.map { p -> Document.PatientRecord in
            var due: CalendarDate?, birth: CalendarDate?, delivery: String?
            switch p.stage {
            case .pregnant(let d): due = d
            case .postpartum(let b, let del): birth = b; delivery = del.rawValue
            }
            return .init(name: p.name, stage: p.stage.isPregnant ? "pregnant" : "postpartum", dueDate: due,
                         birthDate: birth, delivery: delivery, conditions: p.conditions.map(\.rawValue),
                         therapist: p.therapist, clinic: p.clinic)
        }
        let library = data.exercises
        let doc = Document(
            included: ExportSection.allCases.filter(data.includes).map(\.rawValue),
            exportedOn: data.today, since: data.since, patient: patient,
            visits: data.plan?.visits ?? [],
            programWeeks: data.program.weeks.map { w in
                .init(week: w.number, starts: w.starts, note: w.note, origin: w.origin.rawValue, prescriptions: w.prescriptions.map { p in
                    .init(exercise: p.exerciseID, name: library.name(p.exerciseID), sets: p.dose.sets, reps: p.dose.reps,
                          holdSeconds: p.dose.holdSeconds, restSeconds: p.dose.restSeconds, timesPerDay: p.dose.timesPerDay,
                          daysPerWeek: p.dose.daysPerWeek, side: p.dose.side.rawValue, note: p.note,
                          therapistDecision: p.therapistDecision)
                })
            },
            exerciseLog: data.sessions.map { .init(date: $0.date, exercise: $0.exerciseID, week: $0.week, setsDone: $0.setsDone, pain: $0.pain) },
            painEntries: data.painEntries.map {
                .init(id: $0.id, date: $0.date, time: $0.time, score: $0.score, sites: $0.sites, triggers: $0.triggers,
                      note: $0.note, warningSigns: $0.warningSigns, utcOffset: $0.utcOffset.map(offsetText))
            },
            entriesWithoutPain: data.unscoredEntries.isEmpty ? nil : data.unscoredEntries.map {
                .init(id: $0.id, date: $0.date, time: $0.time, note: $0.note, warningSigns: $0.signs)
            },
            quizResults: data.quizResults)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }
}
