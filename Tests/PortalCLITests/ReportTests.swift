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
}
