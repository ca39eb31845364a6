import PortalCore
import XCTest
@testable import PortalUI

final class ReaderScreenTests: XCTestCase {
    let ctx = Fixtures.context()
    let id = "round-ligament-pain"
    var reader: ReaderScreen { ReaderScreen(articleID: id, title: "Round ligament pain") }

    func testWholeScreenAt80x24() {
        var app = Fixtures.app(keys: [.character("r"), .end, .up, .enter])
        app.answerPendingSaves()  // opening it marked it read
        assertLines(app.view(size: Size(width: 80, height: 24)), [
            " Portal → Round ligament pain                           Jordan Lee · Fri 27 Nov",
            "",
            " Round ligament pain",
            " 3 min read · Why you may feel sudden, sharp twinges in your groin, and simple",
            " ways to move that may help.",
            "",
            " What it feels like",
            " Round ligament pain is a sudden, sharp pain low in the belly or in the groin.",
            " It usually lasts only seconds. It is often felt on the right side, though it",
            " can be on the left or on both sides.",
            "",
            " It tends to be set off by quick movements: standing up fast, rolling over in",
            " bed, or even a cough or sneeze. Between twinges you may feel fine.",
            "",
            " Why it happens",
            " Your uterus is held in place by several ligaments. The round ligaments run",
            " from the top of the uterus, down through the groin, to the soft mound over the",
            " pubic bone. Because they pass through the groin, just in front of the hip",
            " joint, the pain can feel as if it comes from the hip itself.",
            "",
            " As your baby grows, these ligaments stretch and take more load. A sudden",
            " movement can make them tighten quickly, and that is when the sharp pain comes.",
            "                                                               lines 1-20 of 57",
            "↑↓ scroll  Space next page  PgUp page back  Home/End start/end  Esc back  ? help",
        ])
    }

    func testWholeScreenAt60x18AndItsEnd() {
        var app = Fixtures.app(keys: [.character("r"), .end, .up, .enter])
        app.answerPendingSaves()  // opening it marked it read
        let size = Size(width: 60, height: 18)
        _ = app.update(.resized(size))
        assertLines(app.view(size: size), [
            " Portal → Round ligament pain       Jordan Lee · Fri 27 Nov",
            "",
            " Round ligament pain",
            " 3 min read · Why you may feel sudden, sharp twinges in",
            " your groin, and simple ways to move that may help.",
            "",
            " What it feels like",
            " Round ligament pain is a sudden, sharp pain low in the",
            " belly or in the groin. It usually lasts only seconds. It",
            " is often felt on the right side, though it can be on the",
            " left or on both sides.",
            "",
            " It tends to be set off by quick movements: standing up",
            " fast, rolling over in bed, or even a cough or sneeze.",
            " Between twinges you may feel fine.",
            "",
            "                                           lines 1-14 of 67",
            "↑↓ scroll  Space next page  PgUp page back  Esc back  ? help",
        ])
        _ = app.update(.key(.end))
        let end = app.view(size: size)
        XCTAssertEqual(end.lines[16], " End of the article.                      lines 54-67 of 67")
        XCTAssertEqual(end.lines[15], " they can look at what else might be going on.")
    }

    func testTitleIsBoldAndHeadingsAreBold() {
        let buffer = Fixtures.draw(reader, ctx, width: 78, height: 21)
        XCTAssertEqual(Fixtures.style(of: "Round ligament pain", in: buffer)?.bold, true)
        XCTAssertEqual(Fixtures.style(of: "What it feels like", in: buffer)?.bold, true)
        XCTAssertEqual(Fixtures.style(of: "It usually lasts", in: buffer)?.bold, false)
        XCTAssertEqual(Fixtures.style(of: "3 min read", in: buffer)?.dim, true)
    }

    func testBulletsUseTheGlyphs() {
        var screen = reader
        _ = screen.handle(.pageDown, ctx.with(area: Size(width: 78, height: 21)))
        XCTAssertTrue(Fixtures.draw(screen, ctx, width: 78, height: 21).contains("• sitting down and getting up slowly"))
        let ascii = Fixtures.context(glyphs: .ascii)
        XCTAssertTrue(Fixtures.draw(screen, ascii, width: 78, height: 21).contains("- sitting down and getting up slowly"))
    }

    func testScrollKeysMoveByLineAndPageAndStopAtTheEnds() {
        var screen = reader
        let ctx = self.ctx.with(area: Size(width: 78, height: 21))  // 20 rows of text, 57 lines: the last offset is 37
        XCTAssertEqual(screen.handle(.down, ctx), .stay)
        XCTAssertEqual(screen.offset, 1)
        _ = screen.handle(.character("j"), ctx)
        XCTAssertEqual(screen.offset, 2)
        _ = screen.handle(.character("k"), ctx)
        _ = screen.handle(.up, ctx)
        _ = screen.handle(.up, ctx)
        XCTAssertEqual(screen.offset, 0)
        XCTAssertEqual(screen.handle(.character(" "), ctx), .stay)
        XCTAssertEqual(screen.offset, 19, "a page keeps one line of the last one")
        _ = screen.handle(.pageDown, ctx)
        XCTAssertEqual(screen.offset, 37)
        _ = screen.handle(.pageDown, ctx)
        _ = screen.handle(.down, ctx)
        XCTAssertEqual(screen.offset, 37, "never past the last page")
        _ = screen.handle(.pageUp, ctx)
        XCTAssertEqual(screen.offset, 18)
        _ = screen.handle(.home, ctx)
        XCTAssertEqual(screen.offset, 0)
        _ = screen.handle(.end, ctx)
        XCTAssertEqual(screen.offset, 37)
        XCTAssertTrue(Fixtures.draw(screen, ctx, width: 78, height: 21).lines[20].hasSuffix("lines 38-57 of 57"))
    }

    func testResizeRewrapsAndKeepsTheOffsetInsideTheText() {
        var screen = reader
        _ = screen.handle(.end, ctx.with(area: Size(width: 58, height: 15)))
        XCTAssertEqual(screen.offset, 67 - 14)
        // Wider and taller: fewer lines, and the view shows the end without a gap below it.
        let wide = Fixtures.draw(screen, ctx, width: 120, height: 40)
        let total = ReaderScreen.lines(ctx.content.article(id), width: 120, glyphs: .unicode).count
        XCTAssertLessThan(total, 57)
        XCTAssertTrue(wide.lines[39].hasPrefix("End of the article."), wide.lines[39])
        XCTAssertTrue(wide.lines[38].hasSuffix("might be going on."), wide.lines[38])
        XCTAssertTrue(wide.lines[39].hasSuffix("lines \(total - 38)-\(total) of \(total)"), wide.lines[39])
        // The next key works from the new size: one line up from the new end.
        _ = screen.handle(.up, ctx.with(area: Size(width: 120, height: 40)))
        XCTAssertEqual(screen.offset, total - 39 - 1)
    }

    func testResizeKeepsThePlaceInTheText() {
        var screen = reader
        _ = screen.handle(.pageDown, ctx.with(area: Size(width: 78, height: 21)))
        let wide = Fixtures.draw(screen, ctx, width: 78, height: 21)
        XCTAssertEqual(wide.lines[0], "movement can make them tighten quickly, and that is when the sharp pain comes.")
        // Narrower: 67 lines instead of 57, so line 19 becomes line 22, still the same passage.
        let narrow = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertTrue(narrow.lines[14].hasSuffix("lines 23-36 of 67"), narrow.lines[14])
        XCTAssertEqual(narrow.lines[0], "As your baby grows, these ligaments stretch and take more")
        // Scrolling goes on from there, counted at the new width.
        _ = screen.handle(.down, ctx.with(area: Size(width: 58, height: 15)))
        XCTAssertEqual(screen.offset, 23)
        XCTAssertEqual(screen.anchor, ReaderScreen.Anchor(width: 58, lineCount: 67, atEnd: false))
    }

    func testAShortArticleFitsAndSaysItsEnd() {
        let buffer = Fixtures.draw(reader, ctx, width: 150, height: 60)
        let total = ReaderScreen.lines(ctx.content.article(id), width: 150, glyphs: .unicode).count
        XCTAssertLessThan(total, 59)
        XCTAssertTrue(buffer.lines[59].hasPrefix("End of the article."))
        XCTAssertTrue(buffer.lines[59].hasSuffix("lines 1-\(total) of \(total)"))
    }

    func testTitleBarTextIsTheArticleTitleCutShort() {
        XCTAssertEqual(reader.title, "Round ligament pain")
        let long = ReaderScreen(articleID: "x", title: "Caring for your back while caring for baby, and other long titles")
        XCTAssertEqual(DisplayWidth.of(long.title), 40)
        XCTAssertTrue(long.title.hasPrefix("Caring for your back while caring for"))
        XCTAssertEqual(ReaderScreen(articleID: id).title, "Reading")
    }

    func testAMissingArticleSaysSo() {
        let screen = ReaderScreen(articleID: "no-such-article")
        let buffer = Fixtures.draw(screen, ctx, width: 58, height: 15)
        XCTAssertEqual(buffer.lines[0], "This article is not available. It may have been removed")
        XCTAssertEqual(buffer.lines[1], "from the portal's content.")
        XCTAssertEqual(buffer.lines[14], "", "no position for an article that is not there")
    }

    func testOtherKeysAreLeftToTheApp() {
        var screen = reader
        for key: Key in [.character("q"), .escape, .backspace, .enter, .character("?"), .tab] {
            XCTAssertEqual(screen.handle(key, ctx), .unhandled, "\(key)")
        }
        XCTAssertEqual(screen.offset, 0)
    }

    func testEscGoesBackToTheListWhichNowShowsItRead() {
        var app = Fixtures.app(keys: [.character("r"), .end, .up, .enter])
        // The runtime marks it read and loads a new snapshot.
        var snapshot = Fixtures.demo
        snapshot.articlesRead[id] = Fixtures.today
        _ = app.update(.loaded(snapshot))
        _ = app.update(.completed(.markArticleRead(id), .nothing))
        _ = app.update(.key(.escape))
        XCTAssertEqual(app.view(size: Size(width: 80, height: 24)).lines[21],
                       " › Round ligament pain                                            ✓ read  3 min")
    }

    func testDrawsOnlyInsideItsArea() {
        var screen = reader
        _ = screen.handle(.end, ctx)
        Fixtures.assertStaysInside(screen, ctx)
        Fixtures.assertStaysInside(ReaderScreen(articleID: "missing"), ctx)
    }
}
