import XCTest
import PortalCore
@testable import portal

/// The executable's wiring: where the database lives and which day it is come from the command line and
/// the environment, read here and nowhere in PortalCore.
final class WiringTests: XCTestCase {
    func testDefaultLocationFollowsXDGAndTheEnvironment() throws {
        XCTAssertEqual(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h"]).path, "/h/.local/share/portal/portal.sqlite")
        XCTAssertEqual(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h", "XDG_DATA_HOME": "/x"]).path, "/x/portal/portal.sqlite")
        XCTAssertEqual(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h", "XDG_DATA_HOME": "rel"]).path, "/h/.local/share/portal/portal.sqlite")
        XCTAssertEqual(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h", "PORTAL_DB": "/p.db"]).path, "/p.db")
        XCTAssertEqual(try StoreLocation.resolve(option: "~/a.db", environment: ["HOME": "/h", "PORTAL_DB": "/p.db"]).path, "/h/a.db")
    }

    func testAnEmptyDbOptionIsAnError() throws {
        XCTAssertThrowsError(try StoreLocation.resolve(option: "", environment: ["HOME": "/h"])) {
            XCTAssertTrue("\($0)".contains("--db needs a file path"), "\($0)")
        }
        XCTAssertEqual(try StoreLocation.resolve(option: nil, environment: ["HOME": "/h", "PORTAL_DB": ""]).path, "/h/.local/share/portal/portal.sqlite")
    }

    func testClockHonoursPinnedToday() throws {
        XCTAssertEqual(try PortalClock.fromEnvironment(["PORTAL_TODAY": "2026-05-04"]).today, CalendarDate("2026-05-04"))
        XCTAssertThrowsError(try PortalClock.fromEnvironment(["PORTAL_TODAY": "May 4"])) { error in
            XCTAssertTrue("\(error)".contains("PORTAL_TODAY"))
        }
    }

    func testCommandLineHintsNameTheCommandsPortalCoreLeavesOut() {
        XCTAssertEqual("\(CommandLineHints.adding(to: PortalError.noDatabase(path: "/x.sqlite")))",
                       "There is no portal database at /x.sqlite yet. Run `portal` to set one up, or `portal demo` to load a demo.")
        XCTAssertEqual("\(CommandLineHints.adding(to: PortalError.fileExists(path: "out.csv")))",
                       "out.csv already exists; choose another name. Use --force to replace it.")
        XCTAssertEqual("\(CommandLineHints.adding(to: PortalError.rule("No.")))", "No.", "no hint, no change")
    }
}
