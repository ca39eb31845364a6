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
        // Three questions as long as a question may be: the page gives them a budget of lines (taken from the
        // notes'), and still prints on one.
        for n in 1...3 {
            _ = try portal.must(["questions", "add", "Question \(n): " + String(repeating: "Is it safe to lift my toddler yet? ", count: 13)])
        }
        let (asked, withQuestions) = try portal.export(["report", "--format", "html", "--since", "2026-10-01"], name: "asked.html")
        XCTAssertTrue(withQuestions.contains("more lines in the portal)"), "a long question is cut to the budget")
        XCTAssertTrue(withQuestions.contains("2 more questions in the portal."), "the others are counted")
        for (name, file, text) in [("report", path, html), ("asked", asked, withQuestions)] {
            let a4 = portal.folder.appendingPathComponent("\(name)-a4.html")
            try text.replacingOccurrences(of: "@page { margin: 12mm; }", with: "@page { size: A4; margin: 12mm; }")
                .write(to: a4, atomically: true, encoding: .utf8)
            for (file, paper) in [(file, "letter"), (a4.path, "A4")] {
                let pdf = portal.folder.appendingPathComponent("\(name)-\(paper).pdf").path
                let printed = try runProgram(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                        "--user-data-dir=\(portal.folder.appendingPathComponent("chromium").path)",
                                                        "--print-to-pdf=\(pdf)", "file://\(file)"])
                XCTAssertEqual(printed.status, 0, printed.stderr)
                let info = try runProgram("/usr/bin/pdfinfo", [pdf]).stdout
                XCTAssertTrue(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil, "\(name), \(paper): \(info)")
                XCTAssertTrue(info.contains(paper == "A4" ? "(A4)" : "(letter)"), info)
            }
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
        _ = try portal.must(["profile", "--name", name])
        // One question at a time: the page's budget for questions (`ReportHTML.questionLineBudget`) holds a question
        // as long as a question may be, whole, but not two such (the one-page test checks the cut).
        func printed(_ name: String) throws -> String {
            let (path, _) = try portal.export(["report", "--format", "html"], name: "\(name).html")
            let pdf = portal.folder.appendingPathComponent("\(name).pdf").path
            let printed = try runProgram(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                    "--user-data-dir=\(portal.folder.appendingPathComponent("chromium").path)",
                                                    "--print-to-pdf=\(pdf)", "file://\(path)"])
            XCTAssertEqual(printed.status, 0, printed.stderr)
            return try runProgram("/usr/bin/pdftotext", [pdf, "-"]).stdout
        }
        _ = try portal.must(["questions", "add", "Is this video OK for me? " + link])
        var text = try printed("link")
        for whole in [link, name] {
            XCTAssertTrue(String(text.filter { !$0.isWhitespace }).contains(whole), "cut in print: \(whole.prefix(40))…\n\(text)")
        }
        _ = try portal.must(["questions", "remove", "1"])
        _ = try portal.must(["questions", "add", run])
        text = try printed("run")
        XCTAssertTrue(String(text.filter { !$0.isWhitespace }).contains(run), "cut in print: \(run.prefix(40))…\n\(text)")
        XCTAssertFalse(text.contains("in the portal)"), "a question as long as a question may be, alone, is whole")
    }
}
