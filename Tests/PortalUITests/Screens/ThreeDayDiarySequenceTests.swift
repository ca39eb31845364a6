import Foundation
import PortalCore
import XCTest
@testable import PortalUI

/// The three-day bladder diary over a whole care plan (issue 22 point 1: "her therapist asks for three days
/// before the evaluation and again later"): asked before visit 1 and kept, asked again before the
/// re-evaluation (visit 4) with the days counted afresh, and again before the discharge (visit 6), which comes
/// a week after the re-evaluation (two visits a week), so the re-evaluation's own days must not count for it.
/// Home's line and the brief's (`DueToday`, what `portal today --brief` prints) are checked on every day.
final class ThreeDayDiarySequenceTests: XCTestCase {
    /// Two visits a week: Mon 2 Nov evaluation … Thu 12 Nov re-evaluation … Thu 19 Nov discharge, each at 09:00.
    static let visitDays = ["2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-16", "2026-11-19"]
    static let kinds: [VisitKind] = [.evaluation, .followUp, .followUp, .reEvaluation, .followUp, .discharge]
    /// The days she keeps the diary: three before each of visits 1, 4 and 6, and the morning of visit 4 (before it).
    static let logged = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-09", "2026-11-10", "2026-11-12",
                         "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"]

    /// The snapshot on `today` at `time`: the visits before now completed, the others booked; her entries up to now.
    func snapshot(_ today: String, at time: String = "12:00") throws -> PortalSnapshot {
        let now = LocalDateTime(date: CalendarDate(today)!, time: TimeOfDay(time)!)
        var s = Fixtures.demo
        s.clock = PortalClock(today: now.date, time: now.time)
        s.patient?.conditions = [.bladderLeaks]
        s.plan = try CarePlan(visits: (0..<6).map { i in
            let start = LocalDateTime("\(Self.visitDays[i])T09:00")!
            return Visit(number: i + 1, kind: Self.kinds[i], status: start < now ? .completed : .booked, start: start,
                         durationMinutes: 45, mode: .inPerson)
        })
        // Each day's entry is a pee at 07:00, there once that time has come.
        s.record.bladderEvents = Self.logged.map { BladderEvent.pee(CalendarDate($0)!, TimeOfDay("07:00")!) }
            .filter { LocalDateTime(date: $0.date, time: $0.time) <= now }
        s.record.measureResponses = []
        return s
    }

    /// Home's Bladder line (nil when there is none) and the brief's diary item (nil when none).
    func said(_ today: String, at time: String = "12:00") throws -> (home: String?, brief: String?) {
        let s = try snapshot(today, at: time)
        let lines = Fixtures.app(s).view(size: Size(width: 80, height: 24)).lines
        let home = lines.first { $0.hasPrefix(" Bladder ") }.map { String($0.dropFirst(" Bladder     ".count)).trimmingCharacters(in: .whitespaces) }
        let brief = DueToday.items(s, measures: [], safety: Fixtures.content.safety).first { $0.kind == .diary }?.text
        return (home, brief)
    }

    func testTheDiaryIsAskedBeforeVisit1AgainBeforeVisit4AndAgainBeforeVisit6CountingAfresh() throws {
        let expected: [(String, String, String?, String?)] = [
            // Before the evaluation: the week up to Mon 2 Nov.
            ("2026-10-25", "12:00", nil, nil),
            ("2026-10-26", "12:00", "Bladder diary: 3 days before visit 1; start today. Press d.", "bladder diary day 1 of 3"),
            ("2026-10-30", "12:00", "Bladder diary: day 1 of 3. Press d.", nil),
            ("2026-10-31", "06:00", "Bladder diary: day 2 of 3. Press d.", "bladder diary day 2 of 3"),
            ("2026-11-01", "12:00", "Bladder diary: 3 days kept for visit 1", nil),
            ("2026-11-02", "08:00", "Bladder diary: 3 days kept for visit 1", nil),
            // Visit 1 done: nothing asked until the re-evaluation's week.
            ("2026-11-03", "12:00", nil, nil),
            ("2026-11-04", "12:00", nil, nil),
            // The re-evaluation (Thu 12 Nov): its week starts Thu 5 Nov, and the days before visit 1 do not count.
            ("2026-11-05", "12:00", "Bladder diary: 3 days before visit 4; start today. Press d.", "bladder diary day 1 of 3"),
            ("2026-11-09", "12:00", "Bladder diary: day 1 of 3. Press d.", nil),
            ("2026-11-11", "12:00", "Bladder diary: day 3 of 3. Press d.", "bladder diary day 3 of 3"),
            ("2026-11-12", "08:00", "Bladder diary: 3 days kept for visit 4", nil),
            // The discharge (Thu 19 Nov): from the day after the re-evaluation, counted afresh (the morning of
            // visit 4 was for visit 4).
            ("2026-11-13", "12:00", "Bladder diary: 3 days before visit 6; start today. Press d.", "bladder diary day 1 of 3"),
            ("2026-11-16", "12:00", "Bladder diary: day 1 of 3. Press d.", nil),
            ("2026-11-17", "12:00", "Bladder diary: day 2 of 3. Press d.", nil),
            ("2026-11-18", "12:00", "Bladder diary: 3 days kept for visit 6", nil),
            // A fourth day changes nothing, and after the discharge it stops.
            ("2026-11-19", "08:00", "Bladder diary: 3 days kept for visit 6", nil),
            ("2026-11-20", "12:00", nil, nil),
        ]
        for (today, time, home, brief) in expected {
            let (h, b) = try said(today, at: time)
            XCTAssertEqual(h, home, "Home on \(today) at \(time)")
            XCTAssertEqual(b, brief, "the brief on \(today) at \(time)")
        }
    }

    /// Once the visit is recorded as done, its diary is over, whatever the day: Home no longer asks for it (the
    /// measures' rule: a visit completed that morning is never "before").
    func testAVisitDoneTodayEndsItsDiary() throws {
        // Visit 4 done at 09:00 on 12 Nov with only two days kept: neither Home nor the brief asks for a third.
        var s = try snapshot("2026-11-12", at: "15:00")
        s.record.bladderEvents = ["2026-11-09", "2026-11-10"].map { BladderEvent.pee(CalendarDate($0)!, TimeOfDay("07:00")!) }
        let lines = Fixtures.app(s).view(size: Size(width: 80, height: 24)).lines
        XCTAssertFalse(lines.contains { $0.hasPrefix(" Bladder ") && $0.contains("visit 4") }, lines.joined(separator: "\n"))
        XCTAssertEqual(DueToday.items(s, measures: [], safety: Fixtures.content.safety).filter { $0.kind == .diary }, [])
        // Booked and not yet done that morning: what she kept is counted, but a day is no longer asked for on
        // the visit's own day (QA E1); she brings what she has.
        let morning = try snapshot("2026-11-12", at: "08:00")
        var m = morning
        m.record.bladderEvents = s.record.bladderEvents
        XCTAssertEqual(DueToday.items(m, measures: [], safety: Fixtures.content.safety).filter { $0.kind == .diary }, [])
        let home = Fixtures.app(m).view(size: Size(width: 80, height: 24)).lines
        XCTAssertTrue(home.contains { $0.hasPrefix(" Bladder ") && $0.contains("Bladder diary: 2 days kept for visit 4; bring what you have") },
                      home.joined(separator: "\n"))
    }

    /// QA E1 as she met it: visit 1 (the evaluation) Wed 9 Dec 09:30, set up on Mon 7 Dec. Two days are left:
    /// Home, Diary and the brief say so; on the visit's morning nothing is started ("day 1 of 3" never); from
    /// 09:30 on, booked and not yet marked done, no place asks for it, the evening diary reminder included.
    func testFewerThanThreeDaysLeftAreSaidAndTheDiaryEndsWhenTheVisitStarts() throws {
        func at(_ when: String, logged: [String] = []) throws -> PortalSnapshot {
            let now = LocalDateTime(when)!
            var s = Fixtures.demo
            s.clock = PortalClock(today: now.date, time: now.time)
            s.patient?.conditions = [.bladderLeaks]
            s.plan = try CarePlan(visits: (1...6).map { n in
                Visit(number: n, kind: n == 1 ? .evaluation : .followUp, status: n == 1 ? .booked : .toSchedule,
                      start: n == 1 ? LocalDateTime("2026-12-09T09:30")! : nil, durationMinutes: 60, mode: .inPerson)
            })
            s.record.bladderEvents = logged.map { BladderEvent.pee(CalendarDate($0)!, TimeOfDay("07:00")!) }
            s.record.measureResponses = []
            var settings = ReminderSettings()
            try settings.set(.diary, DailyReminder(time: TimeOfDay("21:00")!))
            s.record.reminderSettings = settings
            s.record.reminderLog = []
            return s
        }
        // Home's Bladder line with the row it wraps to, as one line of words ("" when there is none).
        func home(_ s: PortalSnapshot) -> String {
            let lines = Fixtures.app(s).view(size: Size(width: 80, height: 24)).lines
            guard let first = lines.firstIndex(where: { $0.hasPrefix(" Bladder ") }) else { return "" }
            let rows = [lines[first]] + lines[(first + 1)...].prefix { $0.hasPrefix(String(repeating: " ", count: 13)) && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return rows.map { String($0.dropFirst(13)) }.joined(separator: " ").split(separator: " ").joined(separator: " ")
        }
        func brief(_ s: PortalSnapshot) -> String? {
            DueToday.items(s, measures: [], safety: Fixtures.content.safety).first { $0.kind == .diary }?.text
        }
        func reminder(_ s: PortalSnapshot) -> String? {
            ReminderPlan.due(s, safety: Fixtures.content.safety).first { $0.kind == .diary }?.title
        }
        let monday = try at("2026-12-07T21:05")
        XCTAssertTrue(home(monday).contains("Bladder diary: 2 days left before visit 1: start today; bring what you have"), home(monday))
        XCTAssertEqual(brief(monday), "bladder diary day 1 (2 days left before visit 1)")
        XCTAssertEqual(reminder(monday), "Bladder diary day 1 (2 days left before visit 1)")
        XCTAssertEqual(BladderDiaryScreen(Fixtures.context(monday)).threeDay(Fixtures.context(monday))?.headline,
                       "Bladder diary: 2 days left before visit 1: start today; bring what you have", "the Diary screen says the same")
        let tuesday = try at("2026-12-08T12:00", logged: ["2026-12-07"])
        XCTAssertTrue(home(tuesday).contains("Bladder diary: day 2, 1 day left before visit 1; bring what you have"), home(tuesday))
        // The visit's morning, nothing kept: no "day 1 of 3".
        let morning = try at("2026-12-09T08:00")
        XCTAssertEqual(home(morning), "")
        XCTAssertNil(brief(morning))
        XCTAssertNil(reminder(try at("2026-12-09T08:00")))
        // Twelve hours after the visit began, not yet marked done: over.
        for s in [try at("2026-12-09T21:05"), try at("2026-12-09T21:05", logged: ["2026-12-08", "2026-12-09"])] {
            XCTAssertFalse(home(s).contains("diary"), home(s))
            XCTAssertNil(brief(s))
            XCTAssertNil(reminder(s))
        }
    }

    /// QA E3: at 60x18 the line wraps to a second row instead of cutting what to do and its key ("start today.
    /// Press d."); the questionnaires' line likewise keeps "Press m.".
    func testAtTheSmallestSizeTheLineWrapsAndKeepsWhatToDo() throws {
        let lines = Fixtures.app(try snapshot("2026-10-26")).view(size: Size(width: 60, height: 18)).lines
        func said(_ label: String) throws -> String {
            let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix(" \(label) ") }, lines.joined(separator: "\n"))
            let rows = [lines[first]] + lines[(first + 1)...].prefix { $0.hasPrefix(String(repeating: " ", count: 13)) && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return rows.map { String($0.dropFirst(13)) }.joined(separator: " ").split(separator: " ").joined(separator: " ")
        }
        XCTAssertEqual(try said("Bladder"), "Bladder diary: 3 days before visit 1; start today. Press d.", lines.joined(separator: "\n"))
        XCTAssertTrue(try said("To do").hasSuffix("Press m."), lines.joined(separator: "\n"))
    }
}
