import ClinicTestSupport
import Foundation
@testable import PortalClinic
import PortalCore
import StoreTestSupport
import XCTest

/// What the commands say while the clinic's server is busy (qa-d D4's second half: a table held by a lock no
/// login can take any more, here the administrator's), run as the built executable with the patient's login.
final class ClinicBusyTests: XCTestCase {
    static let cluster = ClassCluster()
    override class func setUp() { super.setUp(); cluster.start() }
    override class func tearDown() { cluster.stop(); super.tearDown() }

    /// `portal signs` still says what to do now, then that nothing was saved; `portal today`, which only reads,
    /// says what it could not do, never "nothing was saved".
    func testABusyServerStillGivesTheSafetyMessageAndAReadSaysItCouldNotRead() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let admin = try w.sql("postgres")
        _ = try admin.query("BEGIN")
        _ = try admin.query("LOCK TABLE pain_entry, sign_report IN ACCESS EXCLUSIVE MODE")
        defer { _ = try? admin.query("ROLLBACK") }
        // Her session waits 0.3 s for a lock, not the login's 5 s default (a setting any session may change).
        let env = ["PGOPTIONS=-c lock_timeout=300"]
        let db = ["--db", w.cluster.conninfo(w.a.patientRole)]

        var (status, text) = try PortalExecutable.run(["signs", "chest-pain"] + db, in: self, env: env)
        XCTAssertNotEqual(status, 0, text)
        let alert = try XCTUnwrap(SafetyRules.alert(for: ["chest-pain"].compactMap(sharedContent.safety.sign), guide: sharedContent.safety,
                                                    date: day("2026-11-27"))).text
        XCTAssertTrue(text.hasPrefix(alert), text)
        XCTAssertTrue(text.contains("busy with another change; nothing was saved"), text)
        XCTAssertFalse(text.contains("Saved:"), text)

        (status, text) = try PortalExecutable.run(["today"] + db, in: self, env: env)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("The clinic database is busy with another change, so nothing could be read just now."), text)
        XCTAssertFalse(text.contains("nothing was saved"), text)
    }

    /// qa-d D11d: `today --patient` with a right-to-left override says so by name.
    func testAnUnknownPatientIsQuotedWithItsFormattingCharactersShown() throws {
        let w = try ClinicWorld(try Self.cluster.get())
        let (status, text) = try PortalExecutable.run(["today", "--patient", w.a.patientRole + "\u{202E}", "--db", w.cluster.conninfo(w.t1)], in: self)
        XCTAssertNotEqual(status, 0, text)
        XCTAssertTrue(text.contains("There is no patient “\(w.a.patientRole)<U+202E>” in your caseload."), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x202E }, text)
    }
}
