import PortalCore
import XCTest
@testable import PortalUI

/// The therapist's caseload (issue 23): one row per patient, those who need her first with why (the rule of
/// `CaseloadRow`), search by name with /, Enter opens the patient's chart, q quits. The caseload is
/// `Fixtures.caseload`: Jordan (a warning sign yesterday), Ana (quiet since 15 Nov), Bea (no record), Cai.
final class CaseloadScreenTests: XCTestCase {
    private let size80 = Size(width: 80, height: 24)

    func testWholeScreenAt80x24() {
        let app = Fixtures.therapistApp(size: size80)
        assertLines(app.view(size: size80), [
            " Portal → Caseload                                                   Fri 27 Nov",
            "",
            " 4 patients · 1 urgent · 1 needs you first",
            " Press / to find a patient by name.",
            "",
            " Urgent",
            " › ! Jordan Lee  jordan · 24 weeks pregnant · pain 4/10 today · 7-day 3.5 · ex…",
            "       warning sign not reviewed: Bleeding from the vagina (yesterday)",
            "",
            " Need you first",
            "     Ana Lima  ana · 26 weeks pregnant · pain 4/10 Sun 15 Nov · exercises 40%",
            "       visit 3 (Sat 21 Nov) has no record",
            "       week 5 to write: due Sat 28 Nov",
            "       exercises 40% done in week 4",
            "       nothing logged for 12 days (last on Sun 15 Nov)",
            "",
            " Everyone else",
            "     (not set up yet)  bea · no record yet",
            "     Cai Moreno  cai · 24 weeks pregnant · pain 4/10 today · 7-day 3.5 · exerc…",
            "",
            "",
            "",
            "",
            "↑↓ move  Enter open  / search  ? help  q quit",
        ])
        XCTAssertEqual(Fixtures.style(of: "warning sign not reviewed", in: app.view(size: size80))?.foreground, Style.danger.foreground,
                       "a warning sign is urgent")
        XCTAssertEqual(Fixtures.style(of: "visit 3 (Sat 21 Nov)", in: app.view(size: size80)), .warning)
    }

    func testWholeScreenAt60x18InASCII() {
        let size = Size(width: 60, height: 18)
        let app = Fixtures.therapistApp(glyphs: .ascii, size: size)
        assertLines(app.view(size: size), [
            " Portal > Caseload                               Fri 27 Nov",
            "",
            " 4 patients · 1 urgent · 1 needs you first",
            " Press / to find a patient by name.",
            "",
            " Urgent",
            " > ! Jordan Lee  jordan · 24 weeks pregnant · pain 4/10 to~",
            "       warning sign not reviewed: Bleeding from the",
            "         vagina (yesterday)",
            "",
            " Need you first",
            "     Ana Lima  ana · 26 weeks pregnant · pain 4/10 Sun 15 ~",
            "       visit 3 (Sat 21 Nov) has no record",
            "       week 5 to write: due Sat 28 Nov",
            "       exercises 40% done in week 4",
            "       nothing logged for 12 days (last on Sun 15 Nov)",
            " v more below",
            "Up/Down move  Enter open  / search  ? help  q quit",
        ])
    }

    /// The "!" and the groups say the same thing: every patient row under "Urgent" is marked, and no other is
    /// (Ana needs her therapist too, for a visit without a record, but nothing of hers is about her safety).
    func testTheUrgentMarkIsTheUrgentGroupsAndNoOthers() {
        let size = Size(width: 200, height: 50)
        let screen = Fixtures.therapistApp(size: size).view(size: size).lines.map { String($0.drop { $0 == " " }) }
        var group = "", marked: [String: [Bool]] = [:]
        for line in screen {
            if ["Urgent", "Need you first", "Everyone else"].contains(line) { group = line; continue }
            let name = line.hasPrefix("› ") ? String(line.dropFirst(2)) : line
            guard ["Jordan Lee", "Ana Lima", "Cai Moreno", "(not set up yet)"].contains(where: { name.drop { $0 == " " || $0 == "!" }.hasPrefix($0) }) else { continue }
            marked[group, default: []].append(name.hasPrefix("! "))
        }
        XCTAssertEqual(marked["Urgent"], [true], screen.joined(separator: "\n"))
        XCTAssertEqual(marked["Need you first"], [false], screen.joined(separator: "\n"))
        XCTAssertEqual(marked["Everyone else"], [false, false], screen.joined(separator: "\n"))
    }

    func testAt200x50EveryPatientsFiguresShowWhole() {
        let size = Size(width: 200, height: 50)
        let screen = Fixtures.therapistApp(size: size).view(size: size)
        XCTAssertNotNil(Fixtures.row(screen, containing: "Jordan Lee  jordan · 24 weeks pregnant · pain 4/10 today · 7-day 3.5 · exercises 78% · next visit Thu 3 Dec 10:15"))
        XCTAssertEqual(screen.lines.count, 50)
    }

    func testSearchFindsHerByNameAndEnterOpensHerChart() {
        let keys: [Key] = [.character("/")] + Fixtures.chars("cai")
        let app = Fixtures.therapistApp(keys: keys, size: size80)
        let screen = app.view(size: size80)
        XCTAssertNotNil(Fixtures.row(screen, containing: "Search: cai"))
        XCTAssertNotNil(Fixtures.row(screen, containing: "Cai Moreno  cai"))
        XCTAssertNil(Fixtures.row(screen, containing: "Jordan Lee"), "only the matches are listed")
        XCTAssertNotNil(Fixtures.row(screen, containing: "Found"), "a search's matches are not called 'nothing needs you'")
        var opened = app
        XCTAssertEqual(opened.update(.key(.enter)), [.openChart(login: "cai")])
        let home = Fixtures.therapistApp(keys: keys + [.enter], size: size80)
        XCTAssertEqual(home.top.kind, .home)
        XCTAssertEqual(home.context.chart?.login, "cai")
        XCTAssertEqual(home.context.patient?.name, "Cai Moreno")
    }

    func testSearchThatFindsNoOneSaysSoAndEscClearsIt() {
        let app = Fixtures.therapistApp(keys: [.character("/")] + Fixtures.chars("zed"), size: size80)
        XCTAssertNotNil(Fixtures.row(app.view(size: size80), containing: "No one in your caseload matches “zed”."))
        var cleared = app
        _ = cleared.update(.key(.escape))
        XCTAssertNotNil(Fixtures.row(cleared.view(size: size80), containing: "Jordan Lee"))
        XCTAssertEqual(cleared.top.kind, .caseload)
    }

    func testALoginWithoutARecordSaysWhyInsteadOfOpening() {
        var app = Fixtures.therapistApp(keys: [.down, .down], size: size80)
        XCTAssertEqual(app.update(.key(.enter)), [], "Bea has no record: nothing to open")
        XCTAssertEqual(app.top.kind, .caseload)
        XCTAssertNotNil(Fixtures.row(app.view(size: size80), containing: "bea has no record yet: the administrator sets it up"))
    }

    func testEscFromHerChartComesBackToTheCaseloadReadAgainAndForgetsHer() {
        var app = Fixtures.therapistApp(keys: [.enter], size: size80)
        XCTAssertEqual(app.context.chart?.login, "jordan")
        XCTAssertEqual(app.update(.key(.escape)), [.closeChart])
        XCTAssertEqual(app.top.kind, .caseload)
        XCTAssertNil(app.context.chart)
        XCTAssertNil(app.context.patient, "her record leaves the screen with her chart")
        XCTAssertEqual(app.stack.count, 1)
    }

    func testQQuitsFromTheCaseloadAndGoesBackFromTheChart() {
        var caseload = Fixtures.therapistApp(size: size80)
        XCTAssertEqual(caseload.update(.key(.character("q"))), [.quit])
        var chart = Fixtures.therapistApp(keys: [.enter], size: size80)
        XCTAssertEqual(chart.update(.key(.character("q"))), [.closeChart])
        XCTAssertEqual(chart.top.kind, .caseload)
    }

    /// Review: an urgent reason was cut to three rows at 60 columns, so with two long signs the second sign and
    /// its day became "…". Every sign she reported is named whole, however many rows it takes.
    func testAnUnreviewedWarningSignIsNeverCutAt60Columns() {
        let long = "Numbness in the groin or buttocks, or new trouble controlling the bladder or bowel"
        let second = "A severe headache that will not go away, or changes in your sight"
        let row = CaseloadRow(login: "zoe", name: "Zoe Park", isSetUp: true, stage: nil, lastPain: nil, average7: nil, adherence: nil,
                              nextVisit: nil, lastLogged: nil,
                              reasons: [.warningSigns([long, second], lastOn: Fixtures.today.adding(days: -1))])
        let lines = CaseloadScreen.lines([row], today: Fixtures.today, width: 58, glyphs: .ascii)
        let text = lines.map(\.text).joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(text.contains(second + " (yesterday)"), text)
        XCTAssertFalse(text.contains("..."), text)
    }
}
