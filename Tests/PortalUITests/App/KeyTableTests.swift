import PortalCore
import XCTest
@testable import PortalUI

/// Each screen's keys are one table: what a key does, what the footer says and what help lists.
final class KeyTableTests: XCTestCase {
    private func helpKeys<S: PortalScreen>(_ screen: S, _ ctx: ScreenContext) -> [String] {
        screen.helpRows(ctx).filter { !$0.isHeading }.map { "\($0.key) \($0.label)" }
    }

    func testLogPainHelpListsEveryKeyOfEveryField() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        let help = helpKeys(LogPainScreen(ctx), ctx)
        // Keys that do the same share a row.
        for expected in ["0-10 ←→ score", "→ l + one more", "← h - one less", "←→ change day", "t today", "Space tick",
                         "←→ side", "Enter  e edit", "d  Delete delete", "Enter  Ctrl-S save", "Tab next field",
                         "Shift-Tab back a field"] {
            XCTAssertTrue(help.contains(expected), "help lacks “\(expected)”: \(help)")
        }
        XCTAssertEqual(LogPainScreen(ctx).helpRows(ctx).filter(\.isHeading).map(\.label),
                       ["Pain score", "Day", "Where, worse with, signs", "Entries of the day"])
        // The keys that work in every field come before the first heading, not under the last one ("save" is not
        // a key of the day's entries).
        let rows = LogPainScreen(ctx).helpRows(ctx)
        let firstHeading = try XCTUnwrap(rows.firstIndex(where: \.isHeading))
        for label in ["save", "next field", "back a field"] {
            let at = try XCTUnwrap(rows.firstIndex { $0.label == label }, label)
            XCTAssertLessThan(at, firstHeading, "“\(label)” reads as part of “\(rows[..<at].last(where: \.isHeading)?.label ?? "")”")
        }
    }

    /// A day without entries: help lists no keys for a list that is not there, and Enter saves from any field.
    func testLogPainHelpListsTheDaysEntriesOnlyWhenThereAreSome() throws {
        var snap = Fixtures.demo
        snap.painEntries = snap.painEntries.filter { $0.date != Fixtures.today }
        let ctx = Fixtures.context(snap)
        var s = LogPainScreen(ctx)
        XCTAssertEqual(s.helpRows(ctx).filter(\.isHeading).map(\.label), ["Pain score", "Day", "Where, worse with, signs"])
        XCTAssertFalse(helpKeys(s, ctx).contains { $0.hasSuffix(" delete") }, "\(helpKeys(s, ctx))")
        s.focus(on: .entries)
        XCTAssertFalse(helpKeys(s, ctx).contains { $0.hasSuffix(" edit") || $0.hasSuffix(" delete") }, "\(helpKeys(s, ctx))")
        XCTAssertFalse(s.hints(ctx).map(\.label).contains("delete"))
    }

    func testWhatHelpListsIsWhatTheKeysDo() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = LogPainScreen(ctx)
        s.focus(on: .day)
        _ = s.handle(.left, ctx)
        XCTAssertEqual(s.day, Fixtures.today.adding(days: -1))
        _ = s.handle(.character("t"), ctx)
        XCTAssertEqual(s.day, Fixtures.today, "t, listed as “today”, goes back to today")
        s.focus(on: .score)
        _ = s.handle(.character("+"), ctx)
        XCTAssertEqual(s.score, 0, "+ from no score is 0")
        _ = s.handle(.character("+"), ctx)
        _ = s.handle(.character("+"), ctx)
        _ = s.handle(.character("-"), ctx)
        XCTAssertEqual(s.score, 1, "+ and - change the score by one")
        XCTAssertEqual(s.handle(.ctrl("s"), ctx).effects.count, 1, "Ctrl-S saves from any field")
    }

    func testAKeyNotInTheTableIsLeftToTheApp() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var home = HomeScreen()
        XCTAssertEqual(home.handle(.character("z"), ctx).navigation, .unhandled)
        XCTAssertEqual(home.handle(.character("?"), ctx).navigation, .unhandled)
        for item in HomeScreen.menu(ctx) {
            XCTAssertTrue(helpKeys(home, ctx).contains("\(item.key) \(item.hint)"), "Home's help names \(item.key)")
        }
        // Her therapist's Home names her report under s, and none of the patient's own forms.
        var hers = ctx
        hers.viewer = .therapist(login: "maria")
        XCTAssertTrue(helpKeys(home, hers).contains("s report"))
        XCTAssertFalse(helpKeys(home, hers).contains { $0.hasPrefix("l ") || $0.hasPrefix("c ") })
        // w is hers to read and review the signs the patient reported (issue 23), not the form that reports them.
        XCTAssertEqual(HomeScreen.menu(hers).first { $0.key == "w" }?.label, "Warning signs she reported")
    }

    func testTheFooterIsTheActivePartOfTheTable() throws {
        let ctx = Fixtures.context(Fixtures.demo)
        var s = LogPainScreen(ctx)
        XCTAssertEqual(s.hints(ctx).map(\.key), ["0-10 ←→", "Enter", "Tab"])
        s.focus(on: .entries)
        XCTAssertEqual(s.hints(ctx), [KeyHint("Enter", "edit"), KeyHint("d", "delete"), KeyHint("Tab", "next field")])
        XCTAssertEqual(s.handle(.character("+"), ctx), .unhandled, "the score's + does nothing in the entries")
        XCTAssertNil(s.score)
    }

    func testTheHelpOverlayShowsTheScreensKeysAndFits() throws {
        for size in [Size(width: 80, height: 24), PortalApp.minimumSize] {
            var app = Fixtures.app(Fixtures.demo)
            _ = app.update(.resized(size))
            app.press(.character("l"), .function(1))
            let text = app.view(size: size).lines.joined(separator: "\n")
            XCTAssertTrue(text.contains("On this screen:"), text)
            for key in ["Ctrl-S", "today", "one more", "Shift-Tab"] {
                XCTAssertTrue(text.contains(key), "\(size): help shows \(key)\n\(text)")
            }
        }
    }

    // Issue 19, point 11: help listed "b read the whole alert" with no alert, and "c completed" and "m missed" on a
    // visit still to come. Help lists only what the keys do there, from the same table that handles them.
    func testHelpListsOnlyKeysThatDoSomethingThere() throws {
        let snapshot = Fixtures.demo
        let ctx = Fixtures.context(snapshot)
        XCTAssertTrue(snapshot.safetyAlerts(guide: ctx.content.safety).isEmpty, "the demo has no alert today")
        XCTAssertFalse(helpKeys(HomeScreen(), ctx).contains { $0.hasPrefix("b ") }, "\(helpKeys(HomeScreen(), ctx))")
        var alerted = snapshot
        alerted.painEntries.append(PainEntry(date: Fixtures.today, time: TimeOfDay("11:00")!, score: 9))
        // Two alerts at the smallest size the app draws Home at (`PortalApp.minimumSize`; a smaller window shows only
        // "too small"): QA-i I2 gives the banner every row its action needs, so they fit whole and b has nothing to show.
        alerted.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay("10:00")!, signs: ["fever"]))
        var small = Fixtures.context(alerted)
        small.area = PortalApp.contentArea(for: PortalApp.minimumSize, messageRows: 0).size
        XCTAssertFalse(helpKeys(HomeScreen(), small).contains { $0.hasPrefix("b ") }, "the alert is whole: \(helpKeys(HomeScreen(), small))")
        // Five signs there: the banner counts them, and b shows them.
        alerted.signReports.append(SignReport(date: Fixtures.today, time: TimeOfDay("10:30")!, signs: ["heavy-bleeding", "leg-swelling", "severe-headache", "thoughts-of-harm"]))
        small = Fixtures.context(alerted)
        small.area = PortalApp.contentArea(for: PortalApp.minimumSize, messageRows: 0).size
        XCTAssertTrue(helpKeys(HomeScreen(), small).contains("b read the whole alert"), "a counted alert: b shows the rest")

        // Visit 3 is booked for a time to come: it can be moved or cancelled, not yet completed or missed.
        var visit = VisitDetailScreen(number: 3)
        let listed = helpKeys(visit, ctx)
        XCTAssertTrue(listed.contains("b move") && listed.contains("x cancel"), "\(listed)")
        XCTAssertFalse(listed.contains { $0.hasPrefix("c ") || $0.hasPrefix("m ") }, "\(listed)")
        _ = visit.handle(.character("c"), ctx)
        XCTAssertNotNil(visit.problem, "the key still says why it cannot complete the visit yet")
        // Visit 1 is completed: nothing is left to change on it.
        XCTAssertFalse(helpKeys(VisitDetailScreen(number: 1), ctx).contains { ["b ", "c ", "m ", "x "].contains(String($0.prefix(2))) })

        // In Log pain's time field j and k are letters: help says ↑↓ move between fields, not j k.
        var logPain = LogPainScreen(ctx)
        XCTAssertTrue(helpKeys(logPain, ctx).contains { $0.hasSuffix("j k up/down") })
        _ = logPain.handle(.tab, ctx)
        _ = logPain.handle(.tab, ctx)
        XCTAssertTrue(logPain.capturesText)
        XCTAssertFalse(helpKeys(logPain, ctx).contains { $0.contains("j k") }, "\(helpKeys(logPain, ctx))")
        XCTAssertEqual(logPain.handle(.character("k"), ctx), .stay)
        XCTAssertTrue(logPain.capturesText, "k was typed; the focus stayed in the time")

        // The app's own keys: no "go back" where there is nowhere to go, F1 (not ?) while a field takes the keys.
        var app = Fixtures.app(snapshot)
        XCTAssertFalse(app.appKeys().help.contains { $0.label == "go back" })
        app.press(.character("v"), .enter, .character("b"))
        XCTAssertTrue(app.top.screen.capturesText)
        XCTAssertEqual(app.appKeys().help.map(\.key), ["Esc", "F1", "Ctrl-C"], "Backspace and ? are the field's")
        app.press(.backspace)
        XCTAssertTrue(app.top.screen.capturesText, "Backspace edits the field; it does not go back")
        XCTAssertEqual(app.press(.character("?")), [])
        XCTAssertFalse(app.showingHelp, "? is typed into the field")
        app.press(.function(1))
        XCTAssertTrue(app.showingHelp)
    }

    // Issue 19, point 11: the footer names the help key that works where she is: ? on most screens, F1 while she
    // types (Log pain's time and note swallowed F1, so neither key opened help there).
    func testTheHelpKeyTheFooterNamesOpensHelp() throws {
        let typing: [(name: String, snapshot: PortalSnapshot, keys: [Key])] = [
            ("Log pain's time", Fixtures.demo, [.character("l"), .tab, .tab]),
            ("Log pain's note", Fixtures.demo, [.character("l")] + Array(repeating: .tab, count: 6)),
        ]
        let screens = EverySizeTests.screens.filter({ $0.name != "help" }) + typing.map { ($0.name, $0.snapshot, $0.keys, Viewer.patient) }
        for (name, snapshot, keys, viewer) in screens {
            // The therapist's screens are reached from her caseload, each read answered (`Fixtures.therapistApp`).
            var app = viewer.isTherapist ? Fixtures.therapistApp(keys: keys) : Fixtures.app(snapshot)
            if !viewer.isTherapist { for key in keys { app.press(key) } }
            let footer = app.view(size: Size(width: 80, height: 24)).lines.last ?? ""
            let help: Key = footer.contains("F1 help") ? .function(1) : .character("?")
            XCTAssertTrue(footer.contains("F1 help") || footer.contains("? help"), "\(name): \(footer)")
            XCTAssertEqual(footer.contains("F1 help"), app.top.screen.capturesText, "\(name): F1 is named while she types")
            app.press(help)
            XCTAssertTrue(app.showingHelp, "\(name): “\(footer)”, and \(help) did not open help")
        }
    }

    // Issue 19, point 11: at 60×18 the help box cut its descriptions ("open or ch") and a stray "g" of the screen
    // showed beside it. Every description is whole, at every size, and the rows of the box show nothing else.
    func testTheHelpBoxShowsEveryDescriptionWholeAndNothingBesideIt() throws {
        for glyphs in [Glyphs.unicode, .ascii] {
            for (name, snapshot, keys, viewer) in EverySizeTests.screens where name != "help" {
                for size in [PortalApp.minimumSize, Size(width: 80, height: 24), Size(width: 200, height: 50)] {
                    var app: PortalApp
                    if viewer.isTherapist {
                        app = Fixtures.therapistApp(keys: keys, glyphs: glyphs, size: size)
                    } else {
                        app = Fixtures.app(snapshot, glyphs: glyphs)
                        _ = app.update(.resized(size))
                        for key in keys { app.press(key) }
                    }
                    let screenRows = app.top.screen.helpRows(app.context)
                    let rows = screenRows + app.generalHelp(besides: screenRows)
                    app.press(.function(1))
                    let lines = app.view(size: size).lines
                    let at = "\(name) at \(size.width)×\(size.height)\(glyphs == .ascii ? " in ASCII" : "")"
                    guard let top = lines.firstIndex(where: { $0.contains("\(glyphs.topLeft) Keys") }) else {
                        XCTFail("\(at): no help box\n\(lines.joined(separator: "\n"))"); continue
                    }
                    let left = Array(lines[top]).firstIndex(of: Character(glyphs.topLeft))!
                    guard let bottom = lines.indices.first(where: { $0 > top && Array(lines[$0]).indices.contains(left)
                                                                   && String(Array(lines[$0])[left]) == glyphs.bottomLeft }) else {
                        XCTFail("\(at): the box has no bottom\n\(lines.joined(separator: "\n"))"); continue
                    }
                    let right = Array(lines[top]).lastIndex(of: Character(glyphs.topRight))!
                    let box = lines[top...bottom].map { line -> String in
                        let chars = Array(line)
                        XCTAssertTrue(chars.enumerated().allSatisfy { $0.offset >= left && $0.offset <= right || $0.element == " " },
                                      "\(at): something beside the box: “\(line)”")
                        return String(chars[min(chars.count, left + 1)..<min(chars.count, right)])
                    }
                    // Each description's words, in order, within the box: none is cut.
                    let text = box.joined(separator: " ").split(separator: " ").joined(separator: " ")
                    for row in rows where !row.isHeading {
                        let words = row.label.split(separator: " ").map(String.init)
                        XCTAssertTrue(words.allSatisfy { w in text.contains(w) }, "\(at): “\(row.key) \(row.label)” is cut\n\(box.joined(separator: "\n"))")
                    }
                    XCTAssertFalse(box.contains { $0.contains(glyphs.ellipsis) && !rows.contains { $0.label.contains(glyphs.ellipsis) } }, "\(at)")
                }
            }
        }
    }

    func testTheHelpLayoutWrapsDescriptionsAndNeverCutsThem() {
        let rows = [HelpRow(heading: "On this screen:"), HelpRow(KeyHint("l", "log a session (other day, sets, pain)")),
                    HelpRow(KeyHint("Esc  Backspace", "go back")), HelpRow(KeyHint("?", "help; any key closes"))]
        for width in [60, 80, 200] {
            for columns in [1, 2] {
                let layout = HelpLayout(rows: rows, columns: columns, windowWidth: width)
                let lines = layout.lines.flatMap { $0 }
                XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0.text) + ($0.heading ? 0 : layout.keyWidth + 1) <= layout.columnWidth })
                XCTAssertEqual(lines.compactMap(\.key), ["l", "Esc  Backspace", "?"], "every key whole")
                XCTAssertEqual(lines.filter { !$0.heading }.map(\.text).filter { !$0.isEmpty }.joined(separator: " "),
                               "log a session (other day, sets, pain) go back help; any key closes", "\(width), \(columns) columns")
            }
        }
    }
}
