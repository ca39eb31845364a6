import PortalCore
import XCTest
@testable import PortalUI

/// Every screen at the minimum (60×18), 80×24, 120×40 and 200×50, with both glyph sets (the terminal turns the
/// rest of the text into ASCII cell by cell; the tmux test looks at that): the title bar keeps
/// the date, the key hints stay on the last row, no row runs past the edge, and the layout changes where
/// it should (Home in two columns from 120 columns, reading text at a readable measure however wide).
final class EverySizeTests: XCTestCase {
    static let sizes = [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 50)]

    /// How to reach each of the portal's screens: the snapshot it starts from (the demo, or an empty database
    /// for Welcome and set-up) and the keys from there. A screen added to `ScreenState` does not compile here
    /// until it has its way in, so none is left out.
    static func route(to kind: ScreenState.Kind) -> (snapshot: PortalSnapshot, keys: [Key]) {
        let demo = Fixtures.demo
        switch kind {
        case .welcome: return (Fixtures.empty, [])
        case .setup: return (Fixtures.empty, [.character("s")])
        case .home: return (demo, [])
        case .logPain: return (demo, [.character("l")])
        case .warningSigns: return (demo, [.character("w")])
        case .reportedSigns: return (demo, [.character("w"), .character("r")])
        case .exercises: return (demo, [.character("e")])
        case .exerciseDetail: return (demo, [.character("e"), .enter])
        case .sessionLog: return (demo, [.character("e"), .enter, .character("l")])
        case .timer: return (demo, [.character("e"), .character("t")])
        case .visits: return (demo, [.character("v")])
        case .visitDetail: return (demo, [.character("v"), .enter])
        case .visitBooking: return (demo, [.character("v"), .enter, .character("b")])
        case .progress: return (demo, [.character("p")])
        case .learn: return (demo, [.character("r")])
        case .reader: return (demo, [.character("r"), .enter])
        case .measure: return (demo, [.character("c")])
        case .measures: return (demo, [.character("m")])
        case .bladderDiary: return (demo, [.character("d")])
        case .bowelLog: return (demo, [.character("o")])
        case .profile: return (demo, [.character("i")])
        case .reminders: return (demo, [.character("i"), .character("r")])
        case .questions: return (demo, [.character("t")])
        case .share: return (demo, [.character("s")])
        // The therapist's (`viewer(for:)`): from her caseload, Enter opens the first patient's chart (the demo's).
        case .caseload: return (demo, [])
        case .report: return (demo, [.enter, .character("s")])
        // Next week's program from her chart's Home, and the library to add an exercise from.
        case .programEditor: return (demo, [.enter, .character("n")])
        case .exercisePicker: return (demo, [.enter, .character("n"), .character("a")])
        }
    }

    /// Who reaches each screen: the therapist's start from her caseload (`Fixtures.therapistApp`), the rest from
    /// the patient's own portal.
    static func viewer(for kind: ScreenState.Kind) -> Viewer {
        switch kind {
        case .caseload, .report, .programEditor, .exercisePicker: return .therapist(login: Fixtures.therapist)
        default: return .patient
        }
    }

    typealias Case = (name: String, snapshot: PortalSnapshot, keys: [Key], viewer: Viewer)

    /// States of the patient's screens rather than screens.
    static let patientStates: [Case] = [
        ("check-in question", Fixtures.demo, [.character("c"), .enter], .patient), ("help", Fixtures.demo, [.character("?")], .patient),
        ("bladder diary's drink form", Fixtures.demo, [.character("d"), .character("w")], .patient),
        ("bowel log's form", Fixtures.demo, [.character("o"), .character("4")], .patient),
        ("reminder form", Fixtures.demo, [.character("i"), .character("r"), .enter], .patient),
        ("a question being written", Fixtures.demo, [.character("t"), .character("a"), .character("C")], .patient),
    ]

    /// The therapist's states, from her caseload.
    static let therapistStates: [Case] = [
        ("the therapist's Home", Fixtures.demo, [.enter], .therapist(login: Fixtures.therapist)),
        ("the caseload's search", Fixtures.demo, [.character("/"), .character("a")], .therapist(login: Fixtures.therapist)),
        ("the therapist's bladder diary", Fixtures.demo, [.enter, .character("d")], .therapist(login: Fixtures.therapist)),
        ("the therapist's questionnaires", Fixtures.demo, [.enter, .character("m")], .therapist(login: Fixtures.therapist)),
        ("the therapist's check-ins", Fixtures.demo, [.enter, .character("m"), .down, .down, .enter], .therapist(login: Fixtures.therapist)),
        ("the therapist's questions", Fixtures.demo, [.enter, .character("t")], .therapist(login: Fixtures.therapist)),
    ]

    /// Every screen, then the check-in's question page and help, which are states of a screen rather than screens.
    static var screens: [Case] {
        let kinds: [Case] = ScreenState.Kind.allCases.map { kind in let r = route(to: kind); return (kind.rawValue, r.snapshot, r.keys, viewer(for: kind)) }
        return kinds + patientStates + therapistStates + chartStates
            + programEditorStates.map { ($0.name, Fixtures.demo, [.enter, .character("n")] + $0.keys, .therapist(login: Fixtures.therapist)) }
    }

    /// The program editor's states beyond its first look (issue 23, point 3), each from the editor.
    static var programEditorStates: [(name: String, keys: [Key])] {
        [("the program editor's note to her", [.character("n")] + Fixtures.chars("Keep it gentle")),
         ("a number refused with its range", [.character("9"), .character("9")]),
         ("the last number of a dose", [.down, .backTab, .right]),
         ("the week as she will see it", [.character("v")]),
         ("the question before publishing", [.character("p")]),
         ("a week with every exercise removed", Array(repeating: Key.character("x"), count: ProgramWeekFile.maxPrescriptions)),
         ("the library searched", [.character("a")] + Fixtures.chars("hip")),
         ("the library with nothing found", [.character("a")] + Fixtures.chars("zzqq")),
         ("an exercise added from the library", [.character("a"), .end, .enter])]
    }

    /// Issue 23's states of the chart and of the patient's screens in a clinic: the signs she reported with her
    /// therapist's review (and its question), and a visit's notes being written.
    static var chartStates: [(name: String, snapshot: PortalSnapshot, keys: [Key], viewer: Viewer)] {
        let maria = Viewer.therapist(login: Fixtures.therapist)
        let signs: [Key] = [.enter, .character("w")]
        let notes: [Key] = [.enter, .character("v"), .enter, .character("n")]
        return [("the therapist's warning signs", Fixtures.demo, signs, maria),
                ("the patient's signs in a clinic", Fixtures.reviewedDemo, [.character("w"), .character("r")], Viewer.clinicPatient),
                ("the therapist's visit notes", Fixtures.demo, notes, maria)]
    }

    func testEveryRouteReachesItsScreen() {
        for kind in ScreenState.Kind.allCases {
            let (snapshot, keys) = Self.route(to: kind)
            let app = Self.viewer(for: kind).isTherapist ? Fixtures.therapistApp(keys: keys) : Fixtures.app(snapshot, keys: keys)
            XCTAssertEqual(app.top.kind, kind, "the keys \(keys) open \(kind)")
        }
    }

    func testEveryScreenAtEverySizeKeepsItsFrame() throws {
        for glyphs in [Glyphs.unicode, .ascii] {
            for (name, snapshot, keys, viewer) in Self.screens {
                for size in Self.sizes {
                    let screen = Fixtures.screen(snapshot, size: size, keys: keys, glyphs: glyphs, viewer: viewer)
                    let at = "\(name) at \(size.width)×\(size.height)\(glyphs == .ascii ? " in ASCII" : "")"
                    XCTAssertEqual(screen.lines.count, size.height, at)
                    for (y, line) in screen.lines.enumerated() {
                        XCTAssertLessThanOrEqual(DisplayWidth.of(line), size.width, "\(at): row \(y) runs past the edge")
                    }
                    XCTAssertTrue(screen.lines[0].hasSuffix("Fri 27 Nov"), "\(at): the date stays in the title bar")
                    // F1 while a text field takes the keys (? is a letter there).
                    let last = screen.lines[size.height - 1]
                    XCTAssertTrue(last.contains("? help") || last.contains("F1 help"), "\(at): the hints stay on the last row")
                    let drawn = screen.lines.dropFirst(2).dropLast().filter { !$0.isEmpty }.count
                    XCTAssertGreaterThan(drawn, 2, "\(at): the screen shows something")
                }
            }
        }
    }

    func testHomeUsesTwoColumnsFrom120ColumnsWithNothingOverlapping() throws {
        let snapshot = Fixtures.demo
        for size in Self.sizes {
            let screen = Fixtures.screen(snapshot, size: size)
            let text = screen.lines.joined(separator: "\n")
            let wide = size.width >= 120
            XCTAssertEqual(text.contains("Today's exercises (week 4)"), wide, "\(size): today's exercises beside the menu")
            XCTAssertEqual(text.contains("Pain, last"), wide || size.height >= 40, "\(size): a larger chart when there is room")
            XCTAssertEqual(text.contains("Pain, 14 d"), !wide, "\(size): the sparkline only where the chart is not")
            XCTAssertTrue(screen.lines.contains { $0.contains("Log pain") }, "\(size): the menu shows")
            guard wide else { continue }
            XCTAssertTrue(text.contains(size.width >= 200 ? "Pain, last 28 days" : "Pain, last 14 days"), "\(size): wider, more days")
            // The columns never meet: the three columns between them are blank on every content row.
            let right = try XCTUnwrap(screen.lines.first { $0.contains("Pain, last") }.flatMap { $0.range(of: "Pain, last") })
            let rightX = DisplayWidth.of(String(screen.lines.first { $0.contains("Pain, last") }![..<right.lowerBound]))
            for y in 2..<(size.height - 1) {
                for x in (rightX - 3)..<rightX {
                    XCTAssertEqual(screen[x, y].text, " ", "\(size): the gap at (\(x), \(y)) is blank")
                }
            }
            // A tall window shows more rows, not the same few: a taller chart, today's exercises and the next
            // visit under it, down to the lower part of the window.
            let exercisesRow = try XCTUnwrap(screen.lines.firstIndex { $0.contains("Today's exercises") })
            XCTAssertGreaterThan(exercisesRow, size.height / 2, "\(size)")
            let lastDrawn = try XCTUnwrap(screen.lines.dropLast().lastIndex { !$0.isEmpty })
            XCTAssertGreaterThan(lastDrawn, size.height * 3 / 4, "\(size)")
            XCTAssertTrue(text.contains("visit 3 of 6 · Thu 3 Dec at 10:15 · in 6 days · virtual"), "\(size)")
        }
    }

    /// In two columns the rows under the menu list the latest pain entries, newest first, instead of staying blank.
    func testWideHomeListsTheLatestPainEntriesUnderTheMenu() throws {
        let snapshot = Fixtures.demo
        let newest = try XCTUnwrap(snapshot.painEntries.last)
        for size in Self.sizes {
            let lines = Fixtures.screen(snapshot, size: size).lines
            let heading = lines.firstIndex { $0.hasPrefix(" Latest pain entries") }
            guard size.width >= 120 else {
                XCTAssertNil(heading, "\(size): one column has no room for it")
                continue
            }
            let row = try XCTUnwrap(heading, "\(size)")
            let menuEnd = try XCTUnwrap(lines.firstIndex { $0.contains("s Share with your therapist") })
            XCTAssertEqual(row, menuEnd + 2, "\(size): one blank row under the menu, then the list")
            XCTAssertTrue(lines[row + 1].hasPrefix(" Today      \(newest.time)  \(newest.score)/10  Back of hip / buttock (right)"), lines[row + 1])
            let listed = lines[(row + 1)...].prefix { $0.hasPrefix(" ") && $0.contains("/10") }.count
            XCTAssertEqual(listed, min(14, size.height - 2 - row), "\(size): as many as fit, two weeks at most")
        }
    }

    func testReadingTextKeepsAReadableMeasureHoweverWide() throws {
        let snapshot = Fixtures.demo
        for keys: [Key] in [[.character("r"), .enter], [.character("v"), .enter], [.character("i")], [.character("e"), .enter]] {
            let screen = Fixtures.screen(snapshot, size: Size(width: 200, height: 50), keys: keys)
            for y in 1..<(screen.size.height - 1) {
                XCTAssertLessThanOrEqual(DisplayWidth.of(screen.line(y)), 1 + PortalApp.readingMeasure, "\(keys): row \(y)")
            }
            if keys.count == 2, keys[0] == .character("r") {
                XCTAssertGreaterThan(screen.lines.dropFirst(2).filter { DisplayWidth.of($0) > 60 }.count, 3, "the article uses the measure")
            }
        }
    }

    /// Progress at 200×50: the chart takes the width, and every line of text and the bars under it keep the measure.
    func testProgressTextKeepsTheMeasureWhileTheChartTakesTheWidth() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: Size(width: 200, height: 50), keys: [.character("p")])
        let legend = try XCTUnwrap(screen.lines.firstIndex { $0.contains("day's average 0–10") })
        XCTAssertGreaterThan(DisplayWidth.of(screen.line(legend - 1)), 150, "the chart's date labels span the window")
        let below = screen.lines[legend...].dropLast()
        XCTAssertTrue(below.contains { $0.contains("Your average pain went from") })
        XCTAssertTrue(below.contains { $0.hasPrefix(" Week 3 ") })
        for line in below { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 1 + PortalApp.readingMeasure, line) }
    }

    func testTagsStayNextToWhatTheyTagInAWideWindow() throws {
        let screen = Fixtures.screen(Fixtures.demo, size: Size(width: 200, height: 50), keys: [.character("e")])
        let row = try XCTUnwrap(screen.lines.first { $0.contains("Standing hip extension") })
        XCTAssertTrue(row.hasSuffix("NEW"), row)
        XCTAssertLessThanOrEqual(DisplayWidth.of(row), 1 + PortalApp.readingMeasure, "NEW is within the measure, not at column 200")
    }

    func testTheTitleBarCutsALongNameAndKeepsTheDate() throws {
        var snapshot = Fixtures.demo
        snapshot.patient?.name = "Maximiliana Alexandrina Featherstonehaugh-Cholmondeley"
        for size in Self.sizes {
            let bar = Fixtures.screen(snapshot, size: size, keys: [.character("c")]).line(0)
            XCTAssertTrue(bar.hasPrefix(" Portal → Pelvic floor check-in"), bar)
            XCTAssertTrue(bar.hasSuffix(" · Fri 27 Nov"), "\(size): \(bar)")
            XCTAssertTrue(bar.contains("Maxim"), "\(size): the name, cut: \(bar)")
        }
    }
}
