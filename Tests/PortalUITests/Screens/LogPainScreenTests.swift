import PortalCore
import XCTest
@testable import PortalUI

final class LogPainScreenTests: XCTestCase {
    private func start() throws -> (LogPainScreen, ScreenContext) {
        let ctx = Fixtures.context(Fixtures.demo)
        return (LogPainScreen(ctx), ctx)
    }

    func testAFullEntryBecomesTheExactSaveEffect() throws {
        var (s, ctx) = try start()
        for k: Key in [.character("1"), .character("0"), .left, .left] { _ = s.handle(k, ctx) }
        XCTAssertEqual(s.score, 8)
        _ = s.handle(.tab, ctx) // day
        _ = s.handle(.left, ctx)
        XCTAssertEqual(s.day, Fixtures.today.adding(days: -1))
        _ = s.handle(.tab, ctx) // time
        XCTAssertTrue(s.capturesText)
        XCTAssertEqual(s.time.value, "12:00", "a past day starts at noon")
        for _ in 0..<5 { _ = s.handle(.backspace, ctx) }
        for c in "7:45" { _ = s.handle(.character(c), ctx) }
        _ = s.handle(.tab, ctx) // sites: hip-front is first
        _ = s.handle(.character(" "), ctx)
        _ = s.handle(.right, ctx)
        _ = s.handle(.right, ctx)
        _ = s.handle(.down, ctx) // hip-side
        _ = s.handle(.character(" "), ctx)
        _ = s.handle(.tab, ctx) // triggers: sitting-long is first
        _ = s.handle(.character(" "), ctx)
        _ = s.handle(.tab, ctx) // warnings
        _ = s.handle(.tab, ctx) // note
        for c in "Stairs at work, é 中" { _ = s.handle(.character(c), ctx) }
        let reaction = s.handle(.enter, ctx)
        XCTAssertEqual(reaction.effects, [.savePain(PainEntry(
            date: Fixtures.today.adding(days: -1), time: TimeOfDay(hour: 7, minute: 45)!, score: 8,
            sites: [SiteSide(.hipFront, .right), SiteSide(.hipSide)], triggers: [.sittingLong], note: "Stairs at work, é 中"))])
    }

    /// qa-f F12: a form opened at one time and saved later saved the time it was opened. A time she has not
    /// typed follows the clock, on screen and in what is saved; one she typed stays hers.
    func testAnUntouchedTimeFollowsTheClockUntilSheTypesOne() throws {
        var (s, opened) = try start()
        var later = opened
        later.snapshot.clock = PortalClock(today: opened.today, time: TimeOfDay(minutes: opened.snapshot.clock.time.minutes + 13))
        XCTAssertTrue(viewLines(s, later).joined().contains(later.snapshot.clock.time.description), "the field shows the time now")
        _ = s.handle(.character("4"), later)
        XCTAssertEqual(s.handle(.enter, later).effects, [.savePain(PainEntry(date: later.today, time: later.snapshot.clock.time, score: 4))])

        var (typed, ctx) = try start()
        _ = typed.handle(.character("4"), ctx)
        _ = typed.handle(.tab, ctx)
        _ = typed.handle(.tab, ctx)
        for _ in 0..<5 { _ = typed.handle(.backspace, ctx) }
        for c in "07:05" { _ = typed.handle(.character(c), ctx) }
        XCTAssertEqual(typed.handle(.enter, later).effects, [.savePain(PainEntry(date: later.today, time: TimeOfDay(hour: 7, minute: 5)!, score: 4))])
    }

    func testSavingWithoutAScoreExplainsAndSavesNothing() throws {
        var (s, ctx) = try start()
        XCTAssertEqual(s.handle(.enter, ctx).effects, [])
        XCTAssertEqual(s.error, "Choose a pain score from 0 to 10 first.")
        let lines = viewLines(s, ctx)
        XCTAssertTrue(lines.contains { $0.contains("Problem: Choose a pain score from 0 to 10 first.") })
    }

    func testABadTimeIsRefused() throws {
        var (s, ctx) = try start()
        _ = s.handle(.character("4"), ctx)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.character("9"), ctx) // "12:009"? the field holds at most 5 characters
        for _ in 0..<5 { _ = s.handle(.backspace, ctx) }
        for c in "25:00" { _ = s.handle(.character(c), ctx) }
        XCTAssertEqual(s.handle(.enter, ctx).effects, [])
        XCTAssertEqual(s.focus, .time)
        XCTAssertTrue(s.error?.contains("“25:00” is not a time") == true, s.error ?? "")
    }

    func testATimeLaterThanNowTodayIsRefused() throws {
        var (s, ctx) = try start()
        _ = s.handle(.character("4"), ctx)
        _ = s.handle(.tab, ctx)
        _ = s.handle(.tab, ctx)
        for _ in 0..<5 { _ = s.handle(.backspace, ctx) }
        for c in "23:59" { _ = s.handle(.character(c), ctx) }
        XCTAssertEqual(s.handle(.enter, ctx).effects, [])
        XCTAssertTrue(s.error?.contains("later than now") == true, s.error ?? "")
    }

    func testTheDayCannotGoIntoTheFuture() throws {
        var (s, ctx) = try start()
        _ = s.handle(.tab, ctx)
        _ = s.handle(.right, ctx)
        XCTAssertEqual(s.day, Fixtures.today)
    }

    func testWhenChangingTheDayMovesTheTimeTheScreenSaysSo() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("l"), .tab, .left)
        let lines = app.view(size: Size(width: 80, height: 24)).lines
        let timeRow = try XCTUnwrap(lines.first { $0.contains("Time") })
        XCTAssertTrue(timeRow.contains("12:00") && timeRow.contains("moved to 12:00 for a past day"), timeRow)
        app.press(.right)
        XCTAssertFalse(app.view(size: Size(width: 80, height: 24)).contains("moved to 12:00"), "back on today: nothing moved")
        app.press(.left, .tab)
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("moved to 12:00"), "still there on the time itself")
        app.press(.tab)
        XCTAssertFalse(app.view(size: Size(width: 80, height: 24)).contains("moved to 12:00"), "gone once the patient moves on")
    }

    func testEditAndDeleteAnEntryOfTheDay() throws {
        var (s, ctx) = try start()
        let existing = try XCTUnwrap(ctx.snapshot.entries(on: Fixtures.today).first)
        s.focus(on: .entries)
        _ = s.handle(.enter, ctx)
        XCTAssertEqual(s.editingID, existing.id)
        XCTAssertEqual(s.score, existing.score)
        XCTAssertEqual(s.title, "Edit pain entry")
        _ = s.handle(.right, ctx)
        // The offset from UTC is the store's to keep (StoreRules.checkPain), not the form's.
        // Saved only over the entry as the form read it (QA H6).
        XCTAssertEqual(s.handle(.enter, ctx).effects.first, .updatePain({ var e = existing; e.score += 1; e.utcOffset = nil; return e }(), over: existing))

        s.focus(on: .entries)
        _ = s.handle(.character("d"), ctx)
        XCTAssertEqual(s.confirmingDelete, existing.id)
        XCTAssertTrue(viewLines(s, ctx).contains { $0.contains("y = delete") })
        XCTAssertEqual(s.handle(.character("y"), ctx).effects, [.deletePain(id: existing.id!)])
    }

    /// QA-i I14: the entry she was changing was deleted in another window: the store says it no longer exists,
    /// and the form keeps what she typed and saves it as a new entry at the next Enter, instead of the same
    /// refusal at every Enter.
    func testAnEntryDeletedElsewhereWhileEditedIsSavedAsANewOne() throws {
        var (s, ctx) = try start()
        let existing = try XCTUnwrap(ctx.snapshot.entries(on: Fixtures.today).first)
        s.focus(on: .entries)
        _ = s.handle(.enter, ctx)
        for _ in 0..<(8 - existing.score) { _ = s.handle(.right, ctx) }
        XCTAssertEqual(s.score, 8)
        guard case .updatePain(let changed, let over)? = s.handle(.enter, ctx).effects.first else { return XCTFail("an update") }
        XCTAssertEqual(s.failed(.updatePain(changed, over: over), .notFound("That pain entry no longer exists."), ctx), .stay)
        XCTAssertEqual(s.shownProblem, "This pain entry was deleted in another window. What you typed is still here: Enter saves it as a new entry; Esc leaves it.")
        XCTAssertNil(s.editingID)
        XCTAssertEqual(s.title, "Log pain")
        XCTAssertEqual(s.score, 8, "what she typed stays")
        var again = changed
        again.id = nil
        XCTAssertEqual(s.handle(.enter, ctx).effects, [.savePain(again)])
    }

    /// QA H6: the entry she was changing was changed in another session since she opened it: the store refuses
    /// (nothing written), the form says what it says now and keeps what she typed, and the next Enter saves hers
    /// over it, as it said.
    func testAnEntryChangedElsewhereWhileEditedIsSavedOverOnlyWhenSheSaysSo() throws {
        var (s, ctx) = try start()
        let existing = try XCTUnwrap(ctx.snapshot.entries(on: Fixtures.today).first)
        s.focus(on: .entries)
        _ = s.handle(.enter, ctx)
        _ = s.handle(.right, ctx)
        guard case .updatePain(let changed, let over)? = s.handle(.enter, ctx).effects.first else { return XCTFail("an update") }
        XCTAssertEqual(over, existing, "over the entry as opened")
        var now = existing
        now.note = "Anote"
        let refusal = PortalError.rule(now.changedMeanwhile(since: existing))
        XCTAssertEqual(s.failed(.updatePain(changed, over: over), refusal, ctx), .stay)
        XCTAssertEqual(s.shownProblem, "This pain entry was changed in another session since you opened it; here is what it says now: note “Anote”. Nothing was saved. Enter saves yours over it; Esc leaves it as it is now.")
        XCTAssertEqual(s.editingID, existing.id, "still that entry")
        XCTAssertEqual(s.handle(.enter, ctx).effects, [.updatePain(changed, over: nil)], "hers over it, once told")
    }

    /// On her clinic login an entry that reported warning signs stays for her therapist to see: not offered for
    /// editing or deleting, and Enter, e, d say why, kindly (QA SAFE1). An entry without signs is hers.
    func testAnEntryWithWarningSignsStaysOnHerClinicLogin() throws {
        var snapshot = Fixtures.demo
        let today = snapshot.entries(on: Fixtures.today)
        let first = try XCTUnwrap(today.first)
        let index = try XCTUnwrap(snapshot.painEntries.firstIndex { $0.id == first.id })
        snapshot.painEntries[index].warningSigns = ["leg-swelling"]
        snapshot.keepsWarningSigns = true
        let ctx = Fixtures.context(snapshot)
        var s = LogPainScreen(ctx)
        s.focus(on: .entries)
        XCTAssertFalse(s.keyTable(ctx).footer.map(\.key).contains("d"), "no delete offered")
        for key: Key in [.enter, .character("e"), .character("d"), .delete] {
            XCTAssertEqual(s.handle(key, ctx), .stay)
            XCTAssertNil(s.editingID)
            XCTAssertNil(s.confirmingDelete)
            XCTAssertEqual(s.keptNote, PainEntry.keptForTherapist)
        }
        let page = viewLines(s, ctx).joined(separator: " ")
        XCTAssertTrue(page.contains("stays in your record for your therapist"), page)
        // Her own portal: hers to delete.
        snapshot.keepsWarningSigns = false
        var own = LogPainScreen(Fixtures.context(snapshot))
        own.focus(on: .entries)
        _ = own.handle(.character("d"), Fixtures.context(snapshot))
        XCTAssertEqual(own.confirmingDelete, first.id)
    }

    func testAfterSavingTheFormIsReadyForTheNextEntry() throws {
        var (s, ctx) = try start()
        _ = s.handle(.character("6"), ctx)
        XCTAssertTrue(s.hasUnsavedChanges)
        let effect = s.handle(.enter, ctx).effects[0]
        _ = s.completed(effect, ctx)
        XCTAssertNil(s.score)
        XCTAssertFalse(s.hasUnsavedChanges)
    }

    func testAHighScoreOrAWarningSignShowsWhatToDo() throws {
        var (s, ctx) = try start()
        _ = s.handle(.character("9"), ctx)
        XCTAssertTrue(viewLines(s, ctx).joined(separator: " ").contains("Your pain is high."))
        for _ in 0..<5 { _ = s.handle(.tab, ctx) } // warnings
        XCTAssertEqual(s.focus, .warnings)
        _ = s.handle(.character(" "), ctx)
        let first = LogPainScreen.signs(ctx)[0]
        let text = viewLines(s, ctx).joined(separator: " ")
        XCTAssertTrue(text.contains(first.urgency == .emergency ? "Emergency:" : "Important:"), text)
        XCTAssertTrue(text.contains(first.urgency == .emergency ? "911" : "call your provider"), text)
    }

    /// QA E21: a score of 8 or more typed into the form swapped the day's "call 911" for the milder high-pain
    /// message while she filled it in. The most urgent message stays on top.
    func testAHighScoreDoesNotHideTheDaysEmergency() throws {
        var snapshot = Fixtures.demo
        snapshot.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 7, minute: 0)!, signs: ["chest-pain"]))
        let ctx = Fixtures.context(snapshot)
        var s = LogPainScreen(ctx)
        XCTAssertTrue(viewLines(s, ctx).joined(separator: " ").contains("Emergency:"))
        _ = s.handle(.character("9"), ctx)
        let text = viewLines(s, ctx).joined(separator: " ")
        XCTAssertTrue(text.contains("Emergency:"), text)
        XCTAssertFalse(text.contains("High pain:"), text)
    }

    func testEverySignTickedIsNamedMostUrgentFirst() throws {
        var (s, ctx) = try start()
        for _ in 0..<5 { _ = s.handle(.tab, ctx) }
        let signs = LogPainScreen.signs(ctx)
        let provider = try XCTUnwrap(signs.firstIndex { $0.urgency == .provider })
        for _ in 0..<provider { _ = s.handle(.down, ctx) }
        _ = s.handle(.character(" "), ctx)
        _ = s.handle(.home, ctx)
        _ = s.handle(.character(" "), ctx)
        let text = viewLines(s, ctx).joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
        XCTAssertTrue(text.contains("Emergency: "), text)
        XCTAssertTrue(text.contains("You ticked: \(signs[0].text)."), text)
        XCTAssertTrue(text.contains(String(signs[provider].text.prefix(15))), "the second sign is named too: \(text)")
    }

    func testAtTheMinimumSizeAFocusedPickListIsAlwaysVisible() throws {
        var (s, ctx) = try start()
        _ = s.handle(.character("9"), ctx) // the high-pain message takes rows at the top
        for _ in 0..<5 { _ = s.handle(.tab, ctx) }
        XCTAssertEqual(s.focus, .warnings)
        let lines = viewLines(s, ctx, width: 58, height: 15)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Do you have any of these today?") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("› [ ] ") }, "the highlighted sign is on screen")
        XCTAssertTrue(lines.joined(separator: " ").contains("call your provider now."), "the whole high-pain message fits")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Pain 9/10 · Today 12:00") })
    }

    func testTheFormAt80x24AndAtTheMinimum() throws {
        let (s, ctx) = try start()
        let lines = viewLines(s, ctx)
        XCTAssertEqual(lines[0], "› Pain score       0    1    2    3    4    5    6    7    8    9   10")
        XCTAssertEqual(lines[1], "                 no pain                                 worst possible")
        XCTAssertEqual(lines[2], "  Day            Today, Fri 27 Nov   ← → change, t today".replacingOccurrences(of: "   ← → change, t today", with: ""))
        XCTAssertEqual(lines[3], "  Time           12:00")
        XCTAssertTrue(lines.contains("Entries for today (Tab here, then Enter edits, d deletes)"))
        let small = viewLines(s, ctx, width: 58, height: 14)
        XCTAssertTrue(small.allSatisfy { DisplayWidth.of($0) <= 58 })
        XCTAssertTrue(small.contains { $0.contains("[ Save entry ]") })
    }

    func testAPasteIntoTheNoteIsTextAndSavesNothing() throws {
        var app = Fixtures.app(Fixtures.demo)
        app.press(.character("l"), .character("3"))
        guard case .logPain = app.top else { return XCTFail("Log pain is open") }
        var effects = app.press(.paste("not here"))
        XCTAssertEqual(effects, [], "the score field takes no text")
        guard case .logPain(let untouched) = app.top else { return XCTFail() }
        XCTAssertEqual(untouched.note.value, "")
        for _ in 0..<6 { app.press(.tab) }
        effects = app.press(.paste("Stairs at work\nthen\tsat down\n"))
        XCTAssertEqual(effects, [], "a pasted line break does not save the entry")
        guard case .logPain(let s) = app.top else { return XCTFail("still on Log pain") }
        XCTAssertEqual(s.focus, .note)
        XCTAssertEqual(s.note.value, "Stairs at work then sat down")
        XCTAssertTrue(s.hasUnsavedChanges)
    }

    func testAPasteLongerThanTheNoteIsRefusedWithAMessage() throws {
        var (s, ctx) = try start()
        s.focus(on: .note)
        _ = s.handle(.character("a"), ctx)
        _ = s.handle(.paste(String(repeating: "x", count: PainEntry.noteLimit)), ctx)
        XCTAssertEqual(s.note.value, "a", "nothing of the paste was kept")
        XCTAssertTrue(s.error?.contains("at most \(PainEntry.noteLimit)") == true, s.error ?? "")
        XCTAssertTrue(viewLines(s, ctx).contains { $0.contains("Nothing was pasted.") })
    }

    /// Issue 19, point 8: a time the clock skips is refused with what to choose instead, and the form shows
    /// that whole, at 60 columns too, not cut after its second line.
    func testASkippedTimeIsExplainedWhole() throws {
        var (s, ctx) = try start()
        let refusal = try XCTUnwrap(Result { try LocalZone(TimeZone(identifier: "America/New_York")!)
            .utcOffsetMinutes(at: LocalDateTime("2027-03-14T02:30")!, field: .painTime) }.failureDescription)
        s.error = refusal
        for (width, height) in [(58, 15), (78, 21)] {
            let text = viewLines(s, ctx, width: width, height: height).joined(separator: " ")
                .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            XCTAssertTrue(text.contains("Choose a time before 02:00, or from 03:00."), "\(width)×\(height): \(text)")
        }
    }

    /// At 60×18 under a banner the form's own problem line fell below the window: the form scrolls up so that the
    /// problem is whole and the field it is about stays on screen; the banner keeps every row.
    func testTheProblemAndItsFieldStayOnScreenUnderABannerAt60x18() throws {
        var snapshot = Fixtures.demo
        snapshot.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay(hour: 7, minute: 0)!, signs: ["chest-pain"]))
        let keys: [Key] = [.character("l"), .character("5"), .tab, .tab] + Array(repeating: .backspace, count: 5) + Fixtures.chars("99:99") + [.enter]
        for glyphs in [Glyphs.unicode, .ascii] {
            let lines = Fixtures.screen(snapshot, size: PortalApp.minimumSize, keys: keys, glyphs: glyphs).lines
            let text = lines.joined(separator: "\n")
            let problem = lines.drop { !$0.hasPrefix(" Problem: ") }.prefix { !$0.isEmpty && !$0.contains("Enter save") }
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            XCTAssertTrue(problem.hasPrefix("Problem: “99:99” is not a time.") || problem.hasPrefix("Problem: \"99:99\" is not a time."), text)
            XCTAssertTrue(problem.hasSuffix("."), "the problem whole: \(text)")
            XCTAssertTrue(lines.contains { $0.contains("Time") && $0.contains("99:99") }, "the field with the problem: \(text)")
            XCTAssertTrue(text.contains("Emergency: Stop exercising and call 911 now."), text)
            XCTAssertTrue(text.contains("heartbeat."), "the banner whole: \(text)")
            XCTAssertEqual(text.contains("Pain score"), text.contains("no pain"), "the score's rows go together: \(text)")
        }
    }

    /// qa-e E13: a day before yesterday read "Tue 24 Nov, Tue 24 Nov" and the list under it "Entries for tue 24
    /// nov". The day once, and a weekday and a month keep their capitals in a sentence.
    func testAnEarlierDayIsSaidOnceWithItsCapitals() throws {
        var (s, ctx) = try start()
        _ = s.handle(.tab, ctx) // day
        func dayLine() -> String { viewLines(s, ctx).first { $0.hasPrefix("› Day") } ?? "" }
        XCTAssertTrue(dayLine().hasPrefix("› Day            Today, Fri 27 Nov"), dayLine())
        _ = s.handle(.left, ctx)
        XCTAssertTrue(dayLine().hasPrefix("› Day            Yesterday, Thu 26 Nov"), dayLine())
        XCTAssertTrue(viewLines(s, ctx).contains { $0.hasPrefix("Entries for yesterday") })
        for _ in 0..<3 { _ = s.handle(.left, ctx) }
        let lines = viewLines(s, ctx)
        XCTAssertTrue(dayLine().hasPrefix("› Day            Mon 23 Nov   ← →"), dayLine())
        XCTAssertFalse(lines.contains { $0.contains("Mon 23 Nov, Mon 23 Nov") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("Entries for Mon 23 Nov") }, lines.joined(separator: "\n"))
        XCTAssertFalse(lines.contains { $0.contains("mon 23 nov") })
        XCTAssertEqual(ctx.dayInSentence(CalendarDate("2026-11-23")!), "Mon 23 Nov")
        XCTAssertEqual(ctx.dayInSentence(Fixtures.today), "today")
        XCTAssertEqual(ctx.dayWithDate(Fixtures.today.adding(days: -1)), "Yesterday, Thu 26 Nov")
    }

    private func viewLines(_ s: LogPainScreen, _ ctx: ScreenContext, width: Int = 78, height: Int = 21) -> [String] {
        var b = Buffer(size: Size(width: width, height: height))
        s.view(ctx, into: &b, area: b.area)
        return b.lines
    }
}

private extension Result where Success == Int, Failure == Error {
    var failureDescription: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}

extension LogPainScreen {
    mutating func focus(on field: Field) {
        while focus != field { _ = handle(.tab, Fixtures.context(Fixtures.empty)) }
    }
}
