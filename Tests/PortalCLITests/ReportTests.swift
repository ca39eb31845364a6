import Foundation
import XCTest
@testable import PortalCore

final class ReportTests: XCTestCase {
    /// Words of a text with any run of spaces and line breaks as one space: how wrapped text compares.
    func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }

    func testTheTextReportFitsOnePageOf80ColumnsAndKeepsTheNoteWhole() throws {
        let portal = try PortalRunner(self)
        try portal.demoWithAwkwardData()
        let r = try portal.run(["report"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.components(separatedBy: "\n").dropLast()
        XCTAssertLessThanOrEqual(lines.count, 66, r.stdout)
        for line in lines { XCTAssertLessThanOrEqual(ReportText.cells(line), 80, line) }
        XCTAssertTrue(r.stdout.contains("PHYSICAL THERAPY SUMMARY"))
        XCTAssertTrue(r.stdout.contains("Jordan Lee"))
        XCTAssertTrue(r.stdout.contains("2026-10-31 to 2026-11-27"))
        XCTAssertTrue(r.stdout.contains("clinically important improvement"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Back of hip / buttock (right)"))
        XCTAssertTrue(r.stdout.contains("3. Follow-up: Booked Tue 24 Nov 2026 17:30"), "the demo's late visit, not recorded yet")
        XCTAssertTrue(r.stdout.contains("4. Re-evaluation: Booked Thu 3 Dec 2026 10:15"))
        XCTAssertTrue(r.stdout.contains("2026-11-24: 2 yes"), r.stdout)
        XCTAssertTrue(words(r.stdout).contains(words(awkwardNote.replacingOccurrences(of: "\n", with: " / "))),
                      "the 1000-character note is on the page, whole (its line breaks shown as /)")

        let lastVisit = try portal.run(["report", "--since-last-visit", "--format", "markdown"])
        XCTAssertEqual(lastVisit.status, 0, lastVisit.stderr)
        XCTAssertTrue(lastVisit.stdout.hasPrefix("# Physical therapy summary: 2026-11-17 to 2026-11-27"), lastVisit.stdout)
        let unescaped = lastVisit.stdout.replacingOccurrences(of: #"\\(.)"#, with: "$1", options: .regularExpression)
        XCTAssertTrue(words(unescaped).contains(words(awkwardNote)), "Markdown escapes the note's punctuation, and loses none of it")
    }

    func testLeavingOutNotesRemovesEveryNoteSheWrote() throws {
        let portal = try PortalRunner(self)
        try portal.demoWithAwkwardData()
        for format in ["text", "markdown", "html"] {
            let r = try portal.run(["report", "--format", format, "--exclude", "notes", "--since", "2026-11-01"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.contains("Après"), format)
            XCTAssertFalse(r.stdout.contains("Stretches helped"), format)
            XCTAssertTrue(r.stdout.contains("Left out by the patient: your notes"), format)
        }
        let onlyVisits = try portal.run(["report", "--include", "visits"]).stdout
        XCTAssertFalse(onlyVisits.contains("Jordan Lee"))
        XCTAssertFalse(onlyVisits.contains("PAIN"))
        XCTAssertTrue(onlyVisits.contains("VISITS"))
    }

    func testBadReportOptionsAreRefused() throws {
        let portal = try PortalRunner(self)
        try portal.run(["demo"])
        let cases: [([String], String)] = [
            (["report", "--since", "2026-12-01"], "in the future"),
            (["report", "--since", "yesterday"], "YYYY-MM-DD"),
            (["report", "--since", "2026-11-01", "--since-last-visit"], "not both"),
            (["report", "--exclude", "diary"], "Choose from: pain, notes"),
            (["report", "--format", "pdf"], "pdf"),
        ]
        for (args, message) in cases {
            let r = try portal.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    func testTheHTMLReportPrintsOnOnePageOfLetterAndA4InChromium() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") else {
            throw XCTSkip("chromium and pdfinfo (poppler-utils) are not installed: `make test` installs them.")
        }
        let portal = try PortalRunner(self)
        try portal.demoWithAwkwardData()
        let (path, html) = try portal.export(["report", "--format", "html", "--since", "2026-10-01"], name: "report.html")
        XCTAssertTrue(html.contains(ReportHTML.e(awkwardNote)), "the note, HTML-escaped, whole")
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "nothing is fetched")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
        let a4 = portal.folder.appendingPathComponent("report-a4.html")
        try html.replacingOccurrences(of: "@page { margin: 12mm; }", with: "@page { size: A4; margin: 12mm; }")
            .write(to: a4, atomically: true, encoding: .utf8)
        for (file, paper) in [(path, "letter"), (a4.path, "A4")] {
            let pdf = portal.folder.appendingPathComponent("report-\(paper).pdf").path
            let printed = try runProgram(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                    "--user-data-dir=\(portal.folder.appendingPathComponent("chromium").path)",
                                                    "--print-to-pdf=\(pdf)", "file://\(file)"])
            XCTAssertEqual(printed.status, 0, printed.stderr)
            let info = try runProgram("/usr/bin/pdfinfo", [pdf]).stdout
            XCTAssertTrue(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil, "\(paper): \(info)")
            XCTAssertTrue(info.contains(paper == "A4" ? "(A4)" : "(letter)"), info)
        }
    }
}
