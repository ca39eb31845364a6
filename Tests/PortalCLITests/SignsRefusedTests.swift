import Foundation
import XCTest
@testable import PortalCore

/// D13: `portal signs` says what to do (call 911 now, or her provider) from the signs she gave before anything is
/// written, so a store that refuses the write (a clinic server that is down or busy, a file she may not
/// write) never keeps the safety message from her; then it says that nothing was saved.
final class SignsRefusedTests: XCTestCase {
    private func expectedAlert() throws -> String {
        let signs = ["chest-pain"].compactMap(sharedGuide.sign)
        return try XCTUnwrap(SafetyRules.alert(for: signs, guide: sharedGuide, date: CalendarDate("2026-11-27")!)).text
    }

    func testTheSafetyMessagePrintsWhenTheClinicServerDoesNotAnswer() throws {
        let portal = try PortalRunner(self)
        let r = try portal.run(["signs", "chest-pain"], env: ["PORTAL_DB": "host=\(portal.folder.path)/nowhere port=5 dbname=portal user=ana",
                                                             "PORTAL_DB_WAIT": "1"])
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.hasPrefix(try expectedAlert()), r.stdout)
        XCTAssertTrue(r.stdout.contains("call 911"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Saved"), r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("Error: "), r.stderr)
    }

    /// qa-d D11d: a refusal quoting what was typed shows a right-to-left override or an escape by name; every
    /// message the command line prints goes through the one helper (`PlainText.visible`).
    func testARefusalShowsFormattingAndControlCharactersByName() throws {
        let portal = try PortalRunner(self)
        var r = try portal.run(["signs", "chest-pain\u{202E}"])
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("Error: “chest-pain<U+202E>” is not a warning sign."), r.stderr)
        XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x202E }, r.stderr)
        r = try portal.run(["signs", "\u{1B}[2Jfever"])
        XCTAssertTrue(r.stderr.hasPrefix("Error: “<ESC>[2Jfever” is not a warning sign."), r.stderr)
        r = try portal.run(["log", "--site", "back\u{202E}", "3"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B }, r.stderr)
        XCTAssertTrue(r.stderr.contains("<U+202E>"), r.stderr)
    }

    func testTheSafetyMessagePrintsWhenTheFileRefusesTheWrite() throws {
        let portal = try PortalRunner(self)
        XCTAssertEqual(try portal.run(["demo"]).status, 0)
        let folder = portal.folder.path
        chmod(portal.db.path, 0o444)
        chmod(folder, 0o555)
        addTeardownBlock { chmod(folder, 0o755) }
        let r = try portal.run(["signs", "chest-pain"])
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.hasPrefix(try expectedAlert()), r.stdout)
        XCTAssertFalse(r.stdout.contains("Saved"), r.stdout)
        XCTAssertTrue(r.stderr.contains("nothing was saved"), r.stderr)
    }
}
