import XCTest
import PortalCore
@testable import PortalUI

/// Issue 19, point 4: on the Share screen pain, her notes and the warning signs are three choices; the preview
/// says what each one she kept puts in the file, and names each one left out.
final class SharePartsTests: XCTestCase {
    private func preview(_ sections: Set<ExportSection>, format: ShareFormat = .reportHTML) -> String {
        ShareScreen.preview(Fixtures.context(), format: format, sections: sections, width: 400).joined(separator: " ")
    }

    func testUntickingPainKeepsHerNotesAndTheWarningSignsInThePreview() {
        var s = ShareScreen()
        let ctx = Fixtures.context()
        _ = s.handle(.down, ctx)                 // "Pain entries"
        _ = s.handle(.character(" "), ctx)       // untick it
        XCTAssertEqual(s.sections, Set(ExportSection.allCases).subtracting([.pain]))
        let notes = Fixtures.demo.painEntries.filter { $0.date >= Fixtures.today.adding(days: -27) && !$0.note.isEmpty }.count
        XCTAssertGreaterThan(notes, 0, "the demo has notes to keep")

        let text = preview(s.sections)
        XCTAssertTrue(text.contains("your \(notes) notes from the last 28 days, without the pain scores"), text)
        XCTAssertTrue(text.contains("no warning signs (you reported none"), text)
        XCTAssertTrue(text.hasSuffix("Left out: pain entries."), text)
        guard case .share(let request)? = s.handle(.enter, ctx).effects.first else { return XCTFail("Enter writes") }
        XCTAssertEqual(request.sections, s.sections, "what the preview promised is what is asked for")
    }

    /// At the smallest window, whatever is left out is named, whichever parts it is: the preview runs its two
    /// paragraphs together, and then cuts what the file holds (the ticked boxes say it too) before the names.
    func testAtTheMinimumSizeEveryPartLeftOutIsNamed() {
        let ctx = Fixtures.context()
        let all = ExportSection.allCases
        for mask in 0..<(1 << all.count) {
            var s = ShareScreen()
            s.sections = Set(all.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
            let lines = Fixtures.drawInScreenArea(s, ctx, width: 60, height: 18).lines.map { $0.trimmingCharacters(in: .whitespaces) }
            let text = lines.joined(separator: " ")
            let out = all.filter { !s.sections.contains($0) }
            guard !out.isEmpty else { continue }
            XCTAssertTrue(text.contains("Left out: " + out.map { $0.title.lowercased() }.joined(separator: ", ") + "."),
                          "\(out)\n" + lines.joined(separator: "\n"))
            XCTAssertTrue(text.contains("The file will hold:"), "\(out)")
        }
    }

    func testEachOfTheThreeIsItsOwnChoice() {
        let all = Set(ExportSection.allCases)
        let onlySigns = preview(all.subtracting([.pain, .notes]))
        XCTAssertTrue(onlySigns.contains("no warning signs (you reported none"), onlySigns)
        XCTAssertFalse(onlySigns.contains("with your") || onlySigns.contains("without the pain scores"), "no notes: \(onlySigns)")
        XCTAssertTrue(onlySigns.hasSuffix("Left out: pain entries, your notes."), onlySigns)

        let onlyNotes = preview(all.subtracting([.pain, .warningSigns]))
        XCTAssertTrue(onlyNotes.contains("without the pain scores"), onlyNotes)
        XCTAssertFalse(onlyNotes.contains("no warning signs (you reported none"), onlyNotes)
        XCTAssertTrue(onlyNotes.hasSuffix("Left out: pain entries, warning signs."), onlyNotes)

        let painOnly = preview(all.subtracting([.notes, .warningSigns]))
        XCTAssertTrue(painOnly.contains("pain entries from the last 28 days"), painOnly)
        XCTAssertFalse(painOnly.contains("with your") || painOnly.contains("without the pain scores"), "no notes: \(painOnly)")
        XCTAssertFalse(painOnly.contains("no warning signs (you reported none"), painOnly)

        // The spreadsheet holds the notes without the scores too.
        let csv = preview(ShareFormat.csv.possibleSections.subtracting([.pain]), format: .csv)
        XCTAssertTrue(csv.contains("without the pain scores"), csv)
        XCTAssertTrue(csv.contains("no warning signs (you reported none"), csv)
    }
}
