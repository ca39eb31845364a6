import Foundation
import PortalCore

/// One distinctive sample of every part of the record (`RecordPart`), written through a store as the portal
/// writes it, and what each place that carries a part shows of it. The switches name every part, so a part
/// added to the record does not compile here until it has its sample and each export has said whether, and
/// how, it carries it: the tests derived from the record's list (`RecordPartTests`, the clinic's
/// `ClinicRecordPartTests`) then prove it reaches every one.
public enum RecordSamples {
    /// Today for the samples: every sample is within the snapshot's window of it.
    public static let today = CalendarDate("2026-11-27")!
    public static let clock = PortalClock(today: today, time: TimeOfDay(hour: 12, minute: 0)!)
    static let now = LocalDateTime(date: today, time: TimeOfDay(hour: 12, minute: 0)!)

    /// Writes the samples into an empty store, part by part.
    public static func fill(_ store: any RecordStore, content: ContentLibrary) throws {
        for part in RecordPart.allCases {
            switch part {
            case .profile:
                let patient = Patient(name: "Zelda Sample", stage: .pregnant(dueDate: CalendarDate("2027-03-01")!), conditions: [.lowBack],
                                      therapist: "Dr Sample", clinic: "Sample Clinic")
                let plan = try Onboarding(content: content).carePlan(firstVisit: LocalDateTime("2026-11-02T09:00")!, location: "Sample Room 7",
                                                                     therapist: "Dr Sample")
                let week = ProgramWeek(number: 1, starts: CalendarDate("2026-11-02")!, note: "Sample week note", prescriptions: [
                    Prescription(exerciseID: "clamshell", dose: Dose(sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 7)),
                ])
                // The profile, the care plan, the program and the reading list are set up together, as onboarding does.
                try store.setUp(patient: patient, plan: plan, weeks: [week], readingList: ["sample-reading"])
            case .carePlan, .program:
                break  // set up with the profile
            case .exerciseLog:
                // On a day of week 1 (2–8 Nov): after its seventh day her program had run out, and nothing done then
                // counts in adherence or the report's sets (QA J6).
                try store.markDone(exerciseID: "clamshell", on: CalendarDate("2026-11-05")!, today: CalendarDate("2026-11-05")!, sets: 2, pain: 3)
            case .painDiary:
                try store.addPainEntry(PainEntry(date: CalendarDate("2026-11-20")!, time: TimeOfDay("08:00")!, score: 6,
                                                 sites: [SiteSide(.buttock, .left)], triggers: [.stairs], note: "Sample pain note"), now: now)
            case .signReports:
                // A sign of a blood clot, reported without a pain score: the safety defect of issue 20.
                try store.add(SignReport(date: CalendarDate("2026-11-26")!, time: TimeOfDay("07:10")!, signs: ["leg-swelling"],
                                                   note: "Sample sign note"), rules: EntryRules(now: now, content: content))
            case .checkIns:
                try store.saveQuizResult(QuizResult(date: CalendarDate("2026-11-22")!, answers: ["leak-cough": true]))
            case .bladderDiary:
                try store.add(BladderEvent.leak(CalendarDate("2026-11-25")!, TimeOfDay("07:20")!, amount: .damp, activity: .cough,
                                                note: "Sample bladder note"), rules: EntryRules(now: now, content: content))
            case .bowelLog:
                try store.add(BowelEntry(date: CalendarDate("2026-11-24")!, time: TimeOfDay("08:00")!, type: .two, straining: true,
                                         note: "Sample bowel note"), rules: EntryRules(now: now, content: content))
            case .measures:
                try store.add(MeasureResponse(measureID: "psfs", date: CalendarDate("2026-11-19")!, activities: [
                    RatedActivity("Sample lifting", 4), RatedActivity("Sample walking", 6), RatedActivity("Sample sitting", 5),
                ]), rules: EntryRules(now: now, content: content))
            case .reading:
                try store.markArticleRead("sample-reading", on: CalendarDate("2026-11-21")!)
            case .reminderSettings:
                try store.saveReminderSettings(ReminderSettings(daily: [.pain: DailyReminder(time: TimeOfDay("20:00")!, days: [1, 3])],
                                                                visitOffsets: [VisitReminderOffset(minutes: 1440)!]))
            case .reminderLog:
                try store.logReminder(ReminderDelivery(kind: .pain, subject: "pain/2026-11-26", at: LocalDateTime("2026-11-26T20:05")!,
                                                       outcome: .failed("Sample reminder reason")))
            case .signReviews:
                // No session of her own file reviews (only her therapist does, in a clinic): the sample goes in
                // through the record map, as a whole record written at once would carry it. It reviews nothing
                // written (place 0): the sample sign stays to review.
                guard let mapped = store as? any MappedRecordStore else { break }
                try mapped.writing { db in
                    try SignReviewMap.insert(SignReview(reviewedAt: LocalDateTime("2026-11-21T09:00")!, through: LocalDateTime("2026-11-20T08:00")!,
                                                        enteredThrough: 0, reviewer: "t_sample"), db)
                }
            case .questions:
                try store.ask("Sample question for the visit", at: LocalDateTime("2026-11-26T21:00")!)
            }
        }
    }

    /// The places a whole record is written to for others to read.
    public enum Destination: String, CaseIterable, Sendable {
        case json, fhir, csv, reportText, reportMarkdown, reportHTML
    }

    /// What `destination` shows of `part`'s sample (found in its text once runs of spaces, line breaks and
    /// Markdown's backslashes are made single spaces), or nil when it does not carry the part at all: a
    /// decision each export makes here, part by part, in the open.
    public static func marker(_ part: RecordPart, in destination: Destination) -> String? {
        let report = destination == .reportText || destination == .reportMarkdown || destination == .reportHTML
        switch part {
        case .profile:
            return destination == .csv ? nil : "Zelda Sample"
        case .carePlan:
            return report ? "1. Evaluation: Booked" : "Sample Room 7"
        case .program:
            switch destination {
            case .json: return "Sample week note"
            case .fhir: return "Week 1: Sample week note"
            case .csv: return nil  // no table of its own: the exercise table gives each session's dose
            case .reportText, .reportMarkdown, .reportHTML: return "Clamshell"
            }
        case .exerciseLog:
            switch destination {
            case .json: return "\"pain\" : 3"
            case .fhir: return "Pain during an exercise"
            case .csv: return "clamshell"
            case .reportText, .reportMarkdown: return "Clamshell: 2 of"
            case .reportHTML: return "Clamshell</td><td>2 of"
            }
        case .painDiary:
            return "Sample pain note"
        case .signReports:
            // The sign's words from safety.json, wherever a reader meets it; its id in the JSON.
            return destination == .json ? "leg-swelling" : "Swelling, redness, pain or warmth in a leg"
        case .checkIns:
            switch destination {
            case .json: return "leak-cough"
            // The check-in's own Questionnaire (the measures have QuestionnaireResponses too).
            case .fhir: return "PelvicFloorCheckIn"
            case .csv: return "2026-11-22"
            case .reportText, .reportMarkdown, .reportHTML: return "2026-11-22: 1 yes"
            }
        case .bladderDiary:
            // Her note wherever the entry goes whole; the one-page report gives the diary's days in figures.
            switch destination {
            case .json, .fhir, .csv: return "Sample bladder note"
            case .reportText, .reportMarkdown, .reportHTML: return "Bladder diary, 1 day kept: leaks 1 (1 with effort"
            }
        case .bowelLog:
            switch destination {
            case .json, .fhir, .csv: return "Sample bowel note"
            case .reportText, .reportMarkdown, .reportHTML: return "Bowel log: 1 movement: 1 hard (types 1–2)"
            }
        case .measures:
            switch destination {
            case .json, .fhir, .csv: return "Sample lifting"
            case .reportText, .reportMarkdown, .reportHTML: return "Activities you find hard: 5.0 out of 10 on average on 19 Nov"
            }
        case .reading:
            // What she reads goes to the JSON of everything; a health record, a spreadsheet and the one-page
            // report for her therapist leave it out (her therapist chose it).
            return destination == .json ? "sample-reading" : nil
        case .reminderSettings:
            // How she uses the portal, not her health: the JSON of everything keeps it, nothing made for others does.
            return destination == .json ? "\"days\" : \"mon,wed\"" : nil
        case .reminderLog:
            return destination == .json ? "Sample reminder reason" : nil
        case .signReviews:
            // Her therapist's acts in the clinic: no file made of her record carries them.
            return nil
        case .questions:
            // Her list for the visit: the JSON of everything and the report for her therapist carry it; a health
            // record and a spreadsheet do not.
            switch destination {
            case .json: return "Sample question for the visit"
            case .fhir, .csv: return nil
            case .reportText, .reportMarkdown, .reportHTML: return "Asked 26 Nov: Sample question for the visit (not answered yet)"
            }
        }
    }

    /// `destination`'s text for `data` (the CSV: the table `part` is written to), whitespace made single spaces.
    public static func render(_ destination: Destination, _ data: ExportData, part: RecordPart) throws -> String {
        let text: String
        switch destination {
        case .json: text = String(decoding: try Exporter.json(data), as: UTF8.self)
        case .fhir: text = String(decoding: try FHIRExport.bundle(data), as: UTF8.self)
        case .csv:
            guard let table = CSVTable.table(for: part) else { return "" }
            text = try Exporter.csv(table, data)
        case .reportText: text = ReportText.text(try TherapistReport(data: data, period: .lastDays(28)))
        case .reportMarkdown: text = ReportText.markdown(try TherapistReport(data: data, period: .lastDays(28))).replacingOccurrences(of: "\\", with: "")
        case .reportHTML: text = ReportHTML.html(try TherapistReport(data: data, period: .lastDays(28)))
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// The record with the ids the store gave its rows left out: what two stores that numbered them
    /// differently both hold.
    public static func withoutIDs(_ record: PatientRecord) -> PatientRecord {
        var r = record
        for part in RecordPart.allCases {
            switch part {
            case .exerciseLog: for i in r.sessions.indices { r.sessions[i].id = nil }
            case .painDiary: for i in r.painEntries.indices { r.painEntries[i].id = nil }
            case .signReports: for i in r.signReports.indices { r.signReports[i].id = nil }
            case .checkIns: for i in r.quizResults.indices { r.quizResults[i].id = nil }
            case .bladderDiary: for i in r.bladderEvents.indices { r.bladderEvents[i].id = nil }
            case .bowelLog: for i in r.bowelEntries.indices { r.bowelEntries[i].id = nil }
            case .measures: for i in r.measureResponses.indices { r.measureResponses[i].id = nil }
            case .reminderLog: for i in r.reminderLog.indices { r.reminderLog[i].id = nil }
            case .signReviews: for i in r.signReviews.indices { r.signReviews[i].id = nil }
            case .questions: for i in r.questions.indices { r.questions[i].id = nil }
            case .profile, .carePlan, .program, .reading, .reminderSettings: break  // their rows have no ids of the store's
            }
        }
        return r
    }
}
