import Foundation
import XCTest
@testable import PortalCore

/// `portal today --brief` on both stores, across the day's states, with the clock pinned to the minute.
extension CommandCases {
    func theBriefLineSaysWhatIsStillDueAndNothingWhenNothingIs() throws {
        let portal = try makePortal()
        let evening = ["PORTAL_TODAY": "2026-11-27T20:05"]
        func brief(_ env: [String: String] = evening) throws -> String {
            let r = try portal.run(["today", "--brief"], env: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "")
            XCTAssertLessThanOrEqual(r.stdout.count, 81)
            return r.stdout
        }
        XCTAssertEqual(try brief(), "", "no record yet: nothing at all, so a prompt never breaks")

        try portal.demo()
        // The demo's re-evaluation (visit 4, 3 December) is within a week: its questionnaire is due, on the line too.
        XCTAssertEqual(try brief(), "5 of 6 exercises left · 1 questionnaire before visit 4\n")
        XCTAssertEqual(try portal.run(["measure", "psfs", "--activity", "Lifting=3", "--activity", "Walking=4", "--activity", "Sitting=5"]).status, 0)
        // The demo has today's pain logged and 1 of its 4 exercises done; visit 4 is on 3 December.
        XCTAssertEqual(try brief(), "5 of 6 exercises left\n")
        XCTAssertEqual(try portal.run(["today", "--brief", "--db", portal.database], env: evening).stdout, "5 of 6 exercises left\n",
                       "the same through the argument parser")
        XCTAssertEqual(try portal.runAsTherapist(["visits", "book", "4", "2026-11-28", "09:30"]).status, 0)
        XCTAssertEqual(try brief(), "5 of 6 exercises left · visit 4 tomorrow 09:30\n")
        XCTAssertEqual(try brief(["PORTAL_TODAY": "2026-11-27T09:29"]), "5 of 6 exercises left\n", "more than a day before the visit")

        let week = try XCTUnwrap(try portal.store().program().currentWeek(on: CalendarDate("2026-11-27")!))
        // Every session of the day: the pelvic floor squeezes are three times a day.
        for p in week.prescriptions {
            for _ in 0..<p.dose.timesPerDay { _ = try portal.run(["exercises", "done", p.exerciseID]) }
        }
        XCTAssertEqual(try brief(), "visit 4 tomorrow 09:30\n")
        XCTAssertEqual(try brief(["PORTAL_TODAY": "2026-11-28T08:50"]), "Log today's pain · 6 of 6 exercises left · visit 4 in 40 min\n",
                       "the next morning: nothing logged yet")
        XCTAssertEqual(try portal.runAsTherapist(["visits", "book", "4", "2026-12-03", "10:15"]).status, 0)
        XCTAssertEqual(try brief(), "", "nothing due: nothing printed, exit 0")
    }

    /// `portal today` in full says the bladder diary day and the questionnaires due, from the list the brief
    /// line reads (`DueToday`): the two never disagree, and each leaves both once it is done.
    func todaySaysTheDiaryDayAndTheQuestionnairesDueAsTheBriefDoes() throws {
        let portal = try makePortal()
        try portal.demo()
        let evening = ["PORTAL_TODAY": "2026-11-27T20:05"]
        func today() throws -> String {
            let r = try portal.run(["today"], env: evening)
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout
        }
        func brief() throws -> String { try portal.run(["today", "--brief"], env: evening).stdout }
        var text = try today()
        XCTAssertTrue(text.contains("\n1 questionnaire before visit 4: `portal measure` lists them.\n"), text)
        XCTAssertFalse(text.contains("Bladder diary"), "no diary asked for without bladder leaks")
        // Bladder leaks among her conditions: the three days before the re-evaluation, and the check-in too.
        XCTAssertEqual(try portal.run(["profile", "--condition", "hip-piriformis", "--condition", "bladder-leaks"]).status, 0)
        text = try today()
        XCTAssertTrue(text.contains("\nBladder diary day 1 of 3: note each pee, leak and drink today (`portal bladder pee`, `leak`, `drink`, `pad`).\n"), text)
        XCTAssertTrue(text.contains("\n2 questionnaires before visit 4: `portal measure` lists them.\n"), text)
        var line = try brief()
        XCTAssertTrue(line.contains("diary day 1 · 2 questionnaires"), "shortened together to fit 80 columns: \(line)")
        // Done, each leaves both.
        XCTAssertEqual(try portal.run(["bladder", "pee", "--time", "19:00"], env: evening).status, 0)
        XCTAssertEqual(try portal.run(["measure", "psfs", "--activity", "Lifting=3", "--activity", "Walking=4", "--activity", "Sitting=5"]).status, 0)
        text = try today()
        XCTAssertFalse(text.contains("Bladder diary day"), text)
        XCTAssertTrue(text.contains("\n1 questionnaire before visit 4: `portal measure` lists them.\n"), text)
        line = try brief()
        XCTAssertFalse(line.contains("diary"), line)
        XCTAssertTrue(line.contains("1 questionnaire before visit 4"), line)
    }
}

extension CommandCases {
    /// `portal measure` and `portal today` (and its brief line) ask one rule whether the check-in is due
    /// (`MeasureSchedule.due(measures:record:today:)`): not for her conditions, due, done, and with every
    /// questionnaire done, they say the same.
    func measureAndTodayAgreeOnTheCheckInAcrossTheDay() throws {
        let portal = try makePortal()
        try portal.demo()
        let evening = ["PORTAL_TODAY": "2026-11-27T20:05"]
        func say() throws -> (today: String, brief: String, measure: String) {
            let today = try portal.run(["today"], env: evening), measure = try portal.run(["measure"], env: evening)
            XCTAssertEqual(today.status, 0, today.stderr)
            XCTAssertEqual(measure.status, 0, measure.stderr)
            return (today.stdout, try portal.run(["today", "--brief"], env: evening).stdout, measure.stdout)
        }
        func checkInLine(_ measure: String) -> String {
            measure.split(separator: "\n").first { $0.hasPrefix(Measure.checkInID + ":") }.map(String.init) ?? ""
        }
        // Hip pain only: the check-in is not one for her conditions; the re-evaluation's PSFS is due.
        var s = try say()
        XCTAssertTrue(s.today.contains("\n1 questionnaire before visit 4: `portal measure` lists them.\n"), s.today)
        XCTAssertTrue(s.measure.hasPrefix("Before visit 4: 1 short questionnaire (about 3 minutes): psfs\n"), s.measure)
        XCTAssertFalse(checkInLine(s.measure).contains("· due"), s.measure)

        // Bladder leaks too: the check-in is due, in both.
        XCTAssertEqual(try portal.run(["profile", "--condition", "hip-piriformis", "--condition", "bladder-leaks"]).status, 0)
        s = try say()
        XCTAssertTrue(s.today.contains("\n2 questionnaires before visit 4: `portal measure` lists them.\n"), s.today)
        XCTAssertTrue(s.brief.contains("2 questionnaires"), s.brief)
        XCTAssertTrue(s.measure.hasPrefix("Before visit 4: 2 short questionnaires (about 5 minutes): \(Measure.checkInID), psfs\n"), s.measure)
        XCTAssertTrue(checkInLine(s.measure).contains("not filled in yet · due (filled in on the portal's screen, key c on Home)"), s.measure)

        // The check-in done (on the screen, kept as a check-in): neither asks for it again.
        _ = try portal.store().saveQuizResult(QuizResult(date: CalendarDate("2026-11-27")!, answers: ["leak-cough-sneeze": true]))
        s = try say()
        XCTAssertTrue(s.today.contains("\n1 questionnaire before visit 4: `portal measure` lists them.\n"), s.today)
        XCTAssertTrue(s.brief.contains("· 1 questionnaire"), s.brief)
        XCTAssertTrue(s.measure.hasPrefix("Before visit 4: 1 short questionnaire (about 3 minutes): psfs\n"), s.measure)
        XCTAssertTrue(checkInLine(s.measure).contains("last 1 of 12 answered yes on 2026-11-27"), s.measure)
        XCTAssertFalse(checkInLine(s.measure).contains("· due"), s.measure)

        // Everything done: neither says a questionnaire is due.
        XCTAssertEqual(try portal.run(["measure", "psfs", "--activity", "Lifting=3", "--activity", "Walking=4", "--activity", "Sitting=5"]).status, 0)
        s = try say()
        XCTAssertFalse(s.today.contains("questionnaire"), s.today)
        XCTAssertFalse(s.brief.contains("questionnaire"), s.brief)
        XCTAssertFalse(s.measure.contains("Before visit"), s.measure)
        XCTAssertFalse(s.measure.contains("· due"), s.measure)
    }
}
