import PortalCore
import XCTest
@testable import PortalUI

/// The reminder screen under About me (issue 24, phase 2): set, change and switch off, checked by the command
/// line's rules; in a clinic's portal it says why there is no timer; Home says once a reminder that failed.
final class RemindersScreenTests: XCTestCase {
    /// The demo with `settings` set.
    func snapshot(_ settings: ReminderSettings = .allOff, log: [ReminderDelivery] = []) -> PortalSnapshot {
        var s = Fixtures.demo
        s.record.reminderSettings = settings
        s.record.reminderLog = log
        return s
    }

    func app(_ snapshot: PortalSnapshot, keys: [Key], clinic: Bool = false, glyphs: Glyphs = .unicode, size: Size = Size(width: 80, height: 24)) -> PortalApp {
        var app = PortalApp(snapshot: snapshot, content: Fixtures.content, glyphs: glyphs)
        app.storeIsRemote = clinic
        _ = app.update(.resized(size))
        for key in keys { _ = app.update(.key(key)) }
        return app
    }

    func testAboutMeOpensTheRemindersWithR() {
        let a = app(snapshot(), keys: [.character("i"), .character("r")])
        XCTAssertEqual(a.top.kind, .reminders)
    }

    func testWholeScreenAt80x24WithTheFormOpen() {
        var set = ReminderSettings.allOff
        try! set.set(.pain, from: ["20:00"], days: nil, inClinic: false)
        try! set.set(.visits, from: ["24h,2h"], days: nil, inClinic: false)
        let a = app(snapshot(set), keys: [.character("i"), .character("r"), .enter])
        assertLines(a.view(size: Size(width: 80, height: 24)), [
            " Portal → Reminders                                     Jordan Lee · Fri 27 Nov",
            "",
            " A timer on your computer gives them (portal remind install); portal today",
            " --brief shows what is due in your shell. Nothing is set until you set it.",
            "",
            " › Log pain       20:00 every day",
            "   Exercises      off",
            "   Bladder diary  off",
            "   Visits         24h before, 2h before",
            "",
            " › Time           20:00               HH:MM, 24-hour",
            "   Days           every day           mon,wed,fri; empty: every day",
            " Enter saves · Esc cancels",
            "", "", "", "", "", "", "", "", "", "",
            "Enter save  Esc cancel  Tab next field  F1 help",
        ])
    }

    func testSetChangeAndSwitchOffGoThroughTheStoresOneRule() {
        var a = app(snapshot(), keys: [.character("i"), .character("r"), .down])
        // Exercises, 18:30 on Monday, Wednesday and Friday.
        for key in [Key.enter] + Fixtures.chars("18:30") + [.tab] + Fixtures.chars("mon,wed,fri") { _ = a.update(.key(key)) }
        var expected = ReminderSettings.allOff
        try! expected.set(.exercises, from: ["18:30"], days: "mon,wed,fri", inClinic: false)
        XCTAssertEqual(a.update(.key(.enter)), [.saveReminders(expected)])
        _ = a.update(.completed(.saveReminders(expected), .reminders(expected)))
        guard case .reminders(let screen) = a.top else { return XCTFail("still on the reminders") }
        XCTAssertFalse(screen.editing, "the form closes once saved")

        // o switches the chosen one off.
        var after = snapshot(expected)
        after.clock = Fixtures.clock
        var b = app(after, keys: [.character("i"), .character("r"), .down])
        XCTAssertEqual(b.update(.key(.character("o"))), [.saveReminders(.allOff)])
    }

    func testEachRefusalIsTheCommandLinesMessageAndSavesNothing() {
        func typed(_ keys: [Key], row: Int = 0) -> (effects: [Effect], problem: String?) {
            var a = app(snapshot(), keys: [.character("i"), .character("r")] + Array(repeating: Key.down, count: row) + [.enter])
            for key in keys { _ = a.update(.key(key)) }
            let effects = a.update(.key(.enter))
            guard case .reminders(let s) = a.top else { return (effects, nil) }
            return (effects, s.problem)
        }
        var r = typed(Fixtures.chars("8pm"))
        XCTAssertEqual(r.effects, [])
        XCTAssertEqual(r.problem, TimeOfDay.notATime("8pm", example: "08:30 or 20:00"))
        r = typed(Fixtures.chars("20:00") + [.tab] + Fixtures.chars("funday"))
        XCTAssertEqual(r.effects, [])
        XCTAssertTrue(r.problem?.contains("“funday” is not a day of the week") ?? false, "\(String(describing: r.problem))")
        r = typed(Fixtures.chars("0h"), row: 3)
        XCTAssertEqual(r.effects, [])
        XCTAssertTrue(r.problem?.contains("is not more than zero") ?? false, "\(String(describing: r.problem))")
        r = typed([], row: 3)
        XCTAssertEqual(r.effects, [], "an empty time before a visit is no reminder")
    }

    func testInAClinicItSaysWhyThereIsNoTimerAndKeepsTheDailyOnesOff() {
        var a = app(snapshot(), keys: [.character("i"), .character("r")], clinic: true, size: Size(width: 60, height: 18))
        let text = a.view(size: Size(width: 60, height: 18)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("There is no timer in the clinic's portal"), text)
        XCTAssertTrue(text.contains("Log pain       off here (no timer in the clinic)"), text)
        XCTAssertEqual(a.update(.key(.enter)), [], "no form for a daily reminder there")
        guard case .reminders(let s) = a.top else { return XCTFail() }
        XCTAssertFalse(s.editing)
        for key in [Key.down, .down, .down, .enter] + Fixtures.chars("24h") { _ = a.update(.key(key)) }
        var visits = ReminderSettings.allOff
        try! visits.set(.visits, from: ["24h"], days: nil, inClinic: false)
        XCTAssertEqual(a.update(.key(.enter)), [.saveReminders(visits)], "visit reminders still give the calendar its alarms")
    }

    func testTheScreenFitsEverySize() {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            for clinic in [false, true] {
                for keys in [[Key.character("i"), .character("r")], [.character("i"), .character("r"), .down, .down, .down, .enter]] {
                    var a = app(snapshot(), keys: keys, clinic: clinic, size: size)
                    if keys.count > 2 { for k in Fixtures.chars("0h") + [.enter] { _ = a.update(.key(k)) } }
                    let screen = a.view(size: size)
                    XCTAssertEqual(screen.lines.count, size.height)
                    for line in screen.lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), size.width) }
                    let all = screen.lines.joined(separator: "\n")
                    XCTAssertTrue(all.contains("Visits"), "\(size) \(clinic): the list is there\n\(all)")
                    if keys.count > 2 { XCTAssertTrue(all.contains("Problem:"), "\(size) \(clinic): the problem shows\n\(all)") }
                }
            }
        }
    }

    /// A reminder the timer could not show is said on Home once: the message line names it and its reason, the
    /// store is asked to note it as said, and the next read says nothing more.
    func testHomeSaysAFailedReminderOnce() {
        let failed = ReminderDelivery(id: 7, kind: .exercises, subject: "exercises/2026-11-27", at: LocalDateTime("2026-11-27T18:00")!,
                                      outcome: .failed("notify-send is not installed"))
        var a = PortalApp(snapshot: Fixtures.demo, content: Fixtures.content)
        XCTAssertEqual(a.update(.loaded(snapshot(log: [failed]))), [.markRemindersSaid([7])])
        XCTAssertEqual(a.flash?.prefix, "Reminder:")
        XCTAssertEqual(a.flash?.text, "The exercises reminder at 18:00 was not shown on your desktop: notify-send is not installed. What is still due is on this page.")
        XCTAssertEqual(a.update(.loaded(snapshot(log: [failed]))), [], "asked once while the store notes it")
        var said = failed
        said.saidOnHome = true
        _ = a.update(.completed(.markRemindersSaid([7]), .remindersSaid([7])))
        XCTAssertEqual(a.update(.loaded(snapshot(log: [said]))), [], "said once: never again")
        // A reminder that reached the desktop, or waited for the brief line, is nothing to say.
        let fine = ReminderDelivery(id: 8, kind: .pain, subject: "pain/2026-11-27", at: LocalDateTime("2026-11-27T20:00")!, outcome: .waiting)
        var c = PortalApp(snapshot: Fixtures.demo, content: Fixtures.content)
        XCTAssertEqual(c.update(.loaded(snapshot(log: [fine]))), [])
    }

    /// Issue 24's leftover: a failed reminder is said wherever she is when the portal notices it (not only on
    /// Home), and never lost under another message: while the message line is taken it waits, and it is said
    /// on the first message after; never as she quits or in a window too small to show it.
    func testAFailedReminderIsSaidWhereverSheIsAndNeverUnderAnotherMessage() {
        let failed = ReminderDelivery(id: 7, kind: .exercises, subject: "exercises/2026-11-27", at: LocalDateTime("2026-11-27T18:00")!,
                                      outcome: .failed("notify-send is not installed"))
        // On another screen (About me): said there, pointing to Home.
        var b = PortalApp(snapshot: Fixtures.demo, content: Fixtures.content)
        _ = b.update(.key(.character("i")))
        XCTAssertEqual(b.update(.loaded(snapshot(log: [failed]))), [.markRemindersSaid([7])])
        XCTAssertEqual(b.flash?.text, "The exercises reminder at 18:00 was not shown on your desktop: notify-send is not installed. Home shows what is still due.")
        XCTAssertEqual(b.top.kind, .profile)
        // Noticed with a save's answer: the "Saved" line is said, and the reminder after it, at the next key.
        var d = PortalApp(snapshot: Fixtures.demo, content: Fixtures.content)
        let save = Effect.saveReminders(.allOff)
        _ = d.recordPending([save])
        XCTAssertEqual(d.update(.loaded(snapshot(log: [failed]))), [], "a save is on its way: its answer comes first")
        XCTAssertEqual(d.update(.completed(save, .reminders(.allOff))), [])
        XCTAssertEqual(d.flash?.text, "Saved your reminders.")
        XCTAssertEqual(d.update(.tick(1)), [], "the Saved line stays until she reads on")
        XCTAssertEqual(d.update(.key(.character("i"))), [.markRemindersSaid([7])])
        XCTAssertEqual(d.flash?.prefix, "Reminder:")
        // Never as she quits: it waits for her next portal.
        var e = PortalApp(snapshot: snapshot(log: [failed]), content: Fixtures.content)
        XCTAssertEqual(e.update(.key(.character("q"))), [.quit])
        // A window too small shows no message: it waits for the window to be big enough.
        var f = PortalApp(snapshot: Fixtures.demo, content: Fixtures.content)
        _ = f.update(.resized(Size(width: 50, height: 12)))
        XCTAssertEqual(f.update(.loaded(snapshot(log: [failed]))), [])
        XCTAssertEqual(f.update(.resized(Size(width: 80, height: 24))), [.markRemindersSaid([7])])
        XCTAssertEqual(f.flash?.prefix, "Reminder:")
    }
}
