import Foundation
import XCTest

/// QA-i I9: `profile --born` took a birth date from before the pregnancy (a slip of the year), and a later
/// `profile --due` silently erased the recorded birth. One rule with the form (`Patient.validateChange`).
final class BirthRecordTests: XCTestCase {
    func testABirthBeforeThePregnancyIsRefusedAndADueDateNeverErasesTheBirthSilently() throws {
        let portal = try PortalRunner(self)
        try portal.must(["setup", "--name", "Bea", "--due", "2027-02-20", "--condition", "low-back"])
        let pregnant = try portal.must(["profile"]).stdout

        let slip = try portal.run(["profile", "--born", "2025-12-07", "--delivery", "vaginal"])
        XCTAssertEqual(slip.status, 1)
        XCTAssertEqual(slip.stderr, "Error: Sun 7 Dec 2025 is before this pregnancy began: with a due date of Sat 20 Feb 2027, the birth date is from 2026-05-02 to today, 2026-11-27. Check the year.\n")
        XCTAssertEqual(try portal.must(["profile"]).stdout, pregnant, "nothing written")

        try portal.must(["profile", "--born", "2026-11-26", "--delivery", "vaginal"])
        let born = try portal.must(["profile"]).stdout
        let due = try portal.run(["profile", "--due", "2027-03-01"])
        XCTAssertEqual(due.status, 1)
        XCTAssertEqual(due.stderr, "Error: Your baby's birth is recorded (Thu 26 Nov 2026, vaginal birth); a due date would remove it, so nothing was changed. "
                       + "To put it right, change the birth date or how your baby was born instead. Give --born YYYY-MM-DD and --delivery vaginal or cesarean; "
                       + "or, if the birth was recorded by mistake, add --remove-birth.\n")
        XCTAssertEqual(try portal.must(["profile"]).stdout, born, "the birth is still recorded")
        XCTAssertEqual(try portal.run(["profile", "--born", "2026-11-25", "--delivery", "vaginal", "--remove-birth"]).status, 1, "--remove-birth goes with --due")

        // Asked for by name, it is done and said.
        let undo = try portal.must(["profile", "--due", "2027-02-20", "--remove-birth"])
        XCTAssertTrue(undo.stdout.hasPrefix("Removed the recorded birth (Thu 26 Nov 2026, vaginal birth).\nSaved your details."), undo.stdout)
        XCTAssertTrue(try portal.must(["profile"]).stdout.contains("Due date:   Sat 20 Feb 2027"))
    }
}
