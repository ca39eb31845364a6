import Foundation
@testable import PortalCore
import StoreTestSupport

/// A day in a patient's life for the reminder tests: week 2 of her program (four exercises a day), visit 4
/// booked for `visit4` (in person at 1 Main St), and what she has done today so far.
struct ReminderDay {
    var now = at("2026-11-27T20:05")
    var pinned = false
    var painToday: [String] = []
    /// Exercises of the week done today (of clamshell, cat-cow, glute-bridge, bird-dog).
    var doneToday = 0
    var visit4: LocalDateTime? = at("2026-11-28T09:30")
    var visit4Mode: VisitMode = .inPerson
    var patient = true
    /// Warning signs reported today on their own (`portal signs`), at 07:00.
    var signsToday: [String] = []

    static let exercises = ["clamshell", "cat-cow", "glute-bridge", "bird-dog"]

    var snapshot: PortalSnapshot {
        let today = now.date
        let plan = try! CarePlan(visits: (1...6).map { n in
            switch n {
            case 1...3:
                return Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: .completed,
                             start: LocalDateTime(date: day("2026-11-02").adding(days: 7 * (n - 1)), time: time("09:00")),
                             durationMinutes: 45, mode: .inPerson, location: "1 Main St")
            case 4:
                return Visit(number: 4, kind: .reEvaluation, status: visit4 == nil ? .toSchedule : .booked, start: visit4,
                             durationMinutes: 45, mode: visit4Mode, location: visit4Mode == .virtual ? "https://video.example.org/a" : "1 Main St & Co")
            default:
                return Visit(number: n, kind: n == 6 ? .discharge : .followUp, status: .toSchedule, start: nil,
                             durationMinutes: 45, mode: .inPerson)
            }
        })
        let week = ProgramWeek(number: 2, starts: day("2026-11-23"), note: "",
                               prescriptions: Self.exercises.map { rx($0) })
        let sessions = Self.exercises.prefix(doneToday).map {
            ExerciseSession(date: today, exerciseID: $0, week: 2, setsDone: 2)
        }
        let pain = painToday.map { PainEntry(date: today, time: time($0), score: 3) }
            + [PainEntry(date: today.adding(days: -1), time: time("20:00"), score: 4)]
        var record = PatientRecord.empty
        record.patient = patient ? pregnantPatient() : nil
        record.plan = plan
        record.program = Program(weeks: [week])
        record.sessions = Array(sessions)
        record.painEntries = pain
        if !signsToday.isEmpty { record.signReports = [SignReport(date: today, time: time("07:00"), signs: signsToday)] }
        return PortalSnapshot(clock: PortalClock(today: today, time: now.time, isPinned: pinned), record: record)
    }
}
