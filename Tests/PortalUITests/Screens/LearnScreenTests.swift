import PortalCore
import XCTest
@testable import PortalUI

final class LearnScreenTests: XCTestCase {
    let ctx = Fixtures.context()

    func testWholeScreenAt80x24() {
        let app = Fixtures.app(keys: [.character("r")])
        XCTAssertEqual(app.top, .learn(LearnScreen()))
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Learn                                         Jordan Lee · Fri 27 Nov",
            "",
            " Prescribed for you (1 of 6 read)",
            " › Hip pain in pregnancy                                          ✓ read  4 min",
            "   Sleep positions in pregnancy and after                                 4 min",
            "   Exercise in pregnancy                                                  4 min",
            "   Understanding your pain score                                          4 min",
            "   Warning signs: when to call                                            3 min",
            "   Your six visits: what to expect                                        3 min",
            "",
            " More to read",
            "   Bowel movements after birth                                            3 min",
            "   Caring for your back while caring for baby                             4 min",
            "   Mastitis and clogged ducts                                             3 min",
            "   Returning to exercise after birth                                      3 min",
            "   Bladder leaks and pelvic floor training                                4 min",
            "   C-section scar care and recovery                                       4 min",
            "   Diastasis recti (tummy gap)                                            4 min",
            "   Low back and pelvic girdle pain                                        4 min",
            "   Pelvic pain and pain with sex                                          3 min",
            "   Recovering from a perineal tear                                        4 min",
            "   Round ligament pain                                                    3 min",
            "   Sudden urges to pee and bladder training                               3 min",
            "↑↓ move  Enter read  PgUp/PgDn page  Home/End first/last  Esc back  ? help",
        ])
    }

    func testWholeScreenAt60x18ScrollsToTheLastArticle() {
        var app = Fixtures.app(keys: [.character("r")])
        let size = Size(width: 60, height: 18)
        _ = app.update(.resized(size))
        assertLines(app.view(size: size), [
            " Portal → Learn                     Jordan Lee · Fri 27 Nov",
            "",
            " Prescribed for you (1 of 6 read)",
            " › Hip pain in pregnancy                      ✓ read  4 min",
            "   Sleep positions in pregnancy and after             4 min",
            "   Exercise in pregnancy                              4 min",
            "   Understanding your pain score                      4 min",
            "   Warning signs: when to call                        3 min",
            "   Your six visits: what to expect                    3 min",
            "",
            " More to read",
            "   Bowel movements after birth                        3 min",
            "   Caring for your back while caring for baby         4 min",
            "   Mastitis and clogged ducts                         3 min",
            "   Returning to exercise after birth                  3 min",
            "   Bladder leaks and pelvic floor training            4 min",
            "   ↓ 7 more below",
            "↑↓ move  Enter read  PgUp/PgDn page  Esc back  ? help",
        ])
        _ = app.update(.key(.end))
        assertLines(app.view(size: size), [
            " Portal → Learn                     Jordan Lee · Fri 27 Nov",
            "",
            "",
            " More to read",
            "   Bowel movements after birth                        3 min",
            "   Caring for your back while caring for baby         4 min",
            "   Mastitis and clogged ducts                         3 min",
            "   Returning to exercise after birth                  3 min",
            "   Bladder leaks and pelvic floor training            4 min",
            "   C-section scar care and recovery                   4 min",
            "   Diastasis recti (tummy gap)                        4 min",
            "   Low back and pelvic girdle pain                    4 min",
            "   Pelvic pain and pain with sex                      3 min",
            "   Recovering from a perineal tear                    4 min",
            "   Round ligament pain                                3 min",
            " › Sudden urges to pee and bladder training           3 min",
            "   ↑ 6 more above",
            "↑↓ move  Enter read  PgUp/PgDn page  Esc back  ? help",
        ])
    }

    /// QA-i I6: the list said nothing of the articles below the window at 60×18.
    func testAScrolledListSaysHowManyArticlesAreAboveAndBelow() {
        var app = Fixtures.app(keys: [.character("r")])
        let size = Size(width: 60, height: 18)
        _ = app.update(.resized(size))
        XCTAssertEqual(app.view(size: size).lines[16], "   ↓ 7 more below")
        _ = app.update(.key(.end))
        XCTAssertEqual(app.view(size: size).lines[16], "   ↑ 6 more above")
    }

    func testSelectedRowIsReversedAndHeadingsAreBold() {
        let buffer = Fixtures.draw(LearnScreen(), ctx, width: 58, height: 15)
        let selected = Fixtures.row(buffer, containing: "› Hip pain in pregnancy")!
        XCTAssertTrue((0..<58).allSatisfy { buffer[$0, selected].style.reverse })
        XCTAssertEqual(Fixtures.style(of: "Prescribed for you", in: buffer)?.bold, true)
        XCTAssertEqual(Fixtures.style(of: "More to read", in: buffer)?.bold, true)
    }

    func testReadMarkIsAWordAndTheAsciiGlyph() {
        let ascii = Fixtures.draw(LearnScreen(), Fixtures.context(glyphs: .ascii), width: 58, height: 15)
        XCTAssertEqual(ascii.lines[1], "> Hip pain in pregnancy                      x read  4 min")
        XCTAssertEqual(ascii.lines[2], "  Sleep positions in pregnancy and after             4 min")
        XCTAssertTrue(ascii.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(ascii.lines)")
    }

    func testPrescribedArticlesComeInTheTherapistsOrderThenTheRest() {
        let (prescribed, more) = LearnScreen.sections(ctx)
        XCTAssertEqual(prescribed.map(\.id), Fixtures.demo.readingList)
        XCTAssertEqual(prescribed.count + more.count, Fixtures.content.articles.count)
        XCTAssertTrue(Set(prescribed.map(\.id)).isDisjoint(with: more.map(\.id)))
    }

    func testArticlesAboutHerConditionsLeadMoreToRead() {
        // With nothing prescribed, the articles tagged with her conditions come first.
        var snapshot = Fixtures.demo
        snapshot.readingList = []
        let ctx = Fixtures.context(snapshot)
        let (prescribed, more) = LearnScreen.sections(ctx)
        XCTAssertEqual(prescribed, [])
        XCTAssertEqual(Array(more.prefix(2)).map(\.id), ["hip-pain-in-pregnancy", "sleep-positions-in-pregnancy-and-after"])
        let buffer = Fixtures.draw(LearnScreen(), ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.lines[0], "Articles")
        XCTAssertFalse(buffer.contains("Prescribed"))
    }

    func testArrowsAndViKeysMoveAndStopAtTheEnds() {
        var screen = LearnScreen()
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.selected, 1)
        XCTAssertEqual(screen.handle(.character("j"), ctx), .stay)
        XCTAssertEqual(screen.selected, 2)
        _ = screen.handle(.character("k"), ctx)
        _ = screen.handle(.up, ctx)
        _ = screen.handle(.up, ctx)
        XCTAssertEqual(screen.selected, 0)
        XCTAssertEqual(screen.handle(.end, ctx), .stay)
        XCTAssertEqual(screen.selected, 17)
        _ = screen.handle(.down, ctx)
        XCTAssertEqual(screen.selected, 17)
        XCTAssertEqual(screen.handle(.home, ctx), .stay)
        XCTAssertEqual(screen.selected, 0)
    }

    func testHeadingsAreSkipped() {
        var screen = LearnScreen()
        for _ in 0..<8 { _ = screen.handle(.down, ctx) }
        XCTAssertEqual(screen.selected, 8)
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertTrue(buffer.contains("› Mastitis and clogged ducts"), "\(buffer.lines)")
        XCTAssertTrue(buffer.contains("More to read"), "the heading comes into view with its first article")
    }

    func testPagesByTheHeightOfItsArea() {
        var screen = LearnScreen()
        let ctx = self.ctx.with(area: Size(width: 58, height: 6))
        // Five rows of list and the line that counts the rest: a page is three articles.
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        XCTAssertEqual(screen.selected, 3)
        _ = screen.handle(.pageDown, ctx)
        XCTAssertEqual(screen.selected, 6)
        _ = screen.handle(.pageUp, ctx)
        XCTAssertEqual(screen.selected, 3)
        _ = screen.handle(.pageUp, ctx)
        _ = screen.handle(.pageUp, ctx)
        XCTAssertEqual(screen.selected, 0)
        XCTAssertEqual(screen.handle(.pageDown, ctx), .stay)
        let lines = Fixtures.draw(screen, ctx, width: 58, height: 6).lines
        XCTAssertEqual(lines[4], "› Understanding your pain score                      4 min", "\(lines)")
        XCTAssertTrue(lines[5].contains("more below"), "\(lines)")
    }

    func testEnterOnAnUnreadArticleOpensItAndMarksItRead() {
        var screen = LearnScreen()
        _ = screen.handle(.down, ctx)
        let reaction = screen.handle(.enter, ctx)
        XCTAssertEqual(reaction, Reaction(.push(.reader(ReaderScreen(articleID: "sleep-positions-in-pregnancy-and-after", title: "Sleep positions in pregnancy and after"))),
                                          effects: [.markArticleRead("sleep-positions-in-pregnancy-and-after")]))
    }

    func testEnterOnAReadArticleOnlyOpensIt() {
        var screen = LearnScreen()
        XCTAssertNotNil(ctx.snapshot.articlesRead["hip-pain-in-pregnancy"])
        XCTAssertEqual(screen.handle(.enter, ctx),
                       .push(.reader(ReaderScreen(articleID: "hip-pain-in-pregnancy", title: "Hip pain in pregnancy"))))
    }

    func testThroughTheAppTheReaderOpensAndTheEffectIsAskedFor() {
        var app = Fixtures.app(keys: [.character("r"), .down])
        XCTAssertEqual(app.update(.key(.enter)), [.markArticleRead("sleep-positions-in-pregnancy-and-after")])
        guard case .reader(let reader) = app.top else { return XCTFail("expected the reader, got \(app.top)") }
        XCTAssertEqual(reader.articleID, "sleep-positions-in-pregnancy-and-after")
        XCTAssertEqual(reader.title, "Sleep positions in pregnancy and after")
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = LearnScreen()
        for key: Key in [.character("q"), .character("?"), .escape, .backspace, .left, .tab] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen.selected, 0)
    }

    func testDrawsOnlyInsideItsArea() {
        var screen = LearnScreen()
        _ = screen.handle(.end, ctx)
        Fixtures.assertStaysInside(screen, ctx)
    }
}
