import XCTest
import PortalCore
@testable import PortalUI

final class ShareScreenTests: XCTestCase {
    func testSFromHomeOpensShareWithAPreviewOfTheFile() {
        let app = Fixtures.app(keys: [.character("s")])
        let screen = app.view(size: Size(width: 80, height: 24))
        XCTAssertEqual(screen.line(0), " Portal → Share with your therapist                     Jordan Lee · Fri 27 Nov")
        XCTAssertTrue(screen.contains("› Format: ← One-page report to print (HTML) →"))
        XCTAssertTrue(screen.contains("[✓] Your notes"))
        XCTAssertTrue(screen.contains("File: ~/portal-report-2026-11-27.html (readable by you only)"))
        XCTAssertTrue(screen.contains("The file will hold: your name, stage, conditions, therapist and clinic;"))
        XCTAssertFalse(screen.contains("Left out:"))
    }

    func testChoosingWhatAndWhichFormatChangesTheRequestAndThePreview() {
        let ctx = Fixtures.context()
        var s = ShareScreen()
        _ = s.handle(.down, ctx)
        _ = s.handle(.down, ctx)
        _ = s.handle(.character(" "), ctx)   // untick "Your notes"
        XCTAssertFalse(s.sections.contains(.notes))
        var buffer = Buffer(size: Size(width: 78, height: 21))
        s.view(ctx, into: &buffer, area: Rect(x: 0, y: 0, width: 78, height: 21))
        XCTAssertTrue(buffer.contains("[ ] Your notes"))
        XCTAssertTrue(buffer.contains("Left out: your notes."))
        XCTAssertFalse(buffer.contains("with your"), "no count of notes when they are left out")

        let write = s.handle(.enter, ctx)
        guard case .share(let request)? = write.effects.first else { return XCTFail("Enter writes") }
        XCTAssertFalse(request.overwrite)
        XCTAssertFalse(request.sections.contains(.notes))
        XCTAssertEqual(request.fileName, "portal-report-2026-11-27.html")
        guard case .share(let replace)? = s.handle(.character("o"), ctx).effects.first else { return XCTFail("o replaces") }
        XCTAssertTrue(replace.overwrite)

        _ = s.handle(.up, ctx); _ = s.handle(.up, ctx)
        _ = s.handle(.right, ctx); _ = s.handle(.right, ctx); _ = s.handle(.right, ctx)
        XCTAssertEqual(s.format, .ics)
        guard case .share(let ics)? = s.handle(.enter, ctx).effects.first else { return XCTFail() }
        XCTAssertEqual(ics.sections, [.visits], "a calendar holds only visits")
        XCTAssertEqual(ics.fileName, "portal-visits-2026-11-27.ics")
        buffer = Buffer(size: Size(width: 78, height: 21))
        s.view(ctx, into: &buffer, area: Rect(x: 0, y: 0, width: 78, height: 21))
        XCTAssertTrue(buffer.contains("Pain entries (not in this kind of file)"))
        XCTAssertTrue(buffer.contains("The file will hold: 1 booked or completed visit") || buffer.contains("booked or completed visits"))

    }

    /// After writing, where the file went is said once: the app's line above the key hints, not again on the
    /// screen. A new choice clears it, since it described the file before the change.
    func testWritingSaysWhereTheFileWentOnceAndANewChoiceClearsIt() {
        for size in [Size(width: 60, height: 18), Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            var app = Fixtures.app(keys: [.character("s")])
            guard case .share(let request)? = app.update(.key(.enter)).first else { return XCTFail("Enter writes") }
            _ = app.update(.completed(.share(request), .file(path: "/home/jordan/" + request.fileName)))
            let lines = app.view(size: size).lines
            let said = lines.filter { $0.contains("Written to") }
            XCTAssertEqual(said.count, 1, "\(size): said once\n" + lines.joined(separator: "\n"))
            XCTAssertTrue(lines.joined(separator: " ").contains("Written to ~/portal-report-2026-11-27.html"), "\(size)")
            let hints = lines.lastIndex { $0.contains("? help") }!
            XCTAssertTrue(lines[..<hints].suffix(3).contains { $0.contains("Written to") }, "\(size): just above the hints")
            _ = app.update(.key(.left))
            XCTAssertFalse(app.view(size: size).lines.contains { $0.contains("Written to") }, "\(size): a new choice clears it")
        }
    }

    /// Issue 21, point 7: in a clinic Enter sends it to her therapist; a file is offered (w, and o to replace)
    /// only where the clinic set a share folder, named by its real path, never "~/".
    func testInAClinicEnterSendsToHerTherapistAndAFileOnlyWithTheClinicsFolder() {
        var snapshot = Fixtures.demo
        snapshot.sendsToTherapist = true
        var ctx = Fixtures.context(snapshot)
        var s = ShareScreen()
        XCTAssertEqual(s.hints(ctx).first.map { "\($0.key) \($0.label)" }, "Enter send to my therapist")
        XCTAssertFalse(s.hints(ctx).contains { $0.key == "w" || $0.key == "o" }, "no folder: no file")
        guard case .share(let sent)? = s.handle(.enter, ctx).effects.first else { return XCTFail("Enter sends") }
        XCTAssertTrue(sent.toTherapist)
        XCTAssertTrue(s.handle(.character("o"), ctx).effects.isEmpty)
        XCTAssertTrue(s.handle(.character("w"), ctx).effects.isEmpty)
        var buffer = Buffer(size: Size(width: 78, height: 21))
        s.view(ctx, into: &buffer, area: Rect(x: 0, y: 0, width: 78, height: 21))
        XCTAssertTrue(buffer.contains("Enter sends it to your therapist: it is kept in your record for her."))
        XCTAssertFalse(buffer.contains("~/"))

        ctx.shareFolder = "/srv/portal-share/ana"
        XCTAssertTrue(s.hints(ctx).contains { $0.key == "w" && $0.label == "write a file too" })
        guard case .share(let file)? = s.handle(.character("w"), ctx).effects.first else { return XCTFail("w writes a file") }
        XCTAssertFalse(file.toTherapist)
        buffer = Buffer(size: Size(width: 78, height: 21))
        s.view(ctx, into: &buffer, area: Rect(x: 0, y: 0, width: 78, height: 21))
        XCTAssertTrue(buffer.contains("w writes a file: /srv/portal-share/ana/portal-report-2026-11-27.html"), buffer.lines.joined(separator: "\n"))

        var app = Fixtures.app(snapshot, keys: [.character("s")])
        app.shareFolder = "/srv/portal-share/ana"
        _ = app.update(.completed(.share(sent), .sent(SharedReport(date: snapshot.today, time: TimeOfDay(hour: 9, minute: 0)!,
                                                                   format: .reportHTML, sections: [.pain], body: "x"))))
        XCTAssertTrue(app.view(size: Size(width: 80, height: 24)).contains("Sent to your therapist"))
        _ = app.update(.completed(.share(file), .file(path: "/srv/portal-share/ana/" + file.fileName)))
        XCTAssertTrue(app.view(size: Size(width: 200, height: 50)).contains("Written to /srv/portal-share/ana/portal-report-2026-11-27.html"))
    }

    func testAtTheMinimumSizeThePreviewStillShows() {
        let app = Fixtures.app(keys: [.character("s")])
        let lines = app.view(size: Size(width: 60, height: 18)).lines
        XCTAssertTrue(lines.contains { $0.contains("The file will hold:") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    /// At 60×18 the file line wraps instead of losing "(readable by you only)", and the preview still ends
    /// whole (the heading over the parts gives way first); in a wide window the text keeps a reading measure.
    func testTheFileLineWrapsAtTheMinimumAndTheTextKeepsAMeasureWhenWide() {
        let app = Fixtures.app(keys: [.character("s")])
        let small = app.view(size: Size(width: 60, height: 18)).lines.map { $0.trimmingCharacters(in: .whitespaces) }
        let file = try! XCTUnwrap(small.firstIndex { $0.hasPrefix("File: ~/portal-report-2026-11-27.html") })
        XCTAssertEqual(small[file] + " " + small[file + 1], "File: ~/portal-report-2026-11-27.html (readable by you only)")
        XCTAssertTrue(small.contains { $0.hasSuffix("no questionnaires.") || $0.hasSuffix("with the change in each score.") },
                      "the summary ends whole, its last part named: " + small.joined(separator: "\n"))
        XCTAssertFalse(small.contains("What goes in:"), "the heading gives way on a small window: " + small.joined(separator: "\n"))
        let wide = app.view(size: Size(width: 200, height: 50)).lines.dropFirst().dropLast()
        XCTAssertTrue(wide.contains { $0.contains("What goes in:") })
        XCTAssertTrue(wide.allSatisfy { DisplayWidth.of($0.trimmingCharacters(in: .whitespaces)) <= PortalApp.readingMeasure },
                      wide.joined(separator: "\n"))
    }

    /// QA-i I6: at 60×18 the parts below the window were hidden without a word, and the summary said "warning
    /// signs you ticked" for a patient who reported none and nothing of the ticked diaries and questionnaires.
    func testAtTheMinimumTheHiddenPartsAreCountedAndTheSummaryNamesEveryTickedPart() throws {
        let app = Fixtures.app(keys: [.character("s")])
        let lines = app.view(size: Size(width: 60, height: 18)).lines
        let shownParts = ShareScreen.parts.filter { part in lines.contains { $0.contains("] " + part.title) } }.count
        let mark = try XCTUnwrap(lines.first { $0.contains("more below") }, lines.joined(separator: "\n"))
        XCTAssertTrue(mark.contains("↓ \(ShareScreen.parts.count - shownParts) more below"), mark)
        let preview = ShareScreen.preview(Fixtures.context(), format: .reportHTML, sections: Set(ExportSection.allCases), width: 200).joined(separator: " ")
        XCTAssertFalse(preview.contains("warning signs you ticked"), preview)
        XCTAssertTrue(preview.contains("no warning signs"), preview)
        for part in ["bladder diary entries", "bowel log entries", "questionnaires", "pelvic floor check-ins"] {
            XCTAssertTrue(preview.contains(part), "\(part): \(preview)")
        }
    }
}
