import Foundation
import XCTest
@testable import PortalCore

final class ReportTests: XCTestCase {
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

    /// qa-e E17: a question holding a pasted link, a 500-character run without a space and an 80-character name
    /// without one are printed whole: every text of the page wraps at its edge (pdftotext reads each back).
    func testLongUnbrokenTextIsPrintedWholeInsideThePage() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("chromium and pdftotext (poppler-utils) are not installed: `make test` installs them.")
        }
        let portal = try PortalRunner(self)
        try portal.demo()
        let link = "https://www.youtube.com/watch?v=abcdefghijk&list=PLabcdefghijklmnopqrstuvwxyz0123456789&index=12&t=345s&feature=shared_postpartum_core_rehab"
        let run = String(repeating: "abcdefghij", count: 50)
        let name = String(repeating: "Jordanna", count: 10)
        _ = try portal.must(["questions", "add", "Is this video OK for me? " + link])
        _ = try portal.must(["questions", "add", run])
        _ = try portal.must(["profile", "--name", name])
        let (path, _) = try portal.export(["report", "--format", "html"], name: "long.html")
        let pdf = portal.folder.appendingPathComponent("long.pdf").path
        let printed = try runProgram(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                "--user-data-dir=\(portal.folder.appendingPathComponent("chromium").path)",
                                                "--print-to-pdf=\(pdf)", "file://\(path)"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let text = try runProgram("/usr/bin/pdftotext", [pdf, "-"]).stdout
        let joined = String(text.filter { !$0.isWhitespace })
        for whole in [link, run, name] {
            XCTAssertTrue(joined.contains(whole), "cut in print: \(whole.prefix(40))…\n\(text)")
        }
        // Wrapped, two 500-character questions take more lines than the one page budgets for questions (none):
        // the page count is the one-page test's, with ordinary questions.
    }
}
