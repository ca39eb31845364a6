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

        public struct SignReportRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            var signs: [String]
            var note: String
            /// Her offset from UTC when she reported them (`+01:00`), as for a pain entry; absent when not kept.
            var utcOffset: String?
        }

        public struct BladderRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            /// pee, leak, drink or pad.
            var kind: String
            var volumeML: Int?
            /// A pee's urgency, 0 (no urge) to 4 (could barely hold on).
            var urgency: Int?
            var wokeAtNight: Bool
            var amount: String?
            var activity: String?
            /// A leak's kind worked out from what she was doing: stress, urge or other.
            var leakKind: String?
            var drink: String?
            var note: String
        }

        public struct BowelRecord: Codable {
            var id: Int64?
            var date: CalendarDate
            var time: TimeOfDay
            /// The Bristol Stool Form Scale type, 1 to 7.
            var bristolType: Int
            var straining: Bool
            var urgency: Bool
            var leaks: [String]
            var pain: Int?
            var note: String
        }

        public struct MeasureRecord: Codable {
            var id: Int64?
            var measure: String
            var date: CalendarDate
            /// Item id → the value of the answer chosen.
            var answers: [String: Int]
            var activities: [RatedActivity]
            /// The score as the measure's file scores it (nil when the measure is not in this portal's content).
            var score: Double?
        }

        public struct ReadingRecord: Codable {
            /// The articles her therapist prescribed, in order.
            var prescribed: [String]
            /// Article id → the day she first read it.
            var read: [String: CalendarDate]
        }

        /// The reminders she set and those given: how she uses the portal, kept with her details.
        public struct RemindersRecord: Codable {
            public struct Daily: Codable {
                var kind: String
                var time: TimeOfDay
                /// As `--days` takes them: "mon,wed,fri".
                var days: String
            }
            public struct Given: Codable {
                var kind: String
                var subject: String
                var before: String?
                var at: LocalDateTime
                /// notified, waiting (no desktop session) or failed (with the reason).
                var outcome: String
                var reason: String?
            }
            var daily: [Daily]
            /// How long before each visit: "24h", "2h".
            var visitsBefore: [String]
            var given: [Given]?
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
        public var visits: [Visit] = []
        public var programWeeks: [WeekRecord] = []
        public var exerciseLog: [SessionRecord] = []
        public var painEntries: [PainRecord] = []
        /// Present only when she left the pain out but kept her notes or warning signs.
        public var entriesWithoutPain: [EntryWithoutPainRecord]?
        /// Warning signs reported without a pain score.
        public var signReports: [SignReportRecord] = []
        public var quizResults: [QuizResult] = []
        public var bladderDiary: [BladderRecord] = []
        public var bowelLog: [BowelRecord] = []
        public var measures: [MeasureRecord] = []
        public var reading: ReadingRecord?
        public var reminders: RemindersRecord?
        /// Her questions for the visit, with her therapist's answers; absent when she left the visits out.
        public var questions: [QuestionRecord]?
    }

    /// A question for the visit and, once given, its answer.
    public struct QuestionRecord: Codable {
        var asked: LocalDateTime
        var question: String
        var answer: String?
        var answered: LocalDateTime?
        var answeredBy: String?
        /// When she read the answer.
        var read: LocalDateTime?
    }

    /// `+14:00`, `-05:00`: minutes east of UTC as ISO 8601 writes them.
    static func offsetText(_ minutes: Int) -> String {
        (minutes < 0 ? "-" : "+") + TimeOfDay(minutes: abs(minutes)).description
    }

    /// Everything in `data` as one JSON document, part by part (`RecordPart`). Text is kept exactly as it was written.
    public static func json(_ data: ExportData) throws -> Data {
        let library = data.exercises
        var doc = Document(included: ExportSection.allCases.filter(data.includes).map(\.rawValue), exportedOn: data.today, since: data.since)
        for part in RecordPart.allCases {
            switch part {
            case .profile:
                doc.patient = data.patient.map { p -> Document.PatientRecord in
                    var due: CalendarDate?, birth: CalendarDate?, delivery: String?
                    switch p.stage {
                    case .pregnant(let d): due = d
                    case .postpartum(let b, let del): birth = b; delivery = del.rawValue
                    }
                    return .init(name: p.name, stage: p.stage.isPregnant ? "pregnant" : "postpartum", dueDate: due,
                                 birthDate: birth, delivery: delivery, conditions: p.conditions.map(\.rawValue),
                                 therapist: p.therapist, clinic: p.clinic)
                }
            case .carePlan: doc.visits = data.plan?.visits ?? []
            case .program:
                doc.programWeeks = data.program.weeks.map { w in
                    .init(week: w.number, starts: w.starts, note: w.note, origin: w.origin.rawValue, prescriptions: w.prescriptions.map { p in
                        .init(exercise: p.exerciseID, name: library.name(p.exerciseID), sets: p.dose.sets, reps: p.dose.reps,
                              holdSeconds: p.dose.holdSeconds, restSeconds: p.dose.restSeconds, timesPerDay: p.dose.timesPerDay,
                              daysPerWeek: p.dose.daysPerWeek, side: p.dose.side.rawValue, note: p.note,
                              therapistDecision: p.therapistDecision)
                    })
                }
            case .exerciseLog:
                doc.exerciseLog = data.sessions.map { .init(date: $0.date, exercise: $0.exerciseID, week: $0.week, setsDone: $0.setsDone, pain: $0.pain) }
            case .painDiary:
                doc.painEntries = data.painEntries.map {
                    .init(id: $0.id, date: $0.date, time: $0.time, score: $0.score, sites: $0.sites, triggers: $0.triggers,
                          note: $0.note, warningSigns: $0.warningSigns, utcOffset: $0.utcOffset.map(offsetText))
                }
                doc.entriesWithoutPain = data.unscoredEntries.isEmpty ? nil : data.unscoredEntries.map {
                    .init(id: $0.id, date: $0.date, time: $0.time, note: $0.note, warningSigns: $0.signs)
                }
            case .signReports:
                doc.signReports = data.signReports.map {
                    .init(id: $0.id, date: $0.date, time: $0.time, signs: $0.signs, note: $0.note, utcOffset: $0.utcOffset.map(offsetText))
                }
            case .checkIns: doc.quizResults = data.quizResults
            case .bladderDiary:
                doc.bladderDiary = data.bladderEvents.map {
                    .init(id: $0.id, date: $0.date, time: $0.time, kind: $0.kind.rawValue, volumeML: $0.volumeML, urgency: $0.urgency,
                          wokeAtNight: $0.wokeAtNight, amount: $0.amount?.rawValue, activity: $0.activity?.rawValue,
                          leakKind: $0.leakKind?.rawValue, drink: $0.drink?.rawValue, note: $0.note)
                }
            case .bowelLog:
                doc.bowelLog = data.bowelEntries.map {
                    .init(id: $0.id, date: $0.date, time: $0.time, bristolType: $0.type.rawValue, straining: $0.straining,
                          urgency: $0.urgency, leaks: $0.leaks.map(\.rawValue), pain: $0.pain, note: $0.note)
                }
            case .measures:
                doc.measures = data.measureResponses.map { r in
                    .init(id: r.id, measure: r.measureID, date: r.date, answers: r.answers, activities: r.activities,
                          score: data.measure(r.measureID).map { $0.score(r).total })
                }
            case .reading:
                // Left out with the profile (the reading says what her conditions are), so absent rather than empty.
                if data.includes(RecordPart.reading.section) {
                    doc.reading = .init(prescribed: data.record.readingList, read: data.record.articlesRead)
                }
            case .reminderSettings:
                if data.includes(RecordPart.reminderSettings.section) {
                    let set = data.record.reminderSettings
                    var r = doc.reminders ?? .init(daily: [], visitsBefore: [], given: nil)
                    r.daily = ReminderKind.allCases.compactMap { k in set.daily[k].map { .init(kind: k.rawValue, time: $0.time, days: $0.daysList) } }
                    r.visitsBefore = set.visitOffsets.map(\.description)
                    doc.reminders = r
                }
            case .reminderLog:
                if data.includes(RecordPart.reminderLog.section) {
                    var r = doc.reminders ?? .init(daily: [], visitsBefore: [], given: nil)
                    r.given = data.record.reminderLog.map {
                        .init(kind: $0.kind.rawValue, subject: $0.subject, before: $0.offset?.description, at: $0.at, outcome: $0.outcome.name,
                              reason: $0.outcome.reason.isEmpty ? nil : $0.outcome.reason)
                    }
                    doc.reminders = r
                }
            case .signReviews:
                break  // her therapist's acts in the clinic, not what she keeps or moves: no export carries them
            case .questions:
                if data.includes(RecordPart.questions.section) {
                    doc.questions = data.record.questions.map {
                        .init(asked: $0.askedAt, question: $0.text, answer: $0.isAnswered ? $0.answer : nil, answered: $0.answeredAt,
                              answeredBy: $0.answeredBy.isEmpty ? nil : $0.answeredBy, read: $0.readAt)
                    }
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }
}
