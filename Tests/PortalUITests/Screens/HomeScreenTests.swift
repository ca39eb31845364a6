import PortalCore
import XCTest
@testable import PortalUI

final class HomeScreenTests: XCTestCase {
    /// QA J12: with no visit booked, Home said "None booked. Your clinic will schedule the ne…" at 60×18, to a
    /// patient on her own computer, who books her visits herself. She is told how, whole at every size; on a
    /// clinic login that books them for her, that her clinic will.
    func testNoVisitBookedSaysWhoBooksItWholeAtEverySize() throws {
        var snapshot = Fixtures.demo
        var visits = try XCTUnwrap(snapshot.plan).visits
        visits[2].status = .cancelled
        snapshot.plan = try CarePlan(visits: visits)
        XCTAssertNil(snapshot.nextVisit)
        let clinicBooks = !Viewer.clinicPatient.may(.visits)
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let own = Fixtures.screen(snapshot, size: size).lines.first { $0.contains("Next visit") }
            let said = size.width == 60 ? "Next visit  None booked. Book it on Visits (v)." : "Next visit  None booked. Press v, open the visit and press b to book it."
            XCTAssertTrue(own?.contains(said) == true, "\(size): \(own ?? "")")
            let clinic = Fixtures.screen(snapshot, size: size, viewer: .clinicPatient).lines.first { $0.contains("Next visit") }
            XCTAssertFalse(clinic?.contains("…") ?? true, "\(size): \(clinic ?? "")")
            if clinicBooks { XCTAssertTrue(clinic?.contains("Your clinic will schedule") == true, "\(size): \(clinic ?? "")") }
        }
    }

    func testTheDashboardAt80x24() throws {
        let app = Fixtures.app(Fixtures.demo)
        let screen = app.view(size: Size(width: 80, height: 24))
        let lines = screen.lines
        XCTAssertEqual(lines[0], " Portal → Home                                          Jordan Lee · Fri 27 Nov")
        XCTAssertEqual(lines[2], " Stage       24 weeks pregnant", "Home says where the patient is")
        XCTAssertTrue(lines[3].hasPrefix(" Pain today  4/10 at 09:55"), lines[3])
        // Each menu item's lines, in the menu's order: pain (l), exercises (e), visits (v).
        XCTAssertTrue(lines[4].hasPrefix(" Pain, 14 d  "), lines[4])
        XCTAssertTrue(lines[4].contains("day's average · 7-day avg"), lines[4])
        XCTAssertTrue(lines[5].hasPrefix(" Exercises   1 of 6 done today (week 4) · "), lines[5])
        XCTAssertTrue(lines[6].hasPrefix(" New         Week 4: + Standing hip extension"), lines[6])
        XCTAssertEqual(lines[7], "             ↑ Sit to stand, ↑ Pelvic floor long holds, − Clamshell", "the New line wraps instead of cutting")
        XCTAssertEqual(lines[8], " Next visit  3 of 6 · Thu 3 Dec 10:15 · in 6 days · virtual")
        XCTAssertEqual(lines[9], " Visits      ●●○○○○ 2 of 6 completed")
        // Two columns: every item shows at 80×24, none a move away (issue 23).
        XCTAssertEqual(lines[11], " › l Log pain                   c Pelvic floor check-in")
        XCTAssertEqual(lines[12], "   w Warning signs check        d Bladder diary")
        XCTAssertEqual(lines[15], "   t Questions for the visit    i About me", "beside the visits they are for")
        XCTAssertEqual(lines[16], "   p Progress                   s Share with your therapist")
        XCTAssertEqual(lines[17], "   r Learn: your reading")
        XCTAssertFalse(lines.contains { $0.contains("more below") })
        XCTAssertEqual(lines[23], "↑↓ move  Enter open  l log pain  e exercises  ? help  q quit")
    }

    /// At 60 columns an in-person visit's line is too long whole: the weekday goes rather than cutting
    /// "in person" to "in per…"; with room the full wording stays.
    func testTheNextVisitLineFitsAtTheMinimumInShorterWords() throws {
        var snapshot = Fixtures.demo
        snapshot.plan = try CarePlan(visits: snapshot.plan!.visits.map { v in
            var v = v
            if v.number == 3 { v.mode = .inPerson }
            return v
        })
        let narrow = Fixtures.app(snapshot).view(size: Size(width: 60, height: 18)).lines
        XCTAssertEqual(narrow[8], " Next visit  3 of 6 · 3 Dec 10:15 · in 6 days · in person")
        // Week 4's New line (rows 6 and 7) has five changes and is cut at 60 columns; no other line is.
        XCTAssertFalse((narrow[..<6] + narrow[8...]).contains { $0.contains("…") }, narrow.joined(separator: "\n"))
        let wide = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(wide[8], " Next visit  3 of 6 · Thu 3 Dec 10:15 · in 6 days · in person")
        let mono = Fixtures.app(snapshot, glyphs: .ascii).view(size: Size(width: 60, height: 18)).lines
        XCTAssertEqual(mono[8], " Next visit  3 of 6 · 3 Dec 10:15 · in 6 days · in person")
    }

    func testASummaryLineShowsTheFirstWordingThatFits() {
        let line = HomeScreen.SummaryLine(label: "Next visit", text: "4 of 6 · Wed 30 Dec 10:15 · in 33 days · in person",
                                          shorter: ["4 of 6 · 30 Dec 10:15 · in 33 days · in person", "4 of 6 · 30 Dec 10:15 · in 33 days · clinic"])
        XCTAssertEqual(line.rows(width: 60, ellipsis: "…"), ["4 of 6 · Wed 30 Dec 10:15 · in 33 days · in person"])
        XCTAssertEqual(line.rows(width: 46, ellipsis: "…"), ["4 of 6 · 30 Dec 10:15 · in 33 days · in person"])
        XCTAssertEqual(line.rows(width: 45, ellipsis: "…"), ["4 of 6 · 30 Dec 10:15 · in 33 days · clinic"])
        XCTAssertEqual(line.rows(width: 20, ellipsis: "…"), ["4 of 6 · 30 Dec 10:…"], "narrower still, the shortest is cut")
    }

    // Issue 19, point 6: once all six visits are done Home said "None booked. Your clinic will schedule the next
    // one." It says the plan is complete, then what comes next in the care plan's own words.
    func testOnceAllSixVisitsAreDoneHomeSaysThePlanIsCompleteAndWhatComesNext() throws {
        var snapshot = Fixtures.demo
        let today = snapshot.today
        snapshot.plan = try CarePlan(visits: snapshot.plan!.visits.map { v in
            var v = v
            v.status = .completed
            v.start = LocalDateTime(date: today.adding(days: -7 * (7 - v.number)), time: TimeOfDay("10:00")!)
            return v
        })
        let after = Fixtures.content.afterCarePlan
        XCTAssertFalse(after.isEmpty, "care-plan.json says what comes after the six visits")
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            let text = Fixtures.app(snapshot).view(size: size).lines.joined(separator: "\n")
            XCTAssertFalse(text.contains("None booked"), text)
            XCTAssertFalse(text.contains("schedule the next"), text)
        }
        let lines = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines
        let joined = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains(" Care plan   All six visits are done: your care plan is complete."), joined)
        // The content's words, whole, on the rows after "What next".
        guard let first = lines.firstIndex(where: { $0.hasPrefix(" What next ") }) else { return XCTFail(joined) }
        let shown = lines[first...].prefix(4).map { String($0.dropFirst(13)) }.joined(separator: " ")
        XCTAssertTrue(shown.hasPrefix(after), "\(shown)\n\(joined)")
        let small = Fixtures.app(snapshot).view(size: Size(width: 60, height: 18)).lines
        guard let at = small.firstIndex(where: { $0.hasPrefix(" What next ") }) else { return XCTFail(small.joined(separator: "\n")) }
        XCTAssertTrue(small[at...].prefix(4).map { String($0.dropFirst(13)) }.joined(separator: " ").hasPrefix(after),
                      "whole at 60×18 too: \(small.joined(separator: "\n"))")
    }

    /// The demo two days after a C-section, visits 1 and 2 booked and past (Home asks whether each took place),
    /// and her therapist's week after the last, all planned for her pregnancy: a summary longer than 60×18 holds.
    private func longSummary() throws -> (PortalSnapshot, ProgramWeek) {
        var s = Fixtures.demo
        s.patient?.stage = .postpartum(birthDate: Fixtures.today.adding(days: -2), delivery: .cesarean)
        // Visits 1 and 2 booked and past: Home asks whether each took place.
        var visits = try XCTUnwrap(s.plan).visits
        visits[0].status = .booked
        visits[1].status = .booked
        s.plan = try CarePlan(visits: visits)
        let last = try XCTUnwrap(s.program.weeks.last)
        let theirs = ProgramWeek(number: last.number + 1, starts: last.starts.adding(days: 7), note: "", prescriptions: last.prescriptions,
                                 origin: .therapist)
        let weeks = s.program.weeks + [theirs]
        s.program = Program(weeks: weeks, plannedFor: Dictionary(uniqueKeysWithValues: weeks.map { ($0.number, .pregnancy) }))
        return (s, theirs)
    }

    /// A summary longer than the screen (the after-birth check naming her therapist's week planned before the
    /// birth, beside the demo's to-do and question) left a 60×18 Home with no menu at all: the summary gives way,
    /// and the menu keeps the selected item and the mark that says where the rest is.
    func testALongSummaryLeavesTheMenuItsWayToTheRest() throws {
        let (s, theirs) = try longSummary()
        XCTAssertEqual(s.afterBirth?.therapistWeeks, [theirs.number], "her therapist's week is named")
        let lines = Fixtures.app(s).view(size: Size(width: 60, height: 18)).lines
        let screen = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix(" › l Log pain") }, screen)
        XCTAssertTrue(lines.contains { $0.contains("↓ more below") }, screen)
    }

    /// The same long summary at 60×18 cut the after-birth check after four rows (its last sentences lost) and
    /// left the open question no row: what matters for her safety is said whole, and the other lines give way to
    /// it (the last first) while the menu keeps its way to the rest.
    func testALongSummarySaysWhatMattersWhole() throws {
        let (s, _) = try longSummary()
        let check = try XCTUnwrap(s.afterBirth)
        let question = try XCTUnwrap(HomeScreen.promptLines(Fixtures.context(s)).first).1
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            for glyphs in [Glyphs.unicode, .ascii] {
                let lines = Fixtures.app(s, glyphs: glyphs).view(size: size).lines
                let screen = lines.joined(separator: "\n")
                // In two columns the summary is the left one (`HomeScreen.measure` cells): the chart is beside it.
                let summary = size.width >= HomeScreen.wideWidth ? lines.map { String($0.prefix(1 + HomeScreen.measure)) } : lines
                let said = summary.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                XCTAssertTrue(said.contains("After birth " + check.whole), "\(size): the check whole\n" + screen)
                XCTAssertTrue(said.contains("Question " + question), "\(size): the question whole\n" + screen)
                XCTAssertTrue(lines.contains { $0.contains("l Log pain") }, "\(size)\n" + screen)
            }
        }
    }

    func testAtTheMinimumSizeTheMenuScrollsToTheSelection() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.end)
        let lines = app.view(size: Size(width: 60, height: 18)).lines
        XCTAssertTrue(lines.contains { $0.hasSuffix(" › s Share with your therapist") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    func testWithoutAnEntryTodayItAsksForOne() throws {
        var snapshot = Fixtures.demo
        snapshot.painEntries.removeAll { $0.date == Fixtures.today }
        let lines = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24)).lines
        XCTAssertEqual(lines[3], " Pain today  Not logged yet. Press l to log it.")
    }

    func testHighPainTodayRaisesTheSafetyBanner() throws {
        var snapshot = Fixtures.demo
        snapshot.painEntries.append(PainEntry(id: 999, date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, score: 9))
        let screen = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24))
        XCTAssertTrue(screen.lines[2].hasPrefix("  High pain: You logged pain of 9 out of 10."), screen.lines[2])
        XCTAssertTrue(screen.contains("contact your therapist or"), screen.lines.joined(separator: "\n"))
    }

    func testWhenTheMenuDoesNotFitItSaysWhereTheRestIs() throws {
        var snapshot = Fixtures.demo
        snapshot.painEntries.append(PainEntry(id: 999, date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, score: 9))
        var app = Fixtures.app(snapshot)
        let lines = app.view(size: Size(width: 60, height: 18)).lines
        XCTAssertTrue(lines.contains { $0.contains("↓ more below") }, lines.joined(separator: "\n"))
        app.press(.end)
        let end = app.view(size: Size(width: 60, height: 18)).lines
        XCTAssertTrue(end.contains { $0.contains("↑ more above") }, end.joined(separator: "\n"))
        XCTAssertTrue(end.contains { $0.contains("› s Share with your therapist") })
    }

    func testASevereWarningSignShowsTheEmergencyAdvice() throws {
        var snapshot = Fixtures.demo
        let sign = try XCTUnwrap(Fixtures.content.safety.signs.first { $0.urgency == .emergency })
        snapshot.painEntries.append(PainEntry(id: 999, date: Fixtures.today, time: TimeOfDay(hour: 11, minute: 0)!, score: 2, warningSigns: [sign.id]))
        let screen = Fixtures.app(snapshot).view(size: Size(width: 80, height: 24))
        // What to do comes first (QA E7), then what she reported.
        XCTAssertTrue(screen.lines[2].hasPrefix("  Emergency: "), screen.lines[2])
        XCTAssertTrue(screen.lines[2].lowercased().contains("call 911 now"), screen.lines[2])
        XCTAssertTrue(screen.contains("You reported:"))
    }

    func testAsciiFallbackDrawsNoUnicode() throws {
        let screen = Fixtures.app(Fixtures.demo, glyphs: .ascii).view(size: Size(width: 80, height: 24))
        let nonASCII = screen.lines.joined().unicodeScalars.filter { !$0.isASCII }
        // Only the words' own punctuation (the middle dot and em-dash in texts) may remain; no drawing symbols.
        XCTAssertFalse(nonASCII.contains { "●○›↑↓→▁▂▃▄▅▆▇█".unicodeScalars.contains($0) }, String(String.UnicodeScalarView(nonASCII)))
    }
}
